from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.accounts.scope import code_within
from impsmart.families.importer import import_file
from impsmart.regions.models import Region


class Command(BaseCommand):
    help = (
        "Import an existing family register (xlsx or csv, one row per person) into a region; "
        "all or nothing, audited as --as USERNAME (default: an admin whose scope covers it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--region", required=True, help="kode wilayah tujuan, mis. 73.06.06")
        parser.add_argument("--as", dest="username", help="pengguna yang mengimpor")

    def actor(self, username: str | None, region_code: str) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"Pengguna {username!r} tidak ada atau tidak aktif.")
            return user
        admins = User.objects.filter(role=Role.ADMIN_KABUPATEN, is_active=True).order_by("pk")
        for user in admins:
            if any(code_within(region_code, c) for c in user.scope_codes):
                return user
        raise CommandError("Tidak ada admin kabupaten untuk wilayah ini; sebutkan --as USERNAME.")

    def handle(self, *args, file, region, username, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {file} tidak ditemukan.")
        if not Region.objects.filter(code=region).exists():
            raise CommandError(f"Wilayah {region} tidak ada; lihat: impsmart regions.")
        user = self.actor(username, region)
        result = import_file(
            actor=user, region_code=region, filename=path.name, content=path.read_bytes()
        )
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            count = len(result.errors)
            raise CommandError(f"{count} kesalahan; tidak ada yang disimpan. Perbaiki lalu ulangi.")
        self.stdout.write(f"Impor {path.name} ke {region} oleh {user.username}: {result.summary()}")
