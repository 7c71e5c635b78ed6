from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from impsmart.accounts.roles import Role
from impsmart.demo.generator import DEFAULT_PASSWORD, build_demo
from impsmart.regions.loader import UnknownKabupaten


class Command(BaseCommand):
    help = "Build a synthetic demo database for a kabupaten, print a login per role, serve it."

    def add_arguments(self, parser):
        parser.add_argument("--kabupaten", default="73.06")
        parser.add_argument(
            "--families",
            type=int,
            default=20000,
            help="families to generate (full Gowa is about 200000)",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument("--no-serve", action="store_true")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, kabupaten, families, seed, password, no_serve, port, **options):
        if families < 0:
            raise CommandError("--families tidak boleh negatif.")
        try:
            ctx = build_demo(
                kabupaten_code=kabupaten, families=families, seed=seed, password=password
            )
        except UnknownKabupaten as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"\nIMP Smart demo: {ctx.kabupaten} (data sintetis, seed {seed})")
        self.stdout.write(f"Kata sandi semua pengguna demo: {password}\n")
        for role in Role:
            user = ctx.logins.get(role)
            if user:
                self.stdout.write(f"  {role.label:<32} {user.username:<32} {user.region_code}")
        self.stdout.write("Semua pengguna: impsmart users --format json")
        if not no_serve:
            call_command("serve", port=port)
