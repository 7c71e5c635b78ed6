"""``impsmart training --region CODE --format json``: the workshops held in a region.

Prints ``[{"event","date","participants","pre_mean","post_mean","gain"}]``, one item per event
held in the region or below, oldest first; means are percent correct over the participants
who took both tests (null when none did). Run as the installation's operator: every region.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from impsmart.training import summaries
from impsmart.training.management.region import region_argument
from impsmart.training.models import Event

KEYS = ("event", "date", "participants", "pre_mean", "post_mean", "gain")


class Command(BaseCommand):
    help = "Workshops of a region with their participants and knowledge gain (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, type=region_argument)
        parser.add_argument("--format", default="json", choices=["json"])

    def handle(self, *args, region, **options):
        events = Event.objects.within(region).order_by("starts_on", "pk")
        rows = []
        for event in events:
            row = summaries.event_row(event)
            rows.append({k: row[k] for k in KEYS} | {"date": row["date"].isoformat()})
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
