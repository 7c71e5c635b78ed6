"""PUP and the young: youth 10–24, calon pengantin, marriages under the PUP ages, mentoring."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible, user_scope_codes
from impsmart.counseling.models import KieSession
from impsmart.families import codes
from impsmart.families.models import Member
from impsmart.forms_submit import submit
from impsmart.regions.models import Level, Region
from impsmart.services import actions, pup
from impsmart.services.forms import CoupleForm, MarriageForm, MentoringForm, region_options
from impsmart.services.models import Couple, Mentee

VIEW = "view_personal"
YOUTH_LISTED = 300


def _region(request) -> Region:
    code = params.region_code(request.GET, "wilayah", user_scope_codes(request.user)[0])
    return get_visible(Region.objects, request.user, code=code)


def _page(request, template: str, region: Region, **context: Any):
    """Render a PUP page with the region picker: the user's own regions, their desa and dusun."""
    own = Region.objects.filter(code__in=request.user.scope_codes).order_by("code")
    options = [(r.code, str(r)) for r in own]
    options += [
        o for o in region_options(request.user, [Level.DESA, Level.DUSUN]) if o not in options
    ]
    return render(request, template, {"region": region, "region_options": options, **context})


def _youth(request, region: Region):
    members = Member.objects.visible_to(request.user)
    return pup.youth(members, region.code, dates.today()).select_related("family")


@permission_required(VIEW)
def overview(request):
    region = _region(request)
    today = dates.today()
    couples = Couple.objects.visible_to(request.user).within(region.code)
    sessions = (
        KieSession.objects.visible_to(request.user)
        .within(region.code)
        .filter(mentees__isnull=False)
        .distinct()[:20]
    )
    return _page(
        request,
        "services/pup.html",
        region,
        youth=pup.youth_counts(Member.objects.visible_to(request.user), region.code, today),
        engaged=pup.engaged(couples, today),
        marriages=pup.marriages_by_month(couples, dates.last_day(today)),
        sessions=sessions,
        may_edit=request.user.may(actions.PERMISSION),
        pup_woman=pup.PUP_WOMAN,
        pup_man=pup.PUP_MAN,
    )


@permission_required(VIEW)
def youth_list(request):
    region = _region(request)
    today = dates.today()
    mentored = set(Mentee.objects.visible_to(request.user).values_list("person_id", flat=True))
    rows = [
        (m, dates.age_on(m.birth_date, today), m.pk in mentored)
        for m in _youth(request, region).order_by("family__region_code", "name")[:YOUTH_LISTED]
    ]
    return _page(request, "services/youth_list.html", region, rows=rows, limit=YOUTH_LISTED)


def _unmarried(request, region: Region, sex: str):
    members = _youth(request, region).filter(sex=sex).exclude(marital_status=codes.Marital.MARRIED)
    return members.order_by("name")[:YOUTH_LISTED]


def _member(request, pk: int | None) -> Member | None:
    if not pk:
        return None
    return _chosen(request, Member, [pk])[0]


@permission_required(actions.PERMISSION)
def couple_create(request):
    region = _region(request)
    form = CoupleForm(
        request.POST or None,
        user=request.user,
        brides=_unmarried(request, region, codes.Sex.FEMALE),
        grooms=_unmarried(request, region, codes.Sex.MALE),
        initial={"region_code": region.code},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["bride"] = _member(request, data["bride"])
        data["groom"] = _member(request, data["groom"])
        couple = submit(form, actions.add_couple, actor=request.user, **data)
        if couple is not None:
            messages.success(request, _("Calon pengantin tersimpan."))
            return redirect(f"{_overview_url()}?wilayah={couple.region_code}")
    return _page(request, "services/couple_form.html", region, form=form)


def _overview_url() -> str:
    return reverse("services:pup")


@permission_required(actions.PERMISSION)
def couple_marry(request, pk):
    couple = get_visible(Couple.objects, request.user, pk=pk)
    form = MarriageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form, actions.record_marriage, actor=request.user, couple=couple, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, _("Pernikahan tercatat."))
            return redirect(f"{_overview_url()}?wilayah={couple.region_code}")
    return render(request, "services/marriage_form.html", {"form": form, "couple": couple})


def _chosen(request, model: type, ids: list[int]) -> list[Any]:
    found = list(model.objects.visible_to(request.user).filter(pk__in=ids))
    if len(found) != len(ids):
        raise PermissionDenied  # someone outside the user's scope
    return found


@permission_required(actions.PERMISSION)
def mentoring_create(request):
    region = _region(request)
    form = MentoringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["people"] = _chosen(request, Member, data["people"])
        data["couples"] = _chosen(request, Couple, data["couples"])
        session = submit(
            form, actions.record_mentoring, actor=request.user, region_code=region.code, **data
        )
        if session is not None:
            messages.success(request, _("Pendampingan PUP tersimpan."))
            return redirect("counseling:kie_detail", session.pk)
    couples = Couple.objects.visible_to(request.user).within(region.code)
    return _page(
        request,
        "services/mentoring_form.html",
        region,
        form=form,
        people=_youth(request, region).order_by("name")[:YOUTH_LISTED],
        couples=couples.filter(married_on__isnull=True),
        ticked_people=_ticked(form, "people"),
        ticked_couples=_ticked(form, "couples"),
    )


def _ticked(form, name: str) -> set[int]:
    if not form.is_bound:
        return set()
    return set(getattr(form, "cleaned_data", {}).get(name, []))
