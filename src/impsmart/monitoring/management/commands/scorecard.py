"""``impsmart scorecard --region CODE [--month YYYY-MM] --format json``."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from impsmart import dates
from impsmart.monitoring import scorecard
from impsmart.regions.models import Region


def region_and_month(region: str, month: str | None):
    """The region and the month's last day (default: the latest complete month)."""
    try:
        day = dates.parse_month(month) if month else dates.latest_complete_month()
    except ValueError as error:
        raise CommandError(str(error)) from error
    found = Region.objects.filter(code=region).first()
    if found is None:
        raise CommandError(f"Wilayah dengan kode {region!r} tidak ditemukan.")
    return found, day


class Command(BaseCommand):
    help = (
        'The replication scorecard as JSON: {"region", "month", "targets": [{"code", "label", '
        '"status", "rule", "value"}], "children": {CODE: {target: status}}}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region code, e.g. 73.06")
        parser.add_argument("--month", help="month as YYYY-MM (default: the last complete one)")
        parser.add_argument("--format", default="json", choices=["json"])

    def handle(self, *args, region, month, **options):
        found, day = region_and_month(region, month)
        card = scorecard.contract(scorecard.scorecard(found, day))
        self.stdout.write(json.dumps(card, ensure_ascii=False, indent=2))
