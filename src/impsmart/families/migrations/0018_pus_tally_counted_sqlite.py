"""SQLite: the PUS tally's keys with their count in one index, so that a kabupaten's months are
summed from the index alone (a 24-month trend reads 300,000 tally rows: 381 -> 253 ms). Not on
PostgreSQL: an indexed count would end the in-place (HOT) updates every write makes to it."""

from django.db import migrations

from impsmart.pg_indexes import swapping

COUNTED = {
    "pus_tally_counted": "families_pustally (month, region_code, status, jalur, drop_out, n)"
}


class Migration(migrations.Migration):
    dependencies = [("families", "0017_episode_and_pregnancy_indexes")]

    operations = [swapping(COUNTED, {}, (), vendor="sqlite")]
