from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from impsmart.accounts import audit
from impsmart.regions.loader import UnknownKabupaten, load_kabupaten


class Command(BaseCommand):
    help = "Create the database tables and load one kabupaten/kota's regions (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--kabupaten", required=True, help="Kemendagri code, e.g. 73.06")

    def handle(self, *args, kabupaten, verbosity=1, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            result = load_kabupaten(kabupaten.strip())
        except UnknownKabupaten as error:
            raise CommandError(str(error)) from error
        if result.created or result.updated:
            audit.record(
                "event",
                "regions.Region",
                kabupaten,
                kabupaten,
                None,
                {"setup": kabupaten, "created": result.created, "updated": result.updated},
            )
        n_kec = result.kabupaten.children.count()
        self.stdout.write(
            f"{result.kabupaten}: {n_kec} kecamatan; {result.created} wilayah baru, "
            f"{result.updated} diperbarui, {result.unchanged} tetap."
        )
