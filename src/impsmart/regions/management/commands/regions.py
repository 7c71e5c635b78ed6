import json

from django.core.management.base import BaseCommand, CommandError

from impsmart.regions.models import Deployment, Region


class Command(BaseCommand):
    help = "List the regions directly under a region (default: the installation's kabupaten)."

    def add_arguments(self, parser):
        parser.add_argument("--parent", help="Kemendagri code; default: the loaded kabupaten")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, parent=None, format="table", **options):
        if parent is None:
            home = Deployment.home_kabupaten()
            if home is None:
                raise CommandError("Belum ada kabupaten. Jalankan: impsmart setup --kabupaten KODE")
            parent = home.code
        if not Region.objects.filter(code=parent).exists():
            raise CommandError(f"Wilayah {parent} tidak ditemukan.")
        rows = [
            {"code": r.code, "name": r.name, "level": r.level}
            for r in Region.objects.filter(parent_id=parent).order_by("code")
        ]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(f"{row['code']:<20} {row['level']:<10} {row['name']}")
        self.stdout.write(f"{len(rows)} wilayah di bawah {parent}.")
