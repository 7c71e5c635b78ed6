"""The reporting engine: any form of ``forms_catalog`` for any region and month.

``compute`` returns the report in the JSON shape of the ``impsmart report`` contract::

    {"form", "region", "month": "YYYY-MM", "status": "draft",
     "rows": [{"code", "label", "value"}, …], "breakdown": {child_code: {row_code: value}}}

The breakdown lists the region's direct children (dusun of a desa, desa of a kecamatan,
kecamatan of a kabupaten). Records registered directly on the region itself, below none of
its children, appear under the region's own code, so that counts always add up: a total is
the sum of its columns, and a percentage is recomputed from the summed counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet

from impsmart.dates import month_end
from impsmart.families.models import Family, Member
from impsmart.regions.models import Region
from impsmart.reports.forms_catalog import FORMS, PERCENT, Form, get_form
from impsmart.reports.indicators import INDICATORS, Frame, ratio

DRAFT = "draft"


class ReportError(ValueError):
    """A report that cannot be computed; the message is for the user, in Indonesian."""


def resolve(form_code: str, region_code: str) -> tuple[Form, Region]:
    form = get_form(form_code)
    if form is None:
        known = ", ".join(sorted(FORMS))
        raise ReportError(f"Formulir {form_code!r} tidak dikenal. Pilihan: {known}.")
    region = Region.objects.within(region_code).filter(code=region_code).first()
    if region is None:
        raise ReportError(f"Wilayah dengan kode {region_code!r} tidak ditemukan.")
    if region.level not in form.levels:
        raise ReportError(
            f"Formulir {form.code} tidak dibuat untuk tingkat {region.get_level_display()}; "
            f"tingkat yang bisa: {', '.join(form.levels)}."
        )
    return form, region


def make_frame(region_code: str, month: dt.date, members: QuerySet | None = None) -> Frame:
    """The frame of a region and month; ``members`` defaults to everyone in the region."""
    day = month_end(month.year, month.month)
    if members is None:
        return Frame(
            region_code, day, Member.objects.within(region_code), Family.objects.within(region_code)
        )
    families = Family.objects.within(region_code).filter(pk__in=members.values("family_id"))
    return Frame(region_code, day, members.within(region_code), families, scope=members)


def _needed(form: Form) -> set[str]:
    """The count indicators a form needs (percentages need their two counts)."""
    needed = set()
    for row in form.rows:
        indicator = INDICATORS.get(row.indicator)
        if indicator is None:
            raise ReportError(f"Indikator {row.indicator!r} (baris {row.code}) belum terdaftar.")
        needed.update(indicator.ratio or (indicator.code,))
    return needed


def _figures(form: Form, counts: dict[str, dict[str, int]], key: str | None) -> dict[str, Any]:
    """Every row's value for one column (``key``) or for the total (``None``)."""

    def count(code: str) -> int:
        by_child = counts[code]
        return sum(by_child.values()) if key is None else by_child.get(key, 0)

    values: dict[str, Any] = {}
    for row in form.rows:
        indicator = INDICATORS[row.indicator]
        if row.kind == PERCENT or indicator.ratio:
            numerator, denominator = indicator.ratio
            values[row.code] = ratio(count(numerator), count(denominator))
        else:
            values[row.code] = count(indicator.code)
    return values


def _report(form: Form, region: str, day: dt.date, counts: dict, children: list[str]) -> dict:
    found = {key for by_child in counts.values() for key, n in by_child.items() if n}
    columns = children + sorted(found - set(children))
    totals = _figures(form, counts, None)
    return {
        "form": form.code,
        "region": region,
        "month": f"{day:%Y-%m}",
        "status": DRAFT,
        "rows": [{"code": r.code, "label": r.label, "value": totals[r.code]} for r in form.rows],
        "breakdown": {key: _figures(form, counts, key) for key in columns},
    }


def compute(
    form_code: str, region_code: str, month: dt.date, members: QuerySet | None = None
) -> dict[str, Any]:
    """A draft report computed from the registers (``month``: any day of the month)."""
    form, region = resolve(form_code, region_code)
    frame = make_frame(region.code, month, members)
    counts = {code: INDICATORS[code].counts(frame) for code in sorted(_needed(form))}
    children = list(
        Region.objects.within(region.code)
        .filter(parent_id=region.code)
        .order_by("code")
        .values_list("code", flat=True)
    )
    return _report(form, region.code, frame.day, counts, children)


class CodeFrame(Frame):
    """A frame whose groups keep each record's own region code, to be folded up in Python."""

    def child(self, field_name: str):
        return F(field_name)


def compute_tree(
    form_code: str, region_code: str, month: dt.date, levels: tuple[str, ...] | None = None
) -> dict[str, dict[str, Any]]:
    """The reports of a region and of every region below it at ``levels``, from one pass.

    Each indicator group runs once for the whole region, grouped by the records' own codes;
    every report is then folded from those counts. Gives what ``compute`` gives for each.
    """
    form, region = resolve(form_code, region_code)
    base = make_frame(region.code, month)
    frame = CodeFrame(base.region_code, base.day, base.members, base.families)
    raw = {code: INDICATORS[code].counts(frame) for code in sorted(_needed(form))}
    regions = Region.objects.within(region.code).filter(level__in=levels or form.levels)
    targets = set(regions.values_list("code", flat=True)) | {region.code}
    children: dict[str, list[str]] = {code: [] for code in targets}
    for code, parent in (
        Region.objects.within(region.code).order_by("code").values_list("code", "parent_id")
    ):
        if parent in children:
            children[parent].append(code)
    folded = _fold(raw, targets)
    return {
        code: _report(form, code, frame.day, folded[code], children[code])
        for code in sorted(targets)
    }


def _fold(raw: dict[str, dict[str, int]], targets: set[str]) -> dict[str, dict]:
    """{target: {indicator: {child key: n}}} from counts by the records' own codes."""
    folded: dict[str, dict] = {t: {i: {} for i in raw} for t in targets}
    depths = sorted({t.count(".") + 1 for t in targets})
    routes: dict[str, list[tuple[str, str]]] = {}  # code: its (target, child key) pairs

    def route(code: str) -> list[tuple[str, str]]:
        segments = code.split(".")
        pairs = [
            (".".join(segments[:d]), ".".join(segments[: d + 1]))
            for d in depths
            if d <= len(segments)
        ]
        return [(target, key) for target, key in pairs if target in folded]

    for indicator, by_code in raw.items():
        for code, n in by_code.items():
            if not n:
                continue
            if code not in routes:
                routes[code] = route(code)
            for target, key in routes[code]:
                into = folded[target][indicator]
                into[key] = into.get(key, 0) + n
    return folded


def load_or_compute(form_code: str, region_code: str, month: dt.date) -> dict[str, Any]:
    """The latest approved snapshot (status "approved") when one exists, else ``compute``.

    The single place where stored reports come in: an approved report is what was signed,
    even when the registers changed since (the report page flags that).
    """
    from impsmart.reports.models import Report, Status

    form = get_form(form_code)
    approved = (
        Report.objects.filter(
            form=form.code if form else form_code,
            region_code=region_code,
            month=month.replace(day=1),
            status=Status.APPROVED,
        )
        .order_by("-version")
        .first()
    )
    if approved is None:
        return compute(form_code, region_code, month)
    return {
        "form": approved.form,
        "region": approved.region_code,
        "month": f"{approved.month:%Y-%m}",
        "status": Status.APPROVED.value,
        "rows": approved.figures.get("rows", []),
        "breakdown": approved.figures.get("breakdown", {}),
    }


def trace(
    indicator_code: str, region_code: str, month: dt.date, members: QuerySet | None = None
) -> QuerySet[Member]:
    """The PUS behind a figure: the members an indicator counted for a region and month."""
    indicator = INDICATORS.get(indicator_code)
    if indicator is None or indicator.trace is None:
        raise ReportError(f"Angka {indicator_code!r} tidak dapat ditelusuri ke daftar PUS.")
    if not Region.objects.within(region_code).filter(code=region_code).exists():
        raise ReportError(f"Wilayah dengan kode {region_code!r} tidak ditemukan.")
    return indicator.trace(make_frame(region_code, month, members))
