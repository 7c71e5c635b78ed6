"""Writes to monthly reports: each step of the review flow, audited as its actor.

Every step re-reads the report under a row lock, refuses an approved report (immutable: a
correction is ``new_version``), then checks role and region (403) and the state
(``WorkflowError``), so a refused step changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format

from impsmart import dates
from impsmart.accounts.audit import action
from impsmart.forms_submit import ConfirmationRequired
from impsmart.plaintext import has_control, message
from impsmart.reports import calendar, forms_catalog, workflow
from impsmart.reports.models import ImmutableReport, LateReason, Report, Status
from impsmart.reports.workflow import WorkflowError


def _locked(report: Report, step: str) -> Report:
    fresh = Report.objects.select_for_update().get(pk=report.pk)
    if fresh.status == Status.APPROVED and step != "new_version":
        raise ImmutableReport
    return fresh


def _recompute(report: Report) -> None:
    report.figures = workflow.fresh_figures(
        report.form, report.region_code, report.level, report.month
    )
    report.computed_at = workflow.stamp()


@action
def refresh_draft(*, actor: Any, form: str, region_code: str, month: dt.date) -> Report:
    """Create the month's report (version 1) or recompute its draft from the registers."""
    if forms_catalog.get_form(form) is None:
        raise WorkflowError(f"Formulir {form} tidak dikenal.")
    form = forms_catalog.get_form(form).code
    month = month.replace(day=1)
    if month > dates.this_month():
        raise WorkflowError(
            f"Bulan {date_format(month, 'F Y')} belum dimulai; laporannya belum dapat dibuat."
        )
    level = workflow.level_of(region_code)
    if not workflow.may(actor, "refresh", level, region_code):
        raise PermissionDenied
    latest = (
        Report.objects.filter(form=form, region_code=region_code, month=month)
        .order_by("-version")
        .first()
    )
    if latest is None:
        report = Report(form=form, region_code=region_code, level=level, month=month)
    else:
        report = _locked(latest, "refresh")
        workflow.check(actor, "refresh", report)
    _recompute(report)
    report.save()
    return report


@action
def submit(*, actor: Any, report: Report, late_reason: str = "", confirmed: bool = False) -> Report:
    """The cadre (or koordinator/Dinas above) sends the report; late ones need a reason.

    Before the month has ended its figures can still change, so sending then needs
    ``confirmed`` (``ConfirmationRequired`` says why).
    """
    report = _locked(report, "submit")
    workflow.check(actor, "submit", report)
    if late_reason and late_reason not in LateReason.values:
        raise WorkflowError("Alasan keterlambatan tidak dikenal.")
    if calendar.is_late_now(report) and not late_reason:
        raise WorkflowError("Laporan ini terlambat: pilih alasan keterlambatan.")
    early = calendar.early_warning(report.month)
    if early and not confirmed:
        raise ConfirmationRequired(early)
    _recompute(report)
    report.status = Status.SUBMITTED
    report.submitted_by, report.submitted_at = actor, workflow.stamp()
    report.late_reason = late_reason if calendar.is_late_now(report) else ""
    report.save()
    return report


@action
def verify(*, actor: Any, report: Report) -> Report:
    """The PKB/PLKB of the desa confirms the figures against the registers."""
    report = _locked(report, "verify")
    workflow.check(actor, "verify", report)
    report.status = Status.VERIFIED
    report.verified_by, report.verified_at = actor, workflow.stamp()
    report.save()
    return report


@action
def return_report(*, actor: Any, report: Report, reason: str) -> Report:
    """Send the report back to its cadre with a reason she sees on the report and at home."""
    report = _locked(report, "return")
    workflow.check(actor, "return", report)
    reason = reason.strip()
    if not reason:
        raise WorkflowError("Tulis alasan laporan dikembalikan.")
    if has_control(reason, multiline=True):
        raise WorkflowError(message("Alasan"))
    report.status = Status.RETURNED
    report.returned_by, report.returned_at = actor, workflow.stamp()
    report.returned_reason = reason[:2000]
    report.verified_by = report.verified_at = None
    report.save()
    return report


@action
def approve(*, actor: Any, report: Report) -> Report:
    """Freeze the figures; a roll-up report freezes the approved desa reports as of now."""
    report = _locked(report, "approve")
    workflow.check(actor, "approve", report)
    if report.level in workflow.ROLLUP:
        _recompute(report)
    report.status = Status.APPROVED
    report.approved_by, report.approved_at = actor, workflow.stamp()
    report.save()
    return report


@action
def new_version(*, actor: Any, report: Report) -> Report:
    """A correction: a new draft (version + 1) that supersedes the approved one."""
    report = _locked(report, "new_version")
    workflow.check(actor, "new_version", report)
    if Report.objects.filter(supersedes=report).exists():
        raise WorkflowError("Versi perbaikan untuk laporan ini sudah ada.")
    correction = Report(
        form=report.form,
        region_code=report.region_code,
        level=report.level,
        month=report.month,
        version=report.version + 1,
        supersedes=report,
    )
    _recompute(correction)
    correction.save()
    return correction
