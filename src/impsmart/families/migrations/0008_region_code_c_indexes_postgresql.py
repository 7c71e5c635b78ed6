"""PostgreSQL: region-code indexes in the "C" collation, in place of ``varchar_pattern_ops``.

Scope filters on these columns compare codes byte by byte as one range (``accounts/scope.py``,
``_binary_range``), which a "C" index walks whatever the database's collation, in the
register's order (region code, family number; ``register.counted_in_order``). The LIKE
prefix tests that remain (a kabupaten's scope) use a "C" index as they used the pattern
ones. The stored PUS months' index also carries each row's status, jalur and member: a
register's footer and its count of women read the index only. SQLite gets nothing here.
"""

from django.db import migrations

from impsmart.pg_indexes import swapping

INDEXES = {
    "family_region_c": 'families_family (region_code COLLATE "C", kk_number COLLATE "C")',
    "pus_month_region_c": (
        'families_pusmonth (month, region_code COLLATE "C", status, jalur, member_id)'
    ),
}
# families 0005
PATTERN = {
    "families_family_region_pattern": "families_family (region_code varchar_pattern_ops)",
    "families_pusmonth_month_region_pattern": (
        "families_pusmonth (month, region_code varchar_pattern_ops)"
    ),
}


TABLES = ("families_family", "families_pusmonth")


class Migration(migrations.Migration):
    dependencies = [("families", "0007_covering_indexes_for_region_reads")]

    operations = [swapping(INDEXES, PATTERN, TABLES)]
