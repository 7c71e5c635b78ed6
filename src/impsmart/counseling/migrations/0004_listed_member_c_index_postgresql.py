"""PostgreSQL: the listed members' region-code index in the "C" collation (as families 0008),
in place of the ``varchar_pattern_ops`` one of 0003. SQLite gets nothing here."""

from django.db import migrations

C_INDEX = (
    "listed_member_region_c",
    'counseling_listedmember (region_code COLLATE "C", member_id, has_episode, '
    "has_pregnancy, has_intention, has_referral)",
)
PATTERN = (
    "listed_member_region_pattern",
    "counseling_listedmember (region_code varchar_pattern_ops, member_id, has_episode, "
    "has_pregnancy, has_intention, has_referral)",
)


def _swap(schema_editor, create: tuple[str, str], drop: tuple[str, str]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {create[0]} ON {create[1]}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {drop[0]}")
    schema_editor.execute("ANALYZE counseling_listedmember")


def forward(apps, schema_editor):
    _swap(schema_editor, C_INDEX, PATTERN)


def backward(apps, schema_editor):
    _swap(schema_editor, PATTERN, C_INDEX)


class Migration(migrations.Migration):
    dependencies = [("counseling", "0003_listed_member")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
