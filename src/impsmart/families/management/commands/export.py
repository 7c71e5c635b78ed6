"""``impsmart export DATASET …``: data sets as CSV or xlsx files (now: the PUS register).

CLI commands run as the operator of the installation, who may read every region it holds:
the rows come from ``Member.objects.all()`` narrowed to the region (``within``), the system
scope, never from a user's ``visible_to``.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.management.base import BaseCommand, CommandError

from impsmart import dates
from impsmart.dates import parse_month
from impsmart.families.models import Member
from impsmart.families.register import build_register, write_csv
from impsmart.families.register_paper import write_xlsx
from impsmart.regions.models import Region

MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def _region(code: str | None) -> Region:
    if not code:
        raise CommandError("Sebutkan wilayah: --region KODE (mis. 73.06.06.2001).")
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise CommandError(f"Wilayah {code} tidak ditemukan. Lihat kodenya: impsmart regions")
    return region


def _month(text: str | None) -> dt.date:
    if not text:
        raise CommandError("Sebutkan bulan: --month TTTT-BB (mis. 2025-10).")
    try:
        day = parse_month(text)
    except ValueError as error:
        raise CommandError(str(error)) from error
    if day.replace(day=1) > dates.today():
        raise CommandError(f"Bulan {text} belum tiba; register hanya untuk bulan yang sudah mulai.")
    return day


class Command(BaseCommand):
    help = (
        "Export a data set: `export register --region CODE --month YYYY-MM --format csv|xlsx "
        "[--output FILE]` writes the PUS register of that month, one row per PUS. Runs as the "
        "operator of the installation (every region). CSV goes to standard output without "
        "--output; xlsx needs --output."
    )
    datasets = ("register",)

    def add_arguments(self, parser):
        parser.add_argument("dataset", help="the data set: register")
        parser.add_argument("--region", help="region code (kecamatan, desa, dusun, RW or RT)")
        parser.add_argument("--month", help="month as YYYY-MM")
        parser.add_argument("--format", default="csv", help="csv or xlsx")
        parser.add_argument("--output", help="file to write (default: standard output, CSV)")

    def handle(self, *args, dataset, format, output, **options):
        if dataset not in self.datasets:
            choices = ", ".join(self.datasets)
            raise CommandError(f"Data {dataset!r} tidak dikenal; pilih: {choices}.")
        if format not in ("csv", "xlsx"):
            raise CommandError(f"Format {format!r} tidak dikenal; pilih csv atau xlsx.")
        if format == "xlsx" and not output:
            raise CommandError("Format xlsx perlu nama berkas: tambahkan --output BERKAS.xlsx.")
        self.export_register(options["region"], options["month"], format, output)

    def export_register(self, code, month, format, output) -> None:
        region, day = _region(code), _month(month)
        members = Member.objects.within(region.code)
        register = build_register(members, day.year, [day.month])
        if format == "xlsx":
            with open(output, "wb") as out:
                write_xlsx(register, region, f"{MONTH_NAMES[day.month - 1]} {day.year}", out)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                write_csv(register, out)
        else:
            text = io.StringIO()
            write_csv(register, text)
            self.stdout.write(text.getvalue(), ending="")
        summary = f"Register PUS {region.code} {day:%Y-%m}: {len(register.rows)} PUS"
        # With CSV on standard output, the summary goes to standard error to keep the data clean.
        stream = self.stdout if output else self.stderr
        stream.write(summary + (f" → {output}" if output else "") + ".")
