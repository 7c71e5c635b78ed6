"""Demo monthly reports: 24 months of REKAP_PUS across the kabupaten in realistic states.

Figures come from the engine's ``compute_tree``, once per month for the whole kabupaten.
Most months are approved on time, some late with a reason; last month is still in review (a
few returned with a reason, some not yet in); this month is a draft everywhere. Written with
``bulk_create`` and one audit event.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from impsmart import dates
from impsmart.accounts import audit
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.regions.models import Level, Region
from impsmart.reports import engine, forms_catalog
from impsmart.reports.models import LateReason, Report, Status

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

FORM = "REKAP_PUS"
MONTHS = 24
RETURN_REASONS = [
    "Jumlah PUS turun tajam dibanding bulan lalu; mohon dicek ulang di register.",
    "Peserta KB baru belum dicatat jalur pelayanannya.",
    "Ada PUS dengan status belum diketahui; mohon dikunjungi.",
]


def _months(today: dt.date) -> list[dt.date]:
    month, months = today.replace(day=1), []
    for _ in range(MONTHS):
        months.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return months[::-1]


def _at(month: dt.date, day: int, hour: int = 10) -> dt.datetime:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    tz = timezone.get_current_timezone()
    return dt.datetime(following.year, following.month, day, hour, tzinfo=tz)


def _people(kabupaten: Region) -> dict:
    """Who submits, verifies and approves for each region code."""
    people: dict = {"ppkbd": {}, "pkb": {}, "koordinator": {}, "admin": None}
    for user in User.objects.filter(region_code__startswith=kabupaten.code):
        if user.role == Role.PPKBD:
            people["ppkbd"][user.region_code] = user
        elif user.role == Role.PKB:
            people["pkb"].update(dict.fromkeys(user.scope_codes, user))
        elif user.role == Role.KOORDINATOR_KECAMATAN:
            people["koordinator"][user.region_code] = user
        elif user.role == Role.ADMIN_KABUPATEN:
            people["admin"] = people["admin"] or user
    return people


def _rows(values: dict) -> list[dict]:
    form = forms_catalog.get_form(FORM)
    return [{"code": r.code, "label": r.label, "value": values.get(r.code, 0)} for r in form.rows]


def _figures(kabupaten: Region, month: dt.date) -> dict[str, dict]:
    """{region code: {row code: value}} of every desa, kecamatan and the kabupaten."""
    tree = engine.compute_tree(FORM, kabupaten.code, month, ("desa", "kecamatan", "kabupaten"))
    return {code: {r["code"]: r["value"] for r in report["rows"]} for code, report in tree.items()}


def _review(report: Report, state: str, people: dict, rng: random.Random) -> Report:
    """Fill the review fields of a desa report for its fate: on time, late or returned."""
    month, code = report.month, report.region_code
    kec = ".".join(code.split(".")[:3])
    submit_day = rng.randint(1, 5) if state != "late" else rng.randint(6, 12)
    report.submitted_by, report.submitted_at = people["ppkbd"].get(code), _at(month, submit_day)
    if state == "late":
        report.late_reason = rng.choice(LateReason.values)
    if state == "returned":
        report.status, report.returned_reason = Status.RETURNED, rng.choice(RETURN_REASONS)
        report.returned_by, report.returned_at = people["pkb"].get(code), _at(month, 7)
        return report
    if state == "submitted":
        report.status = Status.SUBMITTED
        return report
    report.verified_by, report.verified_at = (
        people["pkb"].get(code),
        _at(month, 7 + (state == "late") * 5),
    )
    report.status = Status.VERIFIED if state == "verified" else Status.APPROVED
    if report.status == Status.APPROVED:
        report.approved_by = people["koordinator"].get(kec)
        report.approved_at = _at(month, 9 + (state == "late") * 6)
    return report


def _fate(month: dt.date, this_month: dt.date, last_month: dt.date, rng: random.Random) -> str:
    if month == this_month:
        return "draft"
    roll = rng.random()
    if month == last_month:
        fates = [
            (0.55, "ontime"),
            (0.65, "late"),
            (0.75, "verified"),
            (0.83, "submitted"),
            (0.9, "returned"),
        ]
        return next((fate for limit, fate in fates if roll < limit), "missing")
    return "ontime" if roll < 0.88 else "late"


def _upper(code: str, level: str, month: dt.date, values: dict, approver, day: int) -> Report:
    moment = _at(month, day)
    return Report(
        form=FORM,
        region_code=code,
        level=level,
        month=month,
        status=Status.APPROVED,
        figures={"rows": _rows(values), "breakdown": {}},
        computed_at=moment,
        submitted_by=approver,
        submitted_at=moment,
        approved_by=approver,
        approved_at=moment,
    )


def _month_reports(month, kecamatan, people, fates, figures) -> list[Report]:
    """The desa reports by their fates; once every desa is approved, the approved recaps."""
    reports, complete = [], True
    for code in sorted(fates):
        values = figures[code]
        fate = fates[code]
        if fate == "missing":
            complete = False
            continue
        report = Report(
            form=FORM,
            region_code=code,
            level=Level.DESA,
            month=month,
            figures={"rows": _rows(values), "breakdown": {}},
            computed_at=_at(month, 1) if fate != "draft" else dates.now(),
        )
        if fate != "draft":
            _review(report, fate, people, random.Random(f"{code}{month}"))
        complete = complete and report.status == Status.APPROVED
        reports.append(report)
    if not complete:
        return reports
    for kec in kecamatan:
        approver = people["koordinator"].get(kec.code)
        reports.append(_upper(kec.code, Level.KECAMATAN, month, figures[kec.code], approver, 10))
    kab_code = kecamatan[0].parent_id
    reports.append(_upper(kab_code, Level.KABUPATEN, month, figures[kab_code], people["admin"], 15))
    return reports


def create_reports(kabupaten: Region, rng: random.Random) -> str:
    kecamatan = list(kabupaten.children.filter(level=Level.KECAMATAN).order_by("code"))
    if not kecamatan:
        return "0 laporan"
    people = _people(kabupaten)
    today = dates.today()
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    desa = Region.objects.filter(level=Level.DESA).within(kabupaten.code)
    desa_codes = sorted(desa.values_list("code", flat=True))
    reports = []
    for month in _months(today):
        figures = _figures(kabupaten, month)
        fates = {code: _fate(month, this_month, last_month, rng) for code in desa_codes}
        reports += _month_reports(month, kecamatan, people, fates, figures)
    Report.objects.bulk_create(reports, batch_size=1000)
    summary = {"form": FORM, "months": MONTHS, "reports": len(reports)}
    audit.record("event", "reports.Report", "demo", kabupaten.code, None, summary)
    return f"{len(reports)} laporan bulanan"


def step(ctx: DemoContext) -> str:
    return create_reports(ctx.kabupaten, random.Random(ctx.rng.getrandbits(64)))
