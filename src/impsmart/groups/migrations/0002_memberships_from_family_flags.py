"""The ``Family.poktan_*`` flags become memberships (``groups/flags.py``); families then drops them."""

from django.db import migrations
from django.db.models import Q

from impsmart.groups.flags import memberships_from_flags

FLAGS = ["poktan_bkb", "poktan_bkr", "poktan_bkl", "poktan_uppka"]


def forward(apps, schema_editor):
    Family = apps.get_model("families", "Family")
    flagged = Q(poktan_bkb=True) | Q(poktan_bkr=True) | Q(poktan_bkl=True) | Q(poktan_uppka=True)
    rows = Family.objects.filter(flagged).values_list("id", "region_code", "registered_on", *FLAGS)
    memberships_from_flags(
        rows.iterator(chunk_size=5000),
        apps.get_model("groups", "Group"),
        apps.get_model("groups", "Membership"),
        apps.get_model("regions", "Region"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0001_poktan"),
        ("families", "0003_one_row_per_event"),
        ("regions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
