"""PostgreSQL: indexes the scope filter's ``LIKE 'code.%'`` can use under any collation.

On PostgreSQL the scope filter tests a code prefix with ``LIKE``; a plain btree index serves it
only under the C collation, so production clusters (``id_ID.UTF-8``, ``en_US.UTF-8``) would
scan every family of the kabupaten for one cadre's page. ``varchar_pattern_ops`` indexes serve
the prefix test whatever the collation. SQLite compares codes by a range on the existing
indexes (accounts/scope.py) and gets nothing here.
"""

from django.db import migrations

INDEXES = {
    "families_family_region_pattern": "families_family (region_code varchar_pattern_ops)",
    "families_pusmonth_month_region_pattern": (
        "families_pusmonth (month, region_code varchar_pattern_ops)"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("families", "0004_poktan_flags_become_memberships")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
