"""Who has reported: the live roll-up of approved desa reports, desa states and the heat table.

A desa counts as *in* for a month once a version of its report is approved (a correction in
progress does not take it out). Timeliness is judged on the first version's submission
against the calendar (``calendar.py``); a report returned and sent again keeps its last
submission time. A month whose due date has not passed is never shown as late: its heat
cells say "belum jatuh tempo". ``summary`` gives the counts that the report list and the
completeness page both show.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils import timezone

from impsmart import choice_labels, dates
from impsmart.regions.models import Level, Region
from impsmart.reports import calendar, forms_catalog, indicators
from impsmart.reports.models import Report, Status

FORM = "REKAP_PUS"  # the form whose completeness the pages follow
SENT = {Status.SUBMITTED, Status.VERIFIED, Status.APPROVED}
STATE_LABELS = {
    "belum": "Belum lapor",
    "dikembalikan": "Dikembalikan",
    "diproses": "Sedang diperiksa",
    "terlambat": "Terlambat",
    "disetujui": "Disetujui tepat waktu",
}


def share(numerator, denominator) -> float:
    return round(100 * numerator / denominator, 1) if denominator else 0.0


def with_ratios(values: dict) -> dict:
    """Percentages are never added up: recompute them from the summed counts."""
    for code in list(values):
        indicator = indicators.INDICATORS.get(code)
        if indicator is not None and indicator.ratio:
            num, den = indicator.ratio
            values[code] = indicators.ratio(values.get(num) or 0, values.get(den) or 0)
    return values


def desa_of(region_code: str) -> list[Region]:
    desa = Region.objects.filter(level=Level.DESA).within(region_code).defer("boundary")
    return list(desa.order_by("code"))


def latest_approved(form: str, region_code: str, month: dt.date) -> dict[str, Report]:
    """The newest approved version of each desa report under ``region_code``."""
    reports = (
        Report.objects.filter(form=form, month=month, level=Level.DESA, status=Status.APPROVED)
        .within(region_code)
        .order_by("region_code", "version")
    )
    return {r.region_code: r for r in reports}


def _child_of(desa_code: str, region_code: str) -> str:
    """The direct child of ``region_code`` that holds ``desa_code``."""
    return ".".join(desa_code.split(".")[: len(region_code.split(".")) + 1])


def _add(total: dict, rows: list[dict]) -> None:
    for row in rows:
        if isinstance(row["value"], (int, float)):
            total[row["code"]] = total.get(row["code"], 0) + row["value"]


def rollup(form: str, region_code: str, month: dt.date) -> dict:
    """The sum of the approved desa snapshots under a kecamatan or kabupaten, as of now
    (of the form's ``rollup_of`` desa form when it has one: F_II_DAL adds up F_I_DAL)."""
    catalogued = forms_catalog.get_form(form)
    approved = latest_approved(catalogued.rollup_of or catalogued.code, region_code, month)
    expected = desa_of(region_code)
    template = [{"code": r.code, "label": r.label} for r in catalogued.rows]
    total: dict = {}
    breakdown: dict[str, dict] = defaultdict(dict)
    for code, report in approved.items():
        rows = report.figures.get("rows", [])
        _add(total, rows)
        _add(breakdown[_child_of(code, region_code)], rows)
    total = with_ratios(total)
    stamps = [r.approved_at for r in approved.values() if r.approved_at]
    return {
        "rows": [{**row, "value": total.get(row["code"], 0)} for row in template],
        "breakdown": {child: with_ratios(values) for child, values in sorted(breakdown.items())},
        "included": sorted(approved),
        "missing": [d for d in expected if d.code not in approved],
        "expected": len(expected),
        "as_of": max(stamps) if stamps else dates.now(),
    }


class Version(NamedTuple):
    """What the states read of one version of a desa report (``calendar.submitted_on_time``
    reads it as it reads a report). Rows, not model instances: a kabupaten's two years are
    4,000 versions, and building the instances took most of a 24-month trend's 250 ms."""

    pk: int
    region_code: str
    month: dt.date
    level: str
    version: int
    status: str
    submitted_at: dt.datetime | None
    late_reason: str
    returned_reason: str


LATE_REASON = Report._meta.get_field("late_reason")


@dataclass(slots=True)
class DesaMonth:
    """One desa's report state for one month."""

    region: Region
    state: str = "belum"
    report: Version | None = None
    on_time: bool | None = None
    late_reason: str = ""
    versions: list[Version] = field(default_factory=list)

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def _judge(item: DesaMonth, days: dict[str, int], zone: dt.tzinfo) -> None:
    versions = sorted(item.versions, key=lambda r: r.version)
    latest = versions[-1]
    approved = [r for r in versions if r.status == Status.APPROVED]
    effective = approved[-1] if approved else latest
    item.report = effective
    first = versions[0]
    item.on_time = calendar.submitted_on_time(first, days, zone)
    reason = first.late_reason
    item.late_reason = choice_labels.label(LATE_REASON, reason) if reason else ""
    if effective.status == Status.RETURNED:
        item.state = "dikembalikan"
    elif effective.status == Status.DRAFT or item.on_time is None:
        item.state = "belum"
    elif item.on_time is False:
        item.state = "terlambat"
    elif effective.status == Status.APPROVED:
        item.state = "disetujui"
    else:
        item.state = "diproses"


def desa_states(form: str, region_code: str, months: list[dt.date]) -> dict:
    """{(desa_code, month): DesaMonth} for every desa under ``region_code``."""
    desa = desa_of(region_code)
    items = {(d.code, m): DesaMonth(region=d) for d in desa for m in months}
    reports = (
        Report.objects.filter(form=form, level=Level.DESA, month__in=months)
        .within(region_code)
        .order_by()
        .values_list(*Version._fields)
    )
    for row in reports:
        report = Version(*row)
        item = items.get((report.region_code, report.month))
        if item is not None:
            item.versions.append(report)
    days, zone = calendar.due_days(region_code), timezone.get_current_timezone()
    for item in items.values():
        if item.versions:
            _judge(item, days, zone)
    return items


def summary(items) -> dict:
    """Desa expected, with the report sent (and not returned), approved, and sent late."""
    items = list(items)
    effective = [i.report.status for i in items if i.report is not None]
    return {
        "expected": len(items),
        "submitted": sum(status in SENT for status in effective),
        "approved": sum(status == Status.APPROVED for status in effective),
        "late": sum(i.on_time is False for i in items),
    }


def last_months(end: dt.date, n: int = 12) -> list[dt.date]:
    months, month = [], end.replace(day=1)
    for _ in range(n):
        months.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return months[::-1]


def heat_table(form: str, kabupaten_code: str, months: list[dt.date]) -> list[dict]:
    """Per kecamatan, per month: the share of its desa approved on time (0–100)."""
    states = desa_states(form, kabupaten_code, months)
    counts: dict[tuple[str, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    for (code, month), item in states.items():
        cell = counts[(_child_of(code, kabupaten_code), month)]
        cell[1] += 1
        cell[0] += item.state == "disetujui"
    kecamatan = Region.objects.filter(parent_id=kabupaten_code, level=Level.KECAMATAN)
    days = calendar.due_days(kabupaten_code)
    not_due = {m for m in months if calendar.not_yet_due(m, Level.DESA, days)}
    table = []
    for kec in kecamatan.order_by("code"):
        cells = []
        for month in months:
            done, total = counts.get((kec.code, month), [0, 0])
            cell = {"month": month, "done": done, "total": total, "pct": share(done, total)}
            cells.append({**cell, "not_due": month in not_due})
        table.append({"region": kec, "cells": cells})
    return table
