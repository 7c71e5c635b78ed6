"""Family pages: the list of a region with live search, one family, and its edits."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impsmart import compiled, dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.dates import age_on
from impsmart.families import actions, codes, household, listing, search, status
from impsmart.families.forms import FamilyForm, KkNumberForm, KsForm
from impsmart.families.identity import ascii_digits
from impsmart.families.models import Family, Member
from impsmart.forms_submit import submit
from impsmart.regions import lookup
from impsmart.regions.models import Level, Region

DESA_DOTS = 3  # 73.06.06.2001


def poktan_targets(members: list[Member], day: dt.date) -> list[str]:
    """Derived targets (domain.md §3): a child 0–<6 → BKB, 10–24 → BKR, 60+ → BKL."""
    ages = [age_on(m.birth_date, day) for m in members if m.left_on is None]
    targets = []
    if any(age < 6 for age in ages):
        targets.append("BKB")
    if any(10 <= age <= 24 for age in ages):
        targets.append("BKR")
    if any(age >= 60 for age in ages):
        targets.append("BKL")
    return targets


def marital_label(member: Member) -> str:
    """The marital status today, dated when her husband left this KK (``actions.separate``)."""
    husband = member.spouse
    if member.sex != codes.Sex.FEMALE or husband is None or husband.left_on is None:
        return member.get_marital_status_display()
    since = {"date": husband.left_on.strftime("%d-%m-%Y")}
    if member.marital_status == codes.Marital.WIDOWED:
        return _("Cerai mati sejak %(date)s") % since
    if member.marital_status == codes.Marital.DIVORCED:
        return _("Cerai hidup sejak %(date)s") % since
    return _("Kawin, suami keluar dari KK ini sejak %(date)s") % since


def region_choices(user) -> list[Region]:
    """The kecamatan and desa in scope, and the dusun too for those who work in one desa;
    each with its parent, as a dusun's name reads its desa's kind."""
    levels = (Level.KECAMATAN, Level.DESA)
    if all(code.count(".") >= DESA_DOTS for code in user.scope_codes):
        levels += (Level.DUSUN,)
    return lookup.of_levels(user, levels)


@permission_required("view_personal")
def family_list(request):
    """The families in scope, 25 a page, by region, Tahapan KS and a search text.

    The page is chosen on the bare families; only its 25 rows get their head and member
    count, so an admin's list of the whole kabupaten costs a count and one page
    (``families/listing.py``).
    """
    region = None
    code = params.region_code(request.GET, "wilayah")
    if code:
        region = get_visible(Region.objects, request.user, code=code)
    ks = params.choice(request.GET, "ks", "", codes.KsStage.values)
    query = ascii_digits(params.text(request.GET, "q").strip())
    searched = None
    if query:
        families = listing.in_scope(request.user, code, ks)
        regions = [code] if code else request.user.scope_codes
        matched = search.find_families(families, query, regions).order_by(*listing.list_order())
        searched = matched.values_list("pk", flat=True)
        if search.few(regions):  # a desa's matches, read once: not counted, then paged
            searched = list(searched)
    number = params.integer(request.GET, "page", 1, minimum=1)
    page = listing.page(request.user, code, ks, number, searched)
    search.describe(page.object_list, query, request.user)
    context = {
        "page": page,
        "region": region,
        "query": query,
        "ks": ks,
        "ks_stages": codes.KsStage.choices,
        "regions": region_choices(request.user),
        "can_edit": request.user.may(actions.PERMISSION),
    }
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "families/_family_results.html" if partial else "families/family_list.html"
    return render(request, template, context)


def _served(user) -> QuerySet:
    from impsmart.counseling.models import Referral  # counseling builds on families

    return Referral.objects.visible_to(user).awaiting_confirmation()


def _awaiting_query(user) -> dict[str, QuerySet]:
    return {"ids": _served(user).filter(member__family_id=compiled.SLOT).values_list("pk")}


def awaiting_confirmation(user, family: Family) -> dict[int, list]:
    """Referrals of the family served at a facility that wait for the cadre's confirmation.

    Most families have none: their ids come from a query compiled once per user
    (``impsmart.compiled``, the family given when it runs), the referrals themselves
    only when there are some."""
    ids = [pk for (pk,) in compiled.queries(_awaiting_query, user)["ids"].rows(slot=family.pk)]
    awaiting: dict[int, list] = {}
    if not ids:
        return awaiting
    for referral in _served(user).filter(pk__in=ids).select_related("facility"):
        awaiting.setdefault(referral.member_id, []).append(referral)
    return awaiting


@login_required
@compiled.planned_once_per_view
def family_detail(request, pk):
    family = get_visible(Family.objects, request.user, pk=pk)
    today = dates.today()
    awaiting = awaiting_confirmation(request.user, family)
    members = household.members_of(request.user, family.pk)
    statuses = status.statuses_of_family(request.user, family.pk, today)
    for member in members:
        member.status = statuses.get(member.pk)
        member.age = age_on(member.birth_date, today)
        member.in_use = any(e.end_date is None for e in member.episode_list)
        member.pregnant_now = any(p.outcome_date is None for p in member.pregnancy_list)
        member.marital_label = marital_label(member)
        member.awaiting = awaiting.get(member.pk, [])
        member.in_couple = actions.couple_of(member) is not None
        member.needs_husband = actions.needs_husband(member)
        member.is_wife = (
            member.sex == codes.Sex.FEMALE
            and member.marital_status == codes.Marital.MARRIED
            and member.left_on is None
        )
    context = {
        "family": family,
        "members": members,
        "targets": poktan_targets(members, today),
        "region": lookup.by_code(request.user, {family.region_code}).get(family.region_code),
        "can_edit": request.user.may(actions.PERMISSION),
    }
    return render(request, "families/family_detail.html", context)


@permission_required(actions.PERMISSION)
def family_create(request):
    form = FamilyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        family = submit(form, actions.create_family, actor=request.user, **form.cleaned_data)
        if family is not None:
            messages.success(request, _("Keluarga %(kk)s tersimpan.") % {"kk": family.kk_number})
            return redirect("families:detail", pk=family.pk)
    return render(request, "families/family_form.html", {"form": form})


def editable_family(request, pk) -> Family:
    """A family in scope (404 otherwise) that the user's role may change (403 otherwise)."""
    family = get_visible(Family.objects, request.user, pk=pk)
    if not request.user.may(actions.PERMISSION):
        raise PermissionDenied
    return family


@login_required
def family_edit(request, pk):
    family = editable_family(request, pk)
    initial = {f: getattr(family, f) for f in ("region_code", "address", "jkn", "lat", "lng")}
    form = FamilyForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form, actions.update_family, actor=request.user, family=family, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("Data keluarga tersimpan."))
            return redirect("families:detail", pk=family.pk)
    return render(request, "families/family_form.html", {"form": form, "family": family})


@login_required
def family_ks(request, pk):
    family = editable_family(request, pk)
    form = KsForm(request.POST or None, initial=family.ks_answers)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            actions.update_family,
            actor=request.user,
            family=family,
            ks_answers=form.answers(),
        )
        if saved is not None:
            messages.success(
                request, _("Tahapan KS: %(stage)s.") % {"stage": saved.get_ks_stage_display()}
            )
            return redirect("families:detail", pk=family.pk)
    return render(request, "families/family_ks.html", {"form": form, "family": family})


@login_required
def family_kk_number(request, pk):
    """A new Kartu Keluarga was issued: change the family's KK number (audited)."""
    family = editable_family(request, pk)
    old = family.kk_number
    form = KkNumberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            actions.change_kk_number,
            actor=request.user,
            family=family,
            kk_number=form.cleaned_data["kk_number"],
        )
        if saved is not None:
            numbers = {"old": old, "new": saved.kk_number}
            messages.success(request, _("Nomor KK diganti: %(old)s menjadi %(new)s.") % numbers)
            return redirect("families:detail", pk=family.pk)
        family.kk_number = old  # the page names the family by the number it still has
    return render(request, "families/family_kk_number.html", {"form": form, "family": family})
