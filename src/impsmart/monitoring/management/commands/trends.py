"""``impsmart trends --region CODE --months N --format json|csv``."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from impsmart.monitoring import trends
from impsmart.monitoring.management.commands.scorecard import region_and_month
from impsmart.spreadsheet import CsvWriter


class Command(BaseCommand):
    help = (
        'Outcomes per month: json {"region", "series": {indicator: [{"month", "value"}]}}, or '
        "csv with the columns indicator, month, value."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region code, e.g. 73.06")
        parser.add_argument("--months", type=int, default=trends.MONTHS)
        parser.add_argument("--month", help="the last month, YYYY-MM (default: last complete)")
        parser.add_argument("--format", default="json", choices=["json", "csv"])

    def handle(self, *args, region, months, month, format, **options):
        if not 1 <= months <= 120:
            raise CommandError("--months harus antara 1 dan 120.")
        found, day = region_and_month(region, month)
        data = trends.contract(found.code, trends.months_ending(day, months))
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        writer = CsvWriter(self.stdout)
        writer.writerow(["indicator", "month", "value"])
        for code, points in data["series"].items():
            for point in points:
                writer.writerow([code, point["month"], point["value"]])
