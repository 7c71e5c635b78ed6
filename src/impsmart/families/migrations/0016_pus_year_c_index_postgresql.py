"""PostgreSQL: the first months' index compares region codes in the "C" collation (as families
0008), in place of the model's index (which SQLite keeps). Its own migration: the model's index
is created at the end of the migration that creates the model."""

from django.db import migrations

from impsmart.pg_indexes import swapping

C_INDEX = {"pus_year_region_c": 'families_pusyear (year, region_code COLLATE "C", first_month)'}
MODEL_INDEX = {"pus_year_region": "families_pusyear (year, region_code, first_month)"}


class Migration(migrations.Migration):
    dependencies = [("families", "0015_pus_year")]

    operations = [swapping(C_INDEX, MODEL_INDEX, ("families_pusyear",))]
