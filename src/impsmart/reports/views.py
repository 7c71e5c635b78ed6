"""Report pages: the month's list, one report with its review steps, downloads, completeness."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.families.models import Member
from impsmart.regions.models import Level, Region
from impsmart.reports import (
    actions,
    calendar,
    completeness,
    dhis2,
    engine,
    forms_catalog,
    indicators,
    workflow,
)
from impsmart.reports.models import ImmutableReport, LateReason, Report, Status

STEPS = {
    "hitung-ulang": "refresh",
    "kirim": "submit",
    "verifikasi": "verify",
    "kembalikan": "return",
    "setujui": "approve",
    "perbaiki": "new_version",
}
STEP_SLUGS = {step: slug for slug, step in STEPS.items()}


def _month(request) -> dt.date:
    query = request.POST if request.method == "POST" else request.GET
    return params.month(query, "bulan", dates.this_month()).replace(day=1)


def _latest_only(reports) -> list[Report]:
    latest: dict[tuple, Report] = {}
    for report in reports.order_by("form", "region_code", "version"):
        latest[(report.form, report.region_code)] = report
    return sorted(latest.values(), key=lambda r: (r.region_code, r.form))


def _preparable(user) -> list[Region]:
    regions = Region.objects.visible_to(user).filter(code__in=user.scope_codes)
    return [r for r in regions if workflow.may(user, "refresh", r.level, r.code)]


def returned_for(user) -> list[Report]:
    """Reports sent back to this user's own region(s) that wait for her correction."""
    reports = Report.objects.visible_to(user).filter(status=Status.RETURNED)
    return [r for r in reports if workflow.may(user, "submit", r.level, r.region_code)]


def _completeness(user, month: dt.date) -> list[dict]:
    """Desa reports of the month in each kecamatan or kabupaten of the user's scope."""
    regions = Region.objects.visible_to(user).filter(
        code__in=user.scope_codes, level__in=[Level.KECAMATAN, Level.KABUPATEN]
    )
    return [
        {
            "region": region,
            **completeness.summary(
                completeness.desa_states(completeness.FORM, region.code, [month]).values()
            ),
        }
        for region in regions.order_by("code")
    ]


def home_returned(user) -> dict:
    """The home page's warnings: reports waiting for this user's correction."""
    return {"returned": returned_for(user)}


@permission_required("view_aggregates")
def report_list(request):
    month = _month(request)
    reports = _latest_only(Report.objects.visible_to(request.user).filter(month=month))[:500]
    names = Region.objects.select_related("parent").in_bulk({r.region_code for r in reports})
    context = {
        "month": month,
        "reports": [(r, names.get(r.region_code, r.region_code)) for r in reports],
        "preparable": _preparable(request.user),
        "forms": forms_catalog.FORMS.values(),
        "returned": returned_for(request.user),
        "completeness": _completeness(request.user, month),
    }
    return render(request, "reports/report_list.html", context)


@require_POST
@permission_required("view_aggregates")
def prepare(request):
    region = get_visible(
        Region.objects, request.user, code=params.region_code(request.POST, "region")
    )
    try:
        report = actions.refresh_draft(
            actor=request.user,
            form=params.text(request.POST, "form"),
            region_code=region.code,
            month=_month(request),
        )
    except (ValueError, ImmutableReport) as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('reports:list')}?bulan={_month(request):%Y-%m}")
    return redirect("reports:detail", pk=report.pk)


def _changed_rows(report: Report) -> list[str]:
    """Row codes whose figure differs now from the approved snapshot (computed, never saved)."""
    fresh = workflow.fresh_figures(report.form, report.region_code, report.level, report.month)
    now = {row["code"]: row["value"] for row in fresh["rows"]}
    return [
        row["code"]
        for row in report.figures.get("rows", [])
        if now.get(row["code"]) != row["value"]
    ]


def _breakdown(figures: dict, rows: list[dict]) -> dict:
    children = sorted(figures.get("breakdown", {}))
    names = dict(Region.objects.filter(code__in=children).values_list("code", "name"))
    table = [
        {
            "row": row,
            "values": [figures["breakdown"][c].get(row["code"]) for c in children],
        }
        for row in rows
    ]
    return {"children": [(c, names.get(c, c)) for c in children], "table": table}


def _traceable(code: str) -> bool:
    indicator = indicators.INDICATORS.get(code)
    return indicator is not None and indicator.trace is not None


def _detail_context(request, report: Report) -> dict:
    versions = list(
        Report.objects.visible_to(request.user)
        .filter(form=report.form, region_code=report.region_code, month=report.month)
        .order_by("version")
    )
    is_latest = versions[-1].pk == report.pk
    figures = report.figures
    rollup = None
    if report.level in workflow.ROLLUP:
        rollup = completeness.rollup(report.form, report.region_code, report.month)
        if report.status != Status.APPROVED:
            figures = {"rows": rollup["rows"], "breakdown": rollup["breakdown"]}
    form = forms_catalog.get_form(report.form)
    official = {row.code: row for row in form.rows} if form else {}
    rows = [
        {
            **row,
            "kind": getattr(official.get(row["code"]), "kind", None),
            "section": getattr(official.get(row["code"]), "section", ""),
            "traceable": _traceable(row["code"]),
        }
        for row in figures.get("rows", [])
    ]
    changed = _changed_rows(report) if report.status == Status.APPROVED else []
    labels = {row["code"]: row["label"] for row in rows}
    return {
        "report": report,
        "form": form,
        "rows": rows,
        "breakdown": _breakdown(figures, rows),
        "versions": versions,
        "steps": workflow.allowed_steps(request.user, report, is_latest),
        "step_slugs": STEP_SLUGS,
        "changed": changed,
        "changed_labels": [labels.get(code, code) for code in changed],
        "rollup": rollup,
        "late_now": calendar.is_late_now(report),
        "early_warning": calendar.early_warning(report.month),
        "late_reasons": LateReason.choices,
        "can_trace": request.user.may("view_personal"),
        "region": Region.objects.filter(code=report.region_code).first(),
        "on_time": calendar.submitted_on_time(report),
        "formats": list(EXPORTS),
    }


@permission_required("view_aggregates")
def report_detail(request, pk):
    report = get_visible(Report.objects, request.user, pk=pk)
    return render(request, "reports/report_detail.html", _detail_context(request, report))


def _run_step(request, report: Report, step: str) -> Report:
    if step == "refresh":
        return actions.refresh_draft(
            actor=request.user, form=report.form, region_code=report.region_code, month=report.month
        )
    if step == "submit":
        late = params.choice(request.POST, "late_reason", "", LateReason.values)
        confirmed = params.choice(request.POST, "kirim_juga", "", ["1"]) == "1"
        return actions.submit(
            actor=request.user, report=report, late_reason=late, confirmed=confirmed
        )
    if step == "verify":
        return actions.verify(actor=request.user, report=report)
    if step == "return":
        reason = params.text(request.POST, "reason", max_length=params.LONG_TEXT)
        return actions.return_report(actor=request.user, report=report, reason=reason)
    if step == "approve":
        return actions.approve(actor=request.user, report=report)
    return actions.new_version(actor=request.user, report=report)


@require_POST
@permission_required("view_aggregates")
def take_step(request, pk, step):
    report = get_visible(Report.objects, request.user, pk=pk)
    if step not in STEPS:
        raise Http404
    try:
        result = _run_step(request, report, STEPS[step])
    except (ValueError, ImmutableReport) as error:
        messages.error(request, str(error))
        return redirect("reports:detail", pk=report.pk)
    except ValidationError as error:  # the month is not over and the cadre did not confirm
        messages.error(request, " ".join(error.messages))
        return redirect("reports:detail", pk=report.pk)
    messages.success(request, _("Laporan: %(status)s.") % {"status": result.get_status_display()})
    return redirect("reports:detail", pk=result.pk)


@permission_required("view_aggregates")
def dhis2_json(request, pk):
    report = get_visible(Report.objects, request.user, pk=pk)
    payload = dhis2.data_value_set(
        report, include_children=params.choice(request.GET, "anak", "0", ["0", "1"]) == "1"
    )
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 2})
    name = f"dhis2-{report.form}-{report.region_code}-{report.month:%Y-%m}-v{report.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission_required("view_personal")
def trace(request, pk, row):
    """The PUS behind one figure (personal data: scoped members only)."""
    report = get_visible(Report.objects, request.user, pk=pk)
    scoped = Member.objects.visible_to(request.user)
    try:
        members = engine.trace(row, report.region_code, report.month_end, scoped)
    except engine.ReportError as error:
        raise Http404 from error
    members = list(members.select_related("family")[:1000])
    names = Region.objects.select_related("parent").in_bulk({m.family.region_code for m in members})
    context = {
        "report": report,
        "row": report.row_label(row),
        "region": Region.objects.filter(code=report.region_code).first(),
        "members": [(m, names.get(m.family.region_code, m.family.region_code)) for m in members],
    }
    return render(request, "reports/trace.html", context)


EXPORTS = {
    "json": ("to_json", "application/json"),
    "csv": ("to_csv", "text/csv; charset=utf-8"),
    "xlsx": ("to_xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": ("to_pdf", "application/pdf"),
}
PAPER = {"xlsx", "pdf"}


@permission_required("view_aggregates")
def download(request, pk, fmt):
    """This version's snapshot in the layouts of ``exports.py`` (the CLI's formats)."""
    report = get_visible(Report.objects, request.user, pk=pk)
    if fmt not in EXPORTS:
        raise Http404
    from impsmart.reports import exports

    payload = {
        "form": report.form,
        "region": report.region_code,
        "month": report.month_text,
        "status": report.status,
        "rows": report.figures.get("rows", []),
        "breakdown": report.figures.get("breakdown", {}),
    }
    if fmt in PAPER:
        payload["version"] = report.version  # printed in the heading; not in the data contracts
    function, content_type = EXPORTS[fmt]
    response = HttpResponse(getattr(exports, function)(payload), content_type=content_type)
    name = f"{report.form}-{report.region_code}-{report.month_text}-v{report.version}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission_required("view_aggregates")
def kecamatan_status(request, code):
    """Per desa of a kecamatan: not reported, late, returned or approved, for one month."""
    region = get_visible(Region.objects, request.user, code=code)
    if region.level != Level.KECAMATAN:
        raise Http404
    month = _month(request)
    form = params.choice(request.GET, "form", completeness.FORM, forms_catalog.FORMS)
    form = forms_catalog.get_form(form).rollup_of or form  # a recap follows its desa form
    states = completeness.desa_states(form, region.code, [month])
    items = [states[(d.code, month)] for d in completeness.desa_of(region.code)]
    days = calendar.due_days(region.code)
    context = {
        "region": region,
        "month": month,
        "items": items,
        "done": sum(i.state == "disetujui" for i in items),
        "due": calendar.due_date(month, Level.DESA, days),
        "not_due": calendar.not_yet_due(month, Level.DESA, days),
        **completeness.summary(items),
    }
    return render(request, "reports/kecamatan_status.html", context)


@permission_required("view_aggregates")
def kabupaten_heat(request, code):
    """Kecamatan × month: the share of desa approved on time, last 12 months."""
    region = get_visible(Region.objects, request.user, code=code)
    if region.level != Level.KABUPATEN:
        raise Http404
    if request.user.role not in ("admin_kabupaten", "pimpinan"):
        raise PermissionDenied
    months = completeness.last_months(min(_month(request), dates.this_month()))
    table = completeness.heat_table(completeness.FORM, region.code, months)
    return render(
        request, "reports/kabupaten_heat.html", {"region": region, "months": months, "table": table}
    )
