"""Each PUS's first stored month of each year (``PusYear``), filled from the stored months."""

import django.db.models.deletion
from django.db import migrations, models


def group_stored_months(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        year = "CAST(EXTRACT(YEAR FROM month) AS integer)"
    else:
        year = "CAST(strftime('%%Y', month) AS integer)"
    schema_editor.execute(
        "INSERT INTO families_pusyear (member_id, year, family_id, region_code, first_month) "
        f"SELECT member_id, {year}, MAX(family_id), MAX(region_code), MIN(month) "
        f"FROM families_pusmonth GROUP BY member_id, {year}",
        (),
    )


class Migration(migrations.Migration):
    dependencies = [("families", "0014_family_text_c_index_postgresql")]

    operations = [
        migrations.CreateModel(
            name="PusYear",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "member",
                        "year",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("year", models.SmallIntegerField()),
                ("region_code", models.CharField(max_length=40)),
                ("first_month", models.DateField()),
                (
                    "family",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="families.family",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="families.member",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["year", "region_code", "first_month"], name="pus_year_region"
                    )
                ],
            },
        ),
        migrations.RunPython(group_stored_months, migrations.RunPython.noop),
    ]
