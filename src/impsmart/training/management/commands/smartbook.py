"""``impsmart smartbook --format pdf --output FILE``: the Smart Book as a printable booklet."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from impsmart.training import book, booklet


class Command(BaseCommand):
    help = "Write the Smart Book (Buku Pintar Kader) as a PDF booklet with a table of contents."

    def add_arguments(self, parser):
        parser.add_argument("--format", default="pdf", choices=["pdf"])
        parser.add_argument("--output", required=True, type=Path, help="file to write")
        parser.add_argument("--lang", default="id", choices=book.LANGUAGES)

    def handle(self, *args, output, lang, **options):
        output.write_bytes(booklet.pdf(lang))
        self.stderr.write(
            f"Buku Pintar versi {book.VERSION} ({lang}, {len(book.chapters(lang))} bab) "
            f"tersimpan di {output}."
        )
