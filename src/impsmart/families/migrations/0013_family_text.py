"""The family list's search text (``FamilyText``, families/family_text.py), built from the
registers as they stand; from here on every write keeps it."""

import django.db.models.deletion
from django.db import migrations, models

# ``family_text.of`` in plain SQL (a migration may not import the app's code).
NAMES = {
    "postgresql": "string_agg(m.name, E'\\n' ORDER BY m.name)",
    "sqlite": "group_concat(m.name, char(10))",
}
BUILD = """
INSERT INTO families_familytext (family_id, region_code, text)
SELECT f.id, f.region_code, UPPER(f.address || %s || COALESCE(
    (SELECT {names} FROM families_member m WHERE m.family_id = f.id), ''
)) FROM families_family f
"""


def build(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(BUILD.format(names=NAMES[vendor]), ["\n"])


class Migration(migrations.Migration):
    dependencies = [("families", "0012_family_region_statistics_postgresql")]

    operations = [
        migrations.CreateModel(
            name="FamilyText",
            fields=[
                (
                    "family",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="families.family",
                    ),
                ),
                ("region_code", models.CharField(max_length=40)),
                ("text", models.TextField()),
            ],
            options={
                "indexes": [models.Index(fields=["region_code"], name="family_text_region")],
            },
        ),
        # Backwards the table is dropped next, with its indexes and rows.
        migrations.RunPython(build, migrations.RunPython.noop, elidable=False),
    ]
