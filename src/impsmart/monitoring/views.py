"""Monitoring pages: a region's outcomes and scorecard, comparisons, bulletins, the plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.dashboard import leaders
from impsmart.monitoring import actions, bulletin, compare, scorecard, targets, trends
from impsmart.monitoring.forms import ThresholdForm
from impsmart.monitoring.models import ReplicationSite
from impsmart.regions.models import Level, Region


def _region(request, code: str) -> Region:
    return get_visible(Region.objects, request.user, code=code)


def _month(request):
    return params.month(request.GET, "bulan", dates.latest_complete_month())


@permission_required("view_aggregates")
def overview(request):
    """The monitoring page of the user's own (primary) region."""
    if not request.user.region_code:
        raise Http404
    return redirect("monitoring:region", code=request.user.region_code)


def charts(region: Region, day) -> dict:
    months = trends.months_ending(day)
    values = trends.series(region.code, months)
    return {
        "months": months,
        "charts": [
            {
                "indicator": i,
                "values": values[i.code],
                "rows": list(zip(months, values[i.code], strict=True)),
                "line": leaders.Sparkline(values[i.code], width=300, height=60),
            }
            for i in trends.INDICATORS
        ],  # fmt: skip
    }


@permission_required("view_aggregates")
def region_page(request, code):
    region = _region(request, code)
    day = _month(request)
    card = scorecard.scorecard(region, day)
    children = {
        r.code: r for r in Region.objects.filter(code__in=card["children"]).order_by("code")
    }
    context = {
        "region": region,
        "month": day,
        "as_of": dates.now(),
        "card": card,
        "children": [(children[c], statuses) for c, statuses in card["children"].items()],
        "plans": scorecard.plans(region, card["found"]) if region.level != Level.DESA else [],
        "met_trend": scorecard.met_trend(region, day),
        "may_adjust": request.user.may("manage_targets"),
        **charts(region, day),
    }
    return render(request, "monitoring/region.html", context)


@permission_required("view_aggregates")
def compare_page(request, code):
    region = _region(request, code)
    context = compare.comparison(region, _month(request))
    return render(request, "monitoring/compare.html", context)


@permission_required("view_aggregates")
def bulletin_text(request, code):
    region = _region(request, code)
    data = bulletin.build(region, _month(request))
    return render(request, "monitoring/bulletin.html", {**data, "text": bulletin.text(data)})


@permission_required("view_aggregates")
def bulletin_pdf(request, code):
    region = _region(request, code)
    data = bulletin.build(region, _month(request))
    response = HttpResponse(bulletin.pdf(data), content_type="application/pdf")
    name = f"buletin-monev-{region.code}-{data['month']:%Y-%m}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@permission_required("manage_replication")
@require_http_methods(["GET", "POST"])
def sites(request):
    """The Dinas marks the medium-term desa: Bontomarannu whole and one desa per kecamatan."""
    if request.method == "POST":
        code = params.region_code(request.POST, "wilayah")
        try:
            if params.text(request.POST, "hapus"):
                site = get_visible(ReplicationSite.objects, request.user, region_code=code)
                actions.unmark_site(actor=request.user, site=site)
            else:
                actions.mark_site(actor=request.user, region_code=code)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Daftar desa replikasi disimpan."))
        return redirect("monitoring:sites")
    marked = {s.region_code for s in ReplicationSite.objects.visible_to(request.user)}
    kecamatan = Region.objects.visible_to(request.user).filter(level=Level.KECAMATAN)
    rows = []
    for kec in kecamatan.order_by("code"):
        desa = list(Region.objects.filter(parent_id=kec.code, level=Level.DESA).order_by("code"))
        rows.append({"region": kec, "whole": kec.code in marked,
                     "desa": [(d, d.code in marked) for d in desa]})  # fmt: skip
    return render(request, "monitoring/sites.html", {"rows": rows})


@permission_required("manage_targets")
@require_http_methods(["GET", "POST"])
def rules(request):
    """The Dinas adjusts the thresholds of the replication targets for its kabupaten."""
    kabupaten = get_visible(
        Region.objects, request.user, code=targets.kabupaten_of(request.user.region_code)
    )
    current = {code: rule for code, rule in targets.rules_for(kabupaten.code).items() if rule}
    form = ThresholdForm(request.POST if request.method == "POST" else None, rules=current)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_thresholds(
                actor=request.user, region_code=kabupaten.code, thresholds=form.thresholds()
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Ambang target disimpan."))
            return redirect("monitoring:rules")
    rows = [
        {**row, "rule": targets.rule_text(row["code"], current[row["code"]])}
        for row in form.targets()
    ]
    context = {
        "region": kabupaten,
        "form": form,
        "rows": rows,
        "t1": targets.rule_text("T1", current.get("T1", {})),
    }
    return render(request, "monitoring/rules.html", context)


def home_block(user) -> dict:
    """The leaders' line: the scorecard of their region this month, and the bulletin."""
    region = Region.objects.visible_to(user).filter(code=user.region_code).first()
    if region is None or not user.may("view_aggregates"):
        return {}
    day = dates.latest_complete_month()
    card = scorecard.scorecard(region, day)
    return {"monev": {"region": region, "month": day, "lines": card["lines"]}}
