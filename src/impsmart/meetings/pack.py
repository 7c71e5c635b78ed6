"""The meeting pack: the figures a meeting discusses, from the registers of its region.

By default the month before the meeting (the month whose report is due when it meets). Every
figure comes from a module that already defines it: REKAP_PUS rows through
``reports.engine.load_or_compute`` (the approved snapshot when there is one), visits and
pending referrals from counselling, the report's status from the reports app, and the
institution's meeting months from the grading measure. Counts only: no names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from impsmart import dates
from impsmart.counseling.models import Referral, Visit
from impsmart.organization import grading
from impsmart.organization.models import Institution
from impsmart.reports.engine import ReportError, load_or_compute
from impsmart.reports.forms_catalog import METHOD_LABELS
from impsmart.reports.models import Report

FORM = "REKAP_PUS"
ROWS = ["pus", "pa_total", *(f"pa_{m}" for m in METHOD_LABELS), "pb_total", "drop_out"]
ROWS += ["unmet_need", "pct_unmet"]


@dataclass
class Pack:
    institution: Institution
    month: dt.date  # the month's last day
    rows: list[dict]  # REKAP_PUS rows: code, label, value
    figures_status: str  # "approved" or "draft"
    visits: int
    pending_referrals: int
    report: Report | None
    meeting_months: int | None
    graded: grading.Graded  # the institution's grade on the month's last day, with what it lacks


def default_month(meeting_date: dt.date) -> dt.date:
    return dates.last_day(dates.add_months(meeting_date, -1))


def build(institution: Institution, month: dt.date, user: Any) -> Pack:
    code = institution.region_code
    start, end = month.replace(day=1), dates.last_day(month)
    try:
        report = load_or_compute(FORM, code, end)
        by_code = {row["code"]: row for row in report["rows"]}
        rows = [by_code[c] for c in ROWS if c in by_code]
        status = report["status"]
    except ReportError:
        rows, status = [], ""
    visits = Visit.objects.aggregatable_by(user).within(code)
    referrals = Referral.objects.aggregatable_by(user).within(code)
    stored = (
        Report.objects.aggregatable_by(user)
        .filter(form=FORM, region_code=code, month=start)
        .order_by("-version")
        .first()
    )
    return Pack(
        institution=institution,
        month=end,
        rows=rows,
        figures_status=status,
        visits=visits.filter(date__gte=start, date__lte=end).count(),
        pending_referrals=referrals.filter(status=Referral.Status.SENT, sent_on__lte=end).count(),
        report=stored,
        meeting_months=grading.measure("meeting_months", institution, end),
        graded=grading.grade(institution, end),
    )
