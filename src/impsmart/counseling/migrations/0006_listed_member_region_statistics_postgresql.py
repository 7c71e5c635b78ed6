"""PostgreSQL: finer statistics of the listed members' region codes, so that the visit list
of a dusun reads its members' visits by index instead of scanning every visit."""

from django.db import migrations

from impsmart.pg_indexes import finer_statistics


class Migration(migrations.Migration):
    dependencies = [("counseling", "0005_listed_member_order")]

    operations = [finer_statistics((("counseling_listedmember", "region_code"),))]
