"""The listed members carry their place in the members' order (KK number, birth date), so
that the visit list orders the episodes' items without joining every member and family; and
an intention lists a member only when it is one of unmet need (IAT or TIAL)."""

import datetime
import importlib

from django.db import migrations, models

# In plain SQL, as 0003 (a migration may not import the app's code).
NARROW = [
    """UPDATE counseling_listedmember SET has_intention = EXISTS (
        SELECT 1 FROM families_intentionrecord x
        WHERE x.member_id = counseling_listedmember.member_id AND x.intention IN ('IAT', 'TIAL')
    )""",
    """DELETE FROM counseling_listedmember
    WHERE NOT (has_episode OR has_pregnancy OR has_intention OR has_referral)""",
]
FILL = """
UPDATE counseling_listedmember SET
    kk_number = (SELECT f.kk_number FROM families_family f
                 WHERE f.id = counseling_listedmember.family_id),
    birth_date = (SELECT m.birth_date FROM families_member m
                  WHERE m.id = counseling_listedmember.member_id)
"""


def widen(apps, schema_editor):
    """Back: every row as 0003 built it (any intention lists her)."""
    built = importlib.import_module("impsmart.counseling.migrations.0003_listed_member")
    schema_editor.execute("DELETE FROM counseling_listedmember")
    schema_editor.execute(built.BUILD)


def analyse(apps, schema_editor):
    """PostgreSQL: fresh statistics for the narrowed rows (SQLite keeps no statistics)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE counseling_listedmember")


class Migration(migrations.Migration):
    dependencies = [("counseling", "0004_listed_member_c_index_postgresql")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, widen, elidable=False),
        migrations.RunSQL(NARROW, migrations.RunSQL.noop, elidable=False),
        migrations.AddField(
            model_name="listedmember",
            name="kk_number",
            field=models.CharField(default="", max_length=16),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="listedmember",
            name="birth_date",
            field=models.DateField(default=datetime.date(1900, 1, 1)),
            preserve_default=False,
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop, elidable=False),
        migrations.RunPython(analyse, migrations.RunPython.noop, elidable=False),
    ]
