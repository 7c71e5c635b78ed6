"""PostgreSQL: the members with an episode in the visit list's order (region code and KK number
in the "C" collation, birth date, member), so that the list reads their order from an index
instead of sorting a desa's 2,000 rows in the database's collation (C.UTF-8 compares through
the C library, "C" byte by byte). SQLite gets nothing here: its order is already byte by byte."""

from django.db import migrations

from impsmart.pg_indexes import swapping

ORDER_C = {
    "listed_member_order_c": 'counseling_listedmember (region_code COLLATE "C", '
    'kk_number COLLATE "C", birth_date, member_id) WHERE has_episode',
}


class Migration(migrations.Migration):
    dependencies = [("counseling", "0006_listed_member_region_statistics_postgresql")]

    operations = [swapping(ORDER_C, {}, ("counseling_listedmember",))]
