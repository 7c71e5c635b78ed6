"""PostgreSQL: finer statistics of the families' region codes (a dusun's families are
estimated near their number, pg_indexes.finer_statistics)."""

from django.db import migrations

from impsmart.pg_indexes import finer_statistics


class Migration(migrations.Migration):
    dependencies = [("families", "0011_pus_tally_jalur")]

    operations = [finer_statistics((("families_family", "region_code"),))]
