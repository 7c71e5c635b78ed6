import json

from django.core.management.base import BaseCommand

from impsmart.accounts.models import User


class Command(BaseCommand):
    help = "List the users with their role and region scope."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, format="table", **options):
        users = User.objects.filter(is_active=True).order_by("role", "username")
        rows = [
            {
                "username": u.username,
                "role": u.role,
                "region_code": u.region_code,
                "scope_codes": u.scope_codes,
            }
            for u in users
        ]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                f"{row['username']:<28} {row['role']:<22} {', '.join(row['scope_codes'])}"
            )
        self.stdout.write(f"{len(rows)} pengguna aktif.")
