"""PostgreSQL: the search text's region-code index in the "C" collation (as families 0008), in
place of the model's index (which SQLite keeps), and finer statistics of its region codes (as
families 0012)."""

from django.db import migrations

from impsmart.pg_indexes import finer_statistics, swapping

C_INDEX = {"family_text_region_c": 'families_familytext (region_code COLLATE "C")'}
MODEL_INDEX = {"family_text_region": "families_familytext (region_code)"}


class Migration(migrations.Migration):
    dependencies = [("families", "0013_family_text")]

    operations = [
        swapping(C_INDEX, MODEL_INDEX, ("families_familytext",)),
        finer_statistics((("families_familytext", "region_code"),)),
    ]
