"""A computed report as JSON, CSV, xlsx (official layout) or PDF (A4).

CSV layout: one line per form row with the columns ``code,label,value`` (``value`` is the
region's total), then one column per entry of the breakdown, headed by its region code (the
region's direct children; the region's own code for records registered on it directly).
Percentages are written with one decimal; an empty cell is a percentage of nothing (0 / 0).

The xlsx and PDF are the paper form (``impsmart.paper``): the title, the heading block
(wilayah with its parents, tingkat, bulan, status and version), numbered rows with their
official labels (the row codes stay in JSON and CSV; a form's sections, as F/I/Dal I–IV, are
heading rows with the numbering starting again under each), one column per child plus *Jumlah* for a
kecamatan or kabupaten, and the signature block of that level with the names of the users
holding those offices (blank name and NIP lines for officials who are not users).
"""

from __future__ import annotations

import io
import json
from typing import Any

from impsmart import dates, paper, spreadsheet
from impsmart.accounts.roles import Role
from impsmart.regions.models import Region
from impsmart.reports.forms_catalog import DEFAULT_SIGNATURES, PERCENT, RUPIAH, get_form
from impsmart.reports.models import Status

MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
STATUS_LABELS = {"draft": "Draf (dihitung dari register)"}
# Levels whose official recap has one column per child region plus the total.
COLUMN_LEVELS = {"kecamatan", "kabupaten"}


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


# Who holds each signing office, among the users (forms_catalog.DEFAULT_SIGNATURES).
OFFICE_ROLES = {
    "Ketua Sub-PPKBD": Role.SUB_PPKBD,
    "Ketua PPKBD": Role.PPKBD,
    "PKB/PLKB": Role.PKB,
    "Koordinator PKB/PLKB Kecamatan": Role.KOORDINATOR_KECAMATAN,
    "Pengelola Data dan Informasi": Role.ADMIN_KABUPATEN,
}


def _status(report: dict[str, Any]) -> str:
    label = STATUS_LABELS.get(report["status"]) or Status(report["status"]).label
    return f"{label}, versi {report['version']}" if report.get("version") else str(label)


def signer(office: str, region_code: str) -> paper.Signer:
    """``office`` with the name of the user holding it for the region, when there is one."""
    role = OFFICE_ROLES.get(office)
    name = paper.officer_name(role, region_code) if role else ""
    return paper.Signer(office, name, str(Role(role).label) if name else paper.Signer.note)


def grid(report: dict[str, Any]) -> paper.Grid:
    """The report as its paper form: numbered official rows, a column per child region."""
    form = get_form(report["form"])
    region = Region.objects.get(code=report["region"])
    columns = [("", "Jumlah")]
    if region.level in COLUMN_LEVELS:
        names = dict(
            Region.objects.filter(code__in=report["breakdown"]).values_list("code", "name")
        )
        names[region.code] = f"{region.name} (langsung)"
        columns = [(key, names.get(key, key)) for key in report["breakdown"]] + columns
    rows, number, money = [], 0, set()
    for row in report["rows"]:
        official = form.row(row["code"])
        if official.section:  # the section's heading, numbering starting again under it
            numeral, _dot, name = official.section.partition(". ")
            rows.append([numeral, name.upper(), *([""] * len(columns))])
            number = 0
        number += 1
        values = [
            report["breakdown"][key][row["code"]] if key else row["value"] for key, _ in columns
        ]
        values = [float(v) if official.kind == PERCENT and v is not None else v for v in values]
        if official.kind == RUPIAH:
            money.add(len(rows))
        rows.append([number, row["label"], *values])
    year, month = (int(part) for part in report["month"].split("-"))
    signatures = form.signatures.get(region.level, DEFAULT_SIGNATURES["desa"])
    return paper.Grid(
        title=form.title_for(region.level),
        heading=[
            ("Wilayah", paper.place(region)),
            ("Tingkat", str(region.kind_label)),
            ("Bulan", f"{MONTH_NAMES[month - 1]} {year}"),
            ("Status", _status(report)),
        ],
        keys=[paper.Column("No."), paper.Column("Uraian", numeric=False)],
        columns=[paper.Column(heading) for _, heading in columns],
        rows=rows,
        grouped_rows=frozenset(money),
        mengetahui=[signer(office, region.code) for office in signatures.mengetahui],
        pelapor=[signer(signatures.pelapor, region.code)],
        place_date=f"{region.name}, {paper.long_date(dates.today())}",
    )


def to_xlsx(report: dict[str, Any]) -> bytes:
    return paper.grid_xlsx(grid(report), report["form"])


def to_pdf(report: dict[str, Any]) -> bytes:
    return paper.grid_pdf(grid(report))
