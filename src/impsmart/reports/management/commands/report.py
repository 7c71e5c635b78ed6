"""``impsmart report FORM --region CODE --month YYYY-MM --format json|csv|xlsx|pdf``.

The CLI runs as the operator of the installation, who may read every region it holds: the
figures come from all members within the region (``engine.load_or_compute``).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from impsmart.dates import parse_month
from impsmart.reports import exports
from impsmart.reports.engine import ReportError, load_or_compute

WRITERS = {
    "json": exports.to_json,
    "csv": exports.to_csv,
    "xlsx": exports.to_xlsx,
    "pdf": exports.to_pdf,
}


class Command(BaseCommand):
    help = (
        "Print or write a monthly report (a form of reports/forms_catalog.py: REKAP_PUS, "
        "REKAP_KELUARGA, F_I_DAL for a desa, F_II_DAL for a kecamatan or kabupaten) for a region "
        "and month: the approved report when one exists, else a "
        "draft computed from the registers. JSON and CSV go to standard output without "
        "--output; xlsx and pdf need --output. CSV: code,label,value and one column per child "
        "region."
    )

    def add_arguments(self, parser):
        parser.add_argument("form", help="form code, e.g. REKAP_PUS or F_I_DAL")
        parser.add_argument("--region", required=True, help="region code, e.g. 73.06.06")
        parser.add_argument("--month", required=True, help="month as YYYY-MM")
        parser.add_argument("--format", default="json", choices=sorted(WRITERS))
        parser.add_argument("--output", type=Path, help="file to write")

    def handle(self, *args, form, region, month, format, output, **options):
        try:
            report = load_or_compute(form, region, parse_month(month))
        except (ReportError, ValueError) as error:
            raise CommandError(str(error)) from error
        content = WRITERS[format](report)
        if output is None:
            if isinstance(content, bytes):
                raise CommandError(f"Format {format} perlu --output FILE.")
            self.stdout.write(content, ending="" if content.endswith("\n") else "\n")
            return
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
        rows = len(report["rows"])
        self.stderr.write(
            f"Laporan {report['form']} {report['region']} {report['month']} ({report['status']}, "
            f"{rows} baris) tersimpan di {output}."
        )
