"""``impsmart meetings --region CODE --month YYYY-MM --format json``.

The CLI runs as the operator of the installation, who may read every region it holds.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from impsmart.dates import parse_month
from impsmart.meetings import summary
from impsmart.meetings.models import Meeting
from impsmart.regions.models import Region


class Command(BaseCommand):
    help = (
        "The routine meetings of a region and month as JSON: "
        '[{"id", "institution", "date", "attendance", "actions_opened", "actions_closed"}].'
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region code, e.g. 73.06.06")
        parser.add_argument("--month", required=True, help="month as YYYY-MM")
        parser.add_argument("--format", default="json", choices=["json"])

    def handle(self, *args, region, month, format, **options):
        try:
            day = parse_month(month)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not Region.objects.filter(code=region).exists():
            raise CommandError(f"Wilayah dengan kode {region!r} tidak ditemukan.")
        rows = summary.month_rows(Meeting.objects.all(), region, day)
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
