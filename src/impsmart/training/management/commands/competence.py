"""``impsmart competence --region CODE --format json``: each cadre's level in the six roles.

Prints ``[{"username","roles":{"1".."6": "none"|"trained"|"practising"|"both"}}]`` for the
active PPKBD and Sub-PPKBD accounts of the region and below, by username
(``training/competence.py`` says how a level is reached).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import CADRES
from impsmart.training import competence
from impsmart.training.management.region import region_argument


class Command(BaseCommand):
    help = "Competence of the cadres of a region in the six IMP roles (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, type=region_argument)
        parser.add_argument("--format", default="json", choices=["json"])

    def handle(self, *args, region, **options):
        cadres = list(
            User.objects.within(region).filter(role__in=CADRES, is_active=True).order_by("username")
        )
        profiles = competence.profiles(cadres, dates.today())
        rows = [{"username": c.username, "roles": profiles[c.pk]} for c in cadres]
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
