"""``impsmart bulletin --region CODE --month YYYY-MM --format pdf|txt [--output FILE]``."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from impsmart.monitoring import bulletin
from impsmart.monitoring.management.commands.scorecard import region_and_month


class Command(BaseCommand):
    help = "The monthly M&E bulletin of a region as PDF or as WhatsApp text."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region code, e.g. 73.06")
        parser.add_argument("--month", required=True, help="month as YYYY-MM")
        parser.add_argument("--format", default="txt", choices=["pdf", "txt"])
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, region, month, format, output, **options):
        found, day = region_and_month(region, month)
        data = bulletin.build(found, day)
        content = bulletin.pdf(data) if format == "pdf" else bulletin.text(data).encode()
        if output:
            with open(output, "wb") as file:
                file.write(content)
        elif format == "pdf":
            sys.stdout.buffer.write(content)
        else:
            self.stdout.write(content.decode())
