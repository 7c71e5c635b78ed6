"""PostgreSQL: a woman's episodes read from one index (member, start date, and what the
visit list and the status read of them), so that the desa-wide walks — a visit list's
2,000 listed members, the unmet-need status lookups — answer from the index without visiting
each episode's row (the largest desa's episodes query 4.2 -> 2.6 ms). SQLite gets nothing.
"""

from django.db import migrations

from impsmart.pg_indexes import swapping

INDEXES = {
    "episode_member_covering": (
        "families_contraceptiveepisode (member_id, start_date) "
        "INCLUDE (method, method_type, end_date, end_reason, jalur)"
    ),
}
TABLES = ("families_contraceptiveepisode",)


class Migration(migrations.Migration):
    dependencies = [("families", "0008_region_code_c_indexes_postgresql")]

    operations = [swapping(INDEXES, {}, TABLES)]
