"""Migrations of indexes and statistics that one database gets and the other does not: mostly
PostgreSQL's (SQLite gets nothing from them), one SQLite's."""

from django.db import migrations


def swap(
    schema_editor,
    create: dict[str, str],
    drop: dict[str, str],
    tables: tuple[str, ...],
    vendor: str = "postgresql",
):
    """Create ``create`` ({name: "table (columns)"}), then drop ``drop``; analyse ``tables``;
    only on ``vendor``'s database."""
    if schema_editor.connection.vendor != vendor:
        return
    for name, target in create.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    for name in drop:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for table in tables:
        schema_editor.execute(f"ANALYZE {table}")


def swapping(
    new: dict[str, str], old: dict[str, str], tables: tuple[str, ...], vendor: str = "postgresql"
):
    """The migration operation: ``old`` indexes replaced by ``new``, and back."""

    def forward(apps, schema_editor):
        swap(schema_editor, new, old, tables, vendor)

    def backward(apps, schema_editor):
        swap(schema_editor, old, new, tables, vendor)

    return migrations.RunPython(forward, backward, elidable=False)


def finer_statistics(columns: tuple[tuple[str, str], ...], target: int = 1000):
    """The operation: PostgreSQL keeps ``target`` histogram buckets (default 100) for these
    (table, column) pairs, and back. A region-code range of one dusun (about 1 in 2,600 of a
    kabupaten's codes) then is estimated near its rows, not seven times over, and a plan
    that walks the dusun's rows by index wins over a scan of the table."""

    def set_to(value: int):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for table, column in columns:
                schema_editor.execute(
                    f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS {value}"
                )
                schema_editor.execute(f"ANALYZE {table}")

        return apply

    return migrations.RunPython(set_to(target), set_to(-1), elidable=False)
