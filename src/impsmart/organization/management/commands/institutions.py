import json

from django.core.management.base import BaseCommand, CommandError

from impsmart import dates
from impsmart.organization import listing
from impsmart.organization.models import Institution
from impsmart.regions.models import Region


class Command(BaseCommand):
    help = "List the IMP institutions (of a region) with grade, board and decree."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="Kemendagri code; default: every institution")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, region=None, format="table", **options):
        found = Institution.objects.all()
        if region:
            if not Region.objects.filter(code=region).exists():
                raise CommandError(f"Wilayah {region} tidak ditemukan.")
            found = found.within(region)
        rows = listing.rows(found, dates.today())
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(f"{row['code']:<32} {row['grade'] or '-':<11} {row['name']}")
        self.stdout.write(f"{len(rows)} institusi.")
