"""The stored PUS months keyed by (member, month), without ``id`` and ``pus_month_once``.

Django cannot change a table's primary key in place, so the rows move to a new table (the
table is derived, but its rows are kept: a built month is not rebuilt), the old one is
dropped and the new one takes its name. On PostgreSQL each stored row then enters three
indexes instead of six (what the import's tens of thousands of month rows paid for most):
the key, which INCLUDEs status and jalur and so serves what ``pus_month_member`` served (a
woman's months with their status, read from the index alone); the "C" index of region codes
(families 0008), which now carries the drop-out flag too and so serves what the (month,
region code, status, jalur, drop-out) index served; and the family's index (a refresh
deletes by family). SQLite keeps the model's two indexes beside its key. Backwards, the rows
move back to a table with ``id``.
"""

from django.db import migrations, models

COLUMNS = "month, member_id, family_id, region_code, status, jalur, drop_out"
OLD_REGION_C = (
    'families_pusmonth (month, region_code COLLATE "C", status, jalur, member_id)'  # 0008
)
REGION_C = 'families_pusmonth (month, region_code COLLATE "C", status, jalur, drop_out, member_id)'
SQLITE_ONLY = ("pus_month_member", "families_pu_month_a92612_idx")


def copy_forward(apps, schema_editor):
    schema_editor.execute(
        f"INSERT INTO families_pusmonthkeyed ({COLUMNS}) "
        f"SELECT {COLUMNS} FROM families_pusmonth ORDER BY member_id, month"
    )


def copy_backward(apps, schema_editor):
    schema_editor.execute(
        f"INSERT INTO families_pusmonth ({COLUMNS}) "
        f"SELECT {COLUMNS} FROM families_pusmonthkeyed ORDER BY month, member_id"
    )


def nothing(apps, schema_editor):
    pass


def old_region_c(apps, schema_editor):
    """Backwards, last: 0008's "C" index on the table with ``id`` again (PostgreSQL)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS pus_month_region_c ON {OLD_REGION_C}")
        schema_editor.execute("ANALYZE families_pusmonth")


def _primary_key(schema_editor, name: str, include: str) -> None:
    """The table's primary key (member, month) made anew as ``name`` with ``include``."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint "
            "WHERE conrelid = 'families_pusmonth'::regclass AND contype = 'p'"
        )
        (current,) = cursor.fetchone()
    schema_editor.execute(
        f"ALTER TABLE families_pusmonth DROP CONSTRAINT {current}, "
        f"ADD CONSTRAINT {name} PRIMARY KEY (member_id, month){include}"
    )


def postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _primary_key(schema_editor, "families_pusmonth_pkey", " INCLUDE (status, jalur)")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS pus_month_region_c ON {REGION_C}")
    for name in SQLITE_ONLY:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("ANALYZE families_pusmonth")


def postgresql_indexes_back(apps, schema_editor):
    """The model's indexes are dropped next (``RemoveIndex``), the table after them."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS pus_month_region_c")
    # Its name at creation: the table with ``id`` made again next takes families_pusmonth_pkey.
    _primary_key(schema_editor, "families_pusmonthkeyed_pkey", "")


class Migration(migrations.Migration):
    dependencies = [("families", "0009_episode_member_covering_postgresql")]

    operations = [
        migrations.RunPython(nothing, old_region_c, elidable=False),
        migrations.CreateModel(
            name="PusMonthKeyed",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "member",
                        "month",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),  # fmt: skip
                ("month", models.DateField()),
                (
                    "member",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="families.member",
                    ),
                ),  # fmt: skip
                (
                    "family",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="families.family",
                    ),
                ),  # fmt: skip
                ("region_code", models.CharField(max_length=40)),
                ("status", models.CharField(max_length=8)),
                ("jalur", models.CharField(max_length=10, null=True)),
                ("drop_out", models.BooleanField()),
            ],
        ),
        migrations.RunPython(copy_forward, copy_backward, elidable=False),
        migrations.DeleteModel(name="PusMonth"),
        migrations.RenameModel(old_name="PusMonthKeyed", new_name="PusMonth"),
        migrations.AddIndex(
            model_name="pusmonth",
            index=models.Index(
                fields=["month", "region_code", "status", "jalur", "drop_out"],
                name="families_pu_month_a92612_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="pusmonth",
            index=models.Index(
                fields=["member", "month", "status", "jalur"], name="pus_month_member"
            ),
        ),
        migrations.RunPython(postgresql_indexes, postgresql_indexes_back, elidable=False),
    ]
