"""Institution pages: the list in scope (filters by level, kecamatan, grade, active), an
institution's page (K/0 data, board with history, grade explained, decree, partners), add,
edit, deactivate, and its board (assign a seat, end a tenure).

Reads go through ``visible_to``; writes through ``organization/actions.py``, which refuses
(403) outside the user's scope or role.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.roles import CADRES, Role
from impsmart.accounts.scope import get_visible, require_writable
from impsmart.forms_submit import submit
from impsmart.organization import actions, grading
from impsmart.organization.forms import EndSeatForm, InstitutionForm, SeatForm
from impsmart.organization.models import COLLECTIVE_CORE, BoardSeat, Institution, Level, Partner
from impsmart.regions.models import Level as RegionLevel
from impsmart.regions.models import Region

READ = "view_institutions"
PAGE_SIZE = 50
ACTIVE_CHOICES = ["ya", "tidak", "semua"]


def _writable(user: Any, institution: Institution) -> bool:
    try:
        require_writable(user, institution.region_code, actions.MANAGE)
    except PermissionDenied:
        return False
    return institution.active


@permission_required(READ)
def institution_list(request):
    found = Institution.objects.visible_to(request.user)
    level = params.choice(request.GET, "tingkat", "", Level.values)
    if level:
        found = found.filter(level=level)
    active = params.choice(request.GET, "aktif", "ya", ACTIVE_CHOICES)
    if active != "semua":
        found = found.filter(active=active == "ya")
    kecamatan = None
    code = params.region_code(request.GET, "wilayah")
    if code:
        kecamatan = get_visible(Region.objects, request.user, code=code)
        found = found.within(kecamatan.code)
    wanted = params.choice(request.GET, "kelas", "", [*grading.GRADES, "belum"])
    found = found.order_by("region_code", "level", "code")
    day = dates.today()
    if wanted:  # the grade is computed from data, so the filter grades every candidate
        graded = [(i, grading.grade(i, day)) for i in found]
        items = [(i, g) for i, g in graded if (g.grade or "belum") == wanted]
        page = Paginator(items, PAGE_SIZE).get_page(
            params.integer(request.GET, "page", 1, minimum=1)
        )
    else:
        page = Paginator(found, PAGE_SIZE).get_page(
            params.integer(request.GET, "page", 1, minimum=1)
        )
        page.object_list = [(i, grading.grade(i, day)) for i in page.object_list]
    regions = Region.objects.visible_to(request.user).filter(
        level__in=[RegionLevel.KECAMATAN, RegionLevel.DESA]
    )
    context = {
        "page": page,
        "level": level,
        "levels": Level.choices,
        "active": active,
        "wanted": wanted,
        "grades": grading.GRADES,
        "region": kecamatan,
        "regions": regions.order_by("code"),
    }
    return render(request, "organization/institution_list.html", context)


def detail_context(user: Any, institution: Institution) -> dict:
    day = dates.today()
    graded = grading.grade(institution, day)
    seats = list(institution.seats.select_related("decree").order_by("seat", "-started_on"))
    running = [s for s in seats if s.ended_on is None]
    region = Region.objects.filter(code=institution.region_code).first()
    partners = Partner.objects.visible_to(user).filter(active=True)
    above = institution.region_code.split(".")
    codes = {".".join(above[:n]) for n in range(3, len(above) + 1)}
    writable = _writable(user, institution)
    return {
        "institution": institution,
        "region": region,
        "graded": graded,
        "status_labels": grading.STATUS_LABELS,
        "running": running,
        "history": [s for s in seats if s.ended_on is not None],
        "collective": {s.seat for s in running} >= COLLECTIVE_CORE,
        "decrees": institution.decrees.order_by("-effective_on"),
        "partners": partners.filter(region_code__in=codes).order_by("kind", "name"),
        "writable": writable,
        "seat_form": SeatForm(institution=institution) if writable else None,
    }


@permission_required(READ)
def institution_detail(request, pk):
    institution = get_visible(Institution.objects, request.user, pk=pk)
    return render(
        request, "organization/institution_detail.html", detail_context(request.user, institution)
    )


@permission_required(actions.MANAGE)
def institution_create(request):
    form = InstitutionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = submit(form, actions.create_institution, actor=request.user, **form.cleaned_data)
        if saved is not None:
            messages.success(request, _("%(name)s tersimpan.") % {"name": saved.name})
            return redirect("organization:institution_detail", saved.pk)
    return render(request, "organization/institution_form.html", {"form": form})


@permission_required(actions.MANAGE)
def institution_edit(request, pk):
    institution = get_visible(Institution.objects, request.user, pk=pk)
    require_writable(request.user, institution.region_code, actions.MANAGE)
    initial = {
        "name": institution.name,
        "founded_on": institution.founded_on,
        "funding": institution.funding,
        "pembina": institution.pembina,
    }
    form = InstitutionForm(
        request.POST or None, user=request.user, edited=institution, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            actions.update_institution,
            actor=request.user,
            institution=institution,
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(request, _("%(name)s tersimpan.") % {"name": saved.name})
            return redirect("organization:institution_detail", saved.pk)
        institution.refresh_from_db()
    context = {"form": form, "edited": institution}
    return render(request, "organization/institution_form.html", context)


@require_POST
@permission_required(actions.MANAGE)
def institution_deactivate(request, pk):
    institution = get_visible(Institution.objects, request.user, pk=pk)
    try:
        actions.deactivate_institution(actor=request.user, institution=institution)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s dinonaktifkan; datanya tetap tersimpan.") % {"name": institution.name},
        )
    return redirect("organization:institution_detail", pk)


@permission_required(actions.MANAGE)
def seat_assign(request, pk):
    institution = get_visible(Institution.objects, request.user, pk=pk)
    require_writable(request.user, institution.region_code, actions.MANAGE)
    form = SeatForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            actions.assign_seat,
            actor=request.user,
            institution=institution,
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(
                request,
                _("%(seat)s kini %(name)s.")
                % {"seat": saved.get_seat_display(), "name": saved.name},
            )
            return redirect("organization:institution_detail", pk)
    return render(
        request, "organization/seat_form.html", {"form": form, "institution": institution}
    )


@require_POST
@permission_required(actions.MANAGE)
def seat_end(request, pk):
    seat = get_visible(BoardSeat.objects.select_related("institution"), request.user, pk=pk)
    form = EndSeatForm(request.POST)
    if form.is_valid():
        try:
            actions.end_seat(actor=request.user, seat=seat, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Masa jabatan %(name)s berakhir.") % {"name": seat.name})
    else:
        messages.error(request, _("Tulis tanggal selesai yang sah."))
    return redirect("organization:institution_detail", seat.institution_id)


def home_block(user: Any) -> dict:
    """A cadre: her institution's grade and what it lacks. A PKB: her desa binaan's grades."""
    day = dates.today()
    found = Institution.objects.visible_to(user).filter(active=True)
    if user.role in CADRES:
        mine = found.filter(region_code=user.region_code).order_by("level").first()
        if mine is None:
            return {}
        return {"own": mine, "own_grade": grading.grade(mine, day)}
    if user.role == Role.PKB:
        desa = found.filter(level=Level.PPKBD).order_by("region_code")
        return {"overview": [(i, grading.grade(i, day)) for i in desa]}
    return {}
