import json

from django.core.management.base import BaseCommand, CommandError

from impsmart.groups import summary
from impsmart.groups.models import Group, Kind
from impsmart.regions.models import Region


class Command(BaseCommand):
    help = "List the poktan (BKB, BKR, BKL, UPPKA, PIK-R) with members, eligible and sessions."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="Kemendagri code; default: every region")
        parser.add_argument("--kind", choices=Kind.values)
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, region=None, kind=None, format="table", **options):
        groups = Group.objects.all()
        if region:
            if not Region.objects.filter(code=region).exists():
                raise CommandError(f"Wilayah {region} tidak ditemukan.")
            groups = groups.within(region)
        if kind:
            groups = groups.filter(kind=kind)
        rows = summary.rows(groups)
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                f"{row['code']:<32} {row['name']:<30} {row['members']:>5}/{row['eligible']:<5} "
                f"{row['sessions_last_month']}"
            )
        self.stdout.write(f"{len(rows)} kelompok.")
