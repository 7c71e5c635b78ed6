"""PostgreSQL: the listed members' region-code index in the "C" collation (as families 0008),
in place of the ``varchar_pattern_ops`` one of 0003. SQLite gets nothing here."""

from django.db import migrations

from impsmart.pg_indexes import swapping

C_INDEX = {
    "listed_member_region_c": 'counseling_listedmember (region_code COLLATE "C", member_id, '
    "has_episode, has_pregnancy, has_intention, has_referral)",
}
PATTERN = {
    "listed_member_region_pattern": "counseling_listedmember (region_code varchar_pattern_ops, "
    "member_id, has_episode, has_pregnancy, has_intention, has_referral)",
}
TABLES = ("counseling_listedmember",)


class Migration(migrations.Migration):
    dependencies = [("counseling", "0003_listed_member")]

    operations = [swapping(C_INDEX, PATTERN, TABLES)]
