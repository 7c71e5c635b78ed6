from pathlib import Path

from django.core.management.base import BaseCommand

from impsmart.ops.backup import backup


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE: gzip-compressed JSON lines, the same on SQLite and "
        "PostgreSQL, read in one consistent transaction. Restore with `impsmart restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the backup file to write, e.g. cadangan.gz")

    def handle(self, *args, file, **options):
        summary = backup(file)
        self.stdout.write(
            f"Cadangan tersimpan: {file} ({summary.rows} baris, {summary.tables} tabel)"
        )
