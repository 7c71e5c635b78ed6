import django.db.models.deletion
from django.db import migrations, models

# The rows of the registers as they stand (``listed.live``, in plain SQL: the migration may
# not import the app's code). From here on every write keeps them (counseling/listed.py).
BUILD = """
INSERT INTO counseling_listedmember (
    member_id, family_id, region_code, has_episode, has_pregnancy, has_intention, has_referral
)
SELECT * FROM (
    SELECT m.id, m.family_id, f.region_code,
        EXISTS (SELECT 1 FROM families_contraceptiveepisode x WHERE x.member_id = m.id) AS e,
        EXISTS (SELECT 1 FROM families_pregnancy x WHERE x.member_id = m.id) AS p,
        EXISTS (SELECT 1 FROM families_intentionrecord x WHERE x.member_id = m.id) AS i,
        EXISTS (SELECT 1 FROM counseling_referral x WHERE x.member_id = m.id) AS r
    FROM families_member m JOIN families_family f ON f.id = m.family_id
    WHERE m.left_on IS NULL
) facts
WHERE e OR p OR i OR r
"""
# PostgreSQL: the scope filter's LIKE 'code.%' under any collation (families 0005).
PATTERN = "listed_member_region_pattern"


def build(apps, schema_editor):
    schema_editor.execute(BUILD)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PATTERN} ON counseling_listedmember "
            "(region_code varchar_pattern_ops, member_id, has_episode, has_pregnancy, "
            "has_intention, has_referral)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PATTERN}")


class Migration(migrations.Migration):
    dependencies = [
        ("counseling", "0002_one_row_per_event"),
        ("families", "0007_covering_indexes_for_region_reads"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListedMember",
            fields=[
                (
                    "member",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="families.member",
                    ),
                ),
                ("region_code", models.CharField(max_length=40)),
                ("has_episode", models.BooleanField()),
                ("has_pregnancy", models.BooleanField()),
                ("has_intention", models.BooleanField()),
                ("has_referral", models.BooleanField()),
                (
                    "family",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="families.family",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=[
                            "region_code",
                            "member",
                            "has_episode",
                            "has_pregnancy",
                            "has_intention",
                            "has_referral",
                        ],
                        name="listed_member_region",
                    )
                ],
            },
        ),
        migrations.RunPython(build, drop, elidable=False),
    ]
