from pathlib import Path

from django.core.management.base import BaseCommand

from impsmart.ops.backup import restore


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `impsmart backup` (from SQLite or "
        "PostgreSQL). All or nothing: a damaged file, or one from another version of IMP Smart, "
        "leaves the database as it was. Everyone is signed out."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the backup file to restore")

    def handle(self, *args, file, **options):
        summary = restore(file)
        self.stdout.write(
            f"Cadangan dipulihkan: {file} ({summary.rows} baris, {summary.tables} tabel)"
        )
