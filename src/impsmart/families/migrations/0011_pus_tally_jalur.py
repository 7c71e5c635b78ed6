"""The tally of stored PUS months counts per jalur too, so that a register's footer (counts per
month, status and jalur) is summed from it instead of from a desa's tens of thousands of
stored months. The tally is recounted from the stored months; on PostgreSQL it gets a "C"
index of region codes per month, which the scope's byte-wise ranges walk (families 0008).
"""

from django.db import migrations, models

from impsmart.pg_indexes import swapping

KEYS = "month, region_code, status, jalur, drop_out"
TALLIED = "month, region_code, status, COALESCE(jalur, ''), drop_out"


def recount(apps, schema_editor):
    schema_editor.execute("DELETE FROM families_pustally")
    schema_editor.execute(
        f"INSERT INTO families_pustally ({KEYS}, n) "
        f"SELECT {TALLIED}, COUNT(*) FROM families_pusmonth GROUP BY {TALLIED} "
        "ORDER BY month, region_code"  # a desa's rows of a month together (pus_months._tally)
    )


def recount_without_jalur(apps, schema_editor):
    keys = "month, region_code, status, drop_out"
    schema_editor.execute("DELETE FROM families_pustally")
    schema_editor.execute(
        f"INSERT INTO families_pustally ({keys}, jalur, n) "
        f"SELECT {keys}, '', COUNT(*) FROM families_pusmonth GROUP BY {keys}"
    )


class Migration(migrations.Migration):
    dependencies = [("families", "0010_pus_month_member_month_key")]

    operations = [
        migrations.RemoveConstraint(model_name="pustally", name="pus_tally_once"),
        migrations.AddField(
            model_name="pustally",
            name="jalur",
            field=models.CharField(blank=True, default="", max_length=10),
        ),
        migrations.RunPython(recount, recount_without_jalur, elidable=False),
        migrations.AddConstraint(
            model_name="pustally",
            constraint=models.UniqueConstraint(
                fields=("month", "region_code", "status", "jalur", "drop_out"),
                name="pus_tally_once",
            ),
        ),
        swapping(
            {"pus_tally_region_c": 'families_pustally (month, region_code COLLATE "C")'},
            {},
            ("families_pustally",),
        ),
    ]
