"""Indexes a 24-month trend of new acceptors walks: the episodes begun in the period with
whose they are, and each woman's pregnancies by end date."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0016_pus_year_c_index_postgresql"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="contraceptiveepisode",
            name="families_co_start_d_3803e4_idx",
        ),
        migrations.AddIndex(
            model_name="contraceptiveepisode",
            index=models.Index(fields=["start_date", "member"], name="episode_start_member"),
        ),
        migrations.AddIndex(
            model_name="pregnancy",
            index=models.Index(fields=["member", "outcome_date"], name="pregnancy_member_outcome"),
        ),
    ]
