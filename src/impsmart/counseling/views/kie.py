"""KIE sessions: the list per region and month (with the F/I/Dal counts), add, detail."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible, user_scope_codes
from impsmart.counseling import actions, kie
from impsmart.counseling.forms import KieSessionForm
from impsmart.counseling.models import KieSession
from impsmart.forms_submit import submit
from impsmart.regions.models import Region


@permission_required("view_aggregates")
def kie_list(request):
    regions = Region.objects.visible_to(request.user)
    code = params.region_code(request.GET, "wilayah", user_scope_codes(request.user)[0])
    region = get_visible(regions, request.user, code=code)
    end = params.month(request.GET, "bulan", dates.last_day(dates.today()))
    sessions = (
        KieSession.objects.visible_to(request.user)
        .within(region.code)
        .filter(date__gte=end.replace(day=1), date__lte=end)
    )
    counts = kie.kie_counts(region.code, end)
    names = dict(regions.filter(code__in=counts).values_list("code", "name"))
    rows = [(code, names.get(code, code), cell) for code, cell in sorted(counts.items())]
    context = {
        "region": region,
        "month": f"{end:%Y-%m}",
        "sessions": sessions,
        "rows": rows,
        "total": kie.total(counts),
        "own_regions": regions.filter(code__in=request.user.scope_codes),
    }
    return render(request, "counseling/kie_list.html", context)


@permission_required("view_aggregates")
def kie_detail(request, pk):
    session = get_visible(KieSession.objects, request.user, pk=pk)
    return render(request, "counseling/kie_detail.html", {"session": session})


@permission_required(actions.PERMISSION)
def kie_create(request):
    form = KieSessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        session = submit(form, actions.create_kie_session, actor=request.user, **form.cleaned_data)
        if session is not None:
            messages.success(request, _("Sesi KIE tersimpan."))
            return redirect("counseling:kie_detail", session.pk)
    return render(request, "counseling/kie_form.html", {"form": form})
