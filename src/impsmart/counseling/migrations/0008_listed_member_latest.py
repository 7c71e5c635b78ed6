"""Each listed member's latest episode, pregnancy, intention and counselling
(``listed.LATEST``), filled in from the registers as they stand; from here on every write
keeps them."""

from django.db import migrations, models

# ``listed.LATEST`` in plain SQL (a migration may not import the app's code).
M = "counseling_listedmember.member_id"


def _latest(table: str, column: str, order: str) -> str:
    return f"(SELECT {column} FROM {table} WHERE member_id = {M} ORDER BY {order} DESC LIMIT 1)"


COUPLE = (
    "FROM families_member w JOIN families_member h ON h.id = w.spouse_id "
    f"JOIN families_family f ON f.id = w.family_id WHERE w.id = {M} AND w.sex = 'P' "
    "AND w.marital_status IN ('kawin', 'cerai_hidup', 'cerai_mati') "
    "AND h.family_id = w.family_id"
)
LATER = (
    "CASE WHEN h.joined_on IS NULL OR h.joined_on <= w.joined_on THEN w.joined_on "
    "ELSE h.joined_on END"
)
EARLIER = (
    "CASE WHEN f.closed_on IS NULL OR h.left_on <= f.closed_on THEN h.left_on ELSE f.closed_on END"
)
EPISODE, PREGNANCY = "families_contraceptiveepisode", "families_pregnancy"
FILL = "UPDATE counseling_listedmember SET " + ", ".join(
    f"{name} = {value}"
    for name, value in {
        "episode_method": _latest(EPISODE, "method", "start_date"),
        "episode_type": _latest(EPISODE, "method_type", "start_date"),
        "episode_start": _latest(EPISODE, "start_date", "start_date"),
        "episode_end": _latest(EPISODE, "end_date", "start_date"),
        "episode_end_reason": _latest(EPISODE, "end_reason", "start_date"),
        "pregnancy_start": _latest(PREGNANCY, "start_date", "start_date"),
        "pregnancy_end": _latest(PREGNANCY, "outcome_date", "start_date"),
        "intention": _latest("families_intentionrecord", "intention", "recorded_on"),
        "intention_on": _latest("families_intentionrecord", "recorded_on", "recorded_on"),
        "counseled_on": _latest("counseling_counseling", "date", "date"),
        "couple": f"EXISTS (SELECT 1 {COUPLE})",
        "couple_from": f"(SELECT {LATER} {COUPLE})",
        "couple_until": f"(SELECT {EARLIER} {COUPLE})",
    }.items()
)


class Migration(migrations.Migration):
    dependencies = [
        ("counseling", "0007_listed_member_order_c_postgresql"),
    ]

    operations = [
        migrations.AddField(
            model_name="listedmember",
            name="counseled_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="episode_end",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="episode_end_reason",
            field=models.CharField(max_length=14, null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="episode_method",
            field=models.CharField(max_length=8, null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="episode_start",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="episode_type",
            field=models.CharField(max_length=8, null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="intention",
            field=models.CharField(max_length=4, null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="intention_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="pregnancy_end",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="pregnancy_start",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="couple",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="couple_from",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="listedmember",
            name="couple_until",
            field=models.DateField(null=True),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
