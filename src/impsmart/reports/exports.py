"""A computed report as JSON, CSV, xlsx (official layout) or PDF (A4).

CSV layout: one line per form row with the columns ``code,label,value`` (``value`` is the
region's total), then one column per entry of the breakdown, headed by its region code (the
region's direct children; the region's own code for records registered on it directly).
Percentages are written with one decimal; an empty cell is a percentage of nothing (0 / 0).

The xlsx and PDF show the form title, the region with its parents and the month, one column
per child plus *Jumlah* for a kecamatan or kabupaten, and the signature block ("Mengetahui"
with the roles of that level, blank name and NIP lines).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from impsmart import spreadsheet
from impsmart.regions.models import Region
from impsmart.reports.forms_catalog import DEFAULT_SIGNATURES, PERCENT, Form, get_form

MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
STATUS_LABELS = {"draft": "Draf (dihitung dari register)", "approved": "Disetujui"}
# Levels whose official recap has one column per child region plus the total.
COLUMN_LEVELS = {"kecamatan", "kabupaten"}
LANDSCAPE_FROM = 6  # figure columns from which the page turns to landscape


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def to_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = spreadsheet.CsvWriter(out)
    children = list(report["breakdown"])
    writer.writerow(["code", "label", "value", *children])
    for row in report["rows"]:
        by_child = [report["breakdown"][child][row["code"]] for child in children]
        writer.writerow([row["code"], row["label"], row["value"], *by_child])
    return out.getvalue()


@dataclass
class Sheet:
    """What the xlsx and the PDF show: headings, figure columns and signatures."""

    form: Form
    title: str
    place: str
    period: str
    status: str
    columns: list[tuple[str, str]]  # (breakdown key or "" for the total, heading)
    rows: list[dict[str, Any]]  # code, label, kind, values (one per column)
    mengetahui: tuple[str, ...]
    pelapor: str

    @property
    def landscape(self) -> bool:
        return len(self.columns) >= LANDSCAPE_FROM


def _place(region: Region) -> str:
    chain = [*region.ancestors(), region][::-1]
    return ", ".join(f"{r.kind_label} {r.name}" for r in chain if r.level != "provinsi")


def sheet(report: dict[str, Any]) -> Sheet:
    form = get_form(report["form"])
    region = Region.objects.get(code=report["region"])
    columns = [("", "Jumlah")]
    if region.level in COLUMN_LEVELS:
        names = dict(
            Region.objects.filter(code__in=report["breakdown"]).values_list("code", "name")
        )
        columns = [(key, names.get(key, key)) for key in report["breakdown"]] + columns
    rows = []
    for row in report["rows"]:
        values = [
            report["breakdown"][key][row["code"]] if key else row["value"] for key, _ in columns
        ]
        kind = form.row(row["code"]).kind
        rows.append({"code": row["code"], "label": row["label"], "kind": kind, "values": values})
    year, month = (int(part) for part in report["month"].split("-"))
    signatures = form.signatures.get(region.level, DEFAULT_SIGNATURES["desa"])
    return Sheet(
        form=form,
        title=form.title,
        place=_place(region),
        period=f"{MONTH_NAMES[month - 1]} {year}",
        status=STATUS_LABELS.get(report["status"], report["status"]),
        columns=columns,
        rows=rows,
        mengetahui=signatures.mengetahui,
        pelapor=signatures.pelapor,
    )


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ROW = 6


def to_xlsx(report: dict[str, Any]) -> bytes:
    data = sheet(report)
    book = Workbook()
    ws = book.active
    ws.title = data.form.code[:31]
    _xlsx_heading(ws, data)
    _xlsx_table(ws, data)
    _xlsx_signatures(ws, data, HEADER_ROW + len(data.rows) + 2)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if data.landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_heading(ws, data: Sheet) -> None:
    last = get_column_letter(3 + len(data.columns))
    title = spreadsheet.put(ws, 1, 1, data.title.upper())
    title.font, title.alignment = Font(bold=True, size=13), Alignment(horizontal="center")
    ws.merge_cells(f"A1:{last}1")
    lines = [("Wilayah", data.place), ("Bulan", data.period), ("Status", data.status)]
    for line, (label, text) in enumerate(lines, start=3):
        spreadsheet.put(ws, line, 1, label)
        spreadsheet.put(ws, line, 3, f": {text}")


def _xlsx_table(ws, data: Sheet) -> None:
    number, label, figure = data.form.widths
    headings = ["No.", "Kode", "Uraian", *(heading for _, heading in data.columns)]
    for col, heading in enumerate(headings, start=1):
        cell = spreadsheet.put(ws, HEADER_ROW, col, heading)
        cell.font, cell.border = Font(bold=True), BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        width = [number, 14, label][col - 1] if col <= 3 else figure
        ws.column_dimensions[get_column_letter(col)].width = width
    for index, row in enumerate(data.rows, start=1):
        line = HEADER_ROW + index
        for col, value in enumerate([index, row["code"], row["label"], *row["values"]], 1):
            cell = spreadsheet.put(ws, line, col, value)
            cell.border = BOX
            if col > 3 and row["kind"] == PERCENT:
                cell.number_format = "0.0"


def _xlsx_signatures(ws, data: Sheet, top: int) -> None:
    """ "Mengetahui" roles stacked under the labels, the reporter under the last column."""
    last = 3 + len(data.columns)
    spreadsheet.put(ws, top, 3, "Mengetahui,")
    spreadsheet.put(ws, top, last, "Yang melaporkan,")
    blocks = [(top + 1 + 7 * i, 3, role) for i, role in enumerate(data.mengetahui)]
    for line, col, role in [*blocks, (top + 1, last, data.pelapor)]:
        spreadsheet.put(ws, line, col, role).font = Font(bold=True)
        spreadsheet.put(ws, line + 4, col, "(" + "." * 28 + ")")
        spreadsheet.put(ws, line + 5, col, "NIP. " + "." * 22)


def to_pdf(report: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, needed only for PDFs

    html = render_to_string("reports/report_pdf.html", {"sheet": sheet(report)})
    return HTML(string=html).write_pdf()
