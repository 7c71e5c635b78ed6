"""Migrations that swap PostgreSQL-only indexes (SQLite gets nothing from them)."""

from django.db import migrations


def swap(schema_editor, create: dict[str, str], drop: dict[str, str], tables: tuple[str, ...]):
    """Create ``create`` ({name: "table (columns)"}), then drop ``drop``; analyse ``tables``."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in create.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    for name in drop:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for table in tables:
        schema_editor.execute(f"ANALYZE {table}")


def swapping(new: dict[str, str], old: dict[str, str], tables: tuple[str, ...]):
    """The migration operation: ``old`` indexes replaced by ``new``, and back."""

    def forward(apps, schema_editor):
        swap(schema_editor, new, old, tables)

    def backward(apps, schema_editor):
        swap(schema_editor, old, new, tables)

    return migrations.RunPython(forward, backward, elidable=False)
