"""Members of a family: add, edit (NIK warnings to confirm, spouse linking) and mutasi,
also of a couple (cerai hidup, cerai mati, pindah)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impsmart.accounts.scope import get_visible
from impsmart.families import actions, codes
from impsmart.families.forms import ExitForm, HusbandForm, MemberForm, SeparationForm
from impsmart.families.models import Family, Member
from impsmart.families.views.families import editable_family
from impsmart.forms_submit import submit

MEMBER_FIELDS = (
    "name",
    "nik",
    "sex",
    "birth_date",
    "relation",
    "marital_status",
    "education",
    "occupation",
    "jkn",
)


def editable_member(request, pk) -> Member:
    member = get_visible(Member.objects.select_related("family"), request.user, pk=pk)
    if not request.user.may(actions.PERMISSION):
        raise PermissionDenied
    return member


def _marry(request, form, member: Member, spouse_pk: int | None) -> None:
    """Link ``member`` with the chosen spouse of the same family (who is wife decides order).

    With no spouse chosen, a married head, wife or husband is linked to the one married
    partner on the KK; with several, the form asks which (``actions.link_spouse``).
    """
    if spouse_pk is None:
        submit(form, actions.link_spouse, actor=request.user, member=member)
        return
    if spouse_pk == member.spouse_id:
        return
    spouse = member.family.members.get(pk=spouse_pk)
    wife, husband = (member, spouse) if member.sex == codes.Sex.FEMALE else (spouse, member)
    submit(
        form,
        actions.marry,
        aliases={"member": "spouse"},
        actor=request.user,
        wife=wife,
        husband=husband,
        confirmed=form.cleaned_data["confirmed"],
    )


def _save(request, form, family: Family, member: Member | None) -> Member | None:
    """Add or update the member and link the spouse, all or nothing."""
    data = {name: form.cleaned_data[name] for name in MEMBER_FIELDS}
    data["education"] = data["education"] or ""
    with transaction.atomic():
        if member is None:
            saved = submit(
                form,
                actions.add_member,
                actor=request.user,
                family=family,
                confirmed=form.cleaned_data["confirmed"],
                **data,
            )
        else:
            saved = submit(
                form,
                actions.update_member,
                actor=request.user,
                member=member,
                confirmed=form.cleaned_data["confirmed"],
                **data,
            )
        if saved is not None:
            _marry(request, form, saved, form.cleaned_data["spouse"])
        if form.errors:
            transaction.set_rollback(True)
            return None
    return saved


def _member_page(request, family: Family, member: Member | None):
    initial = {}
    if member is not None:
        initial = {name: getattr(member, name) for name in MEMBER_FIELDS}
        initial["spouse"] = member.spouse_id
    form = MemberForm(request.POST or None, family=family, member=member, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, family, member)
        if saved is not None:
            messages.success(request, _("%(name)s tersimpan.") % {"name": saved.name})
            return redirect("families:detail", pk=family.pk)
    context = {"form": form, "family": family, "member": member}
    return render(request, "families/member_form.html", context)


@login_required
def member_create(request, pk):
    family = editable_family(request, pk)
    return _member_page(request, family, None)


@login_required
def member_edit(request, pk):
    member = editable_member(request, pk)
    return _member_page(request, member.family, member)


@login_required
def member_exit(request, pk):
    """Mutasi keluar: the member died, moved, or married into another family."""
    member = editable_member(request, pk)
    form = ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            actions.record_exit,
            actor=request.user,
            member=member,
            left_on=form.cleaned_data["left_on"],
            reason=form.cleaned_data["reason"],
        )
        if saved is not None:
            messages.success(request, _("Mutasi %(name)s tercatat.") % {"name": member.name})
            return redirect("families:detail", pk=member.family_id)
    context = {"form": form, "family": member.family, "member": member}
    return render(request, "families/member_exit.html", context)


@login_required
def member_separate(request, pk):
    """Cerai hidup, cerai mati or pindah of the couple ``pk`` belongs to (from either card)."""
    member = editable_member(request, pk)
    couple = actions.couple_of(member)
    context = {"family": member.family, "member": member, "couple": couple}
    if couple is None:  # already separated, or never linked: nothing to record here
        return render(request, "families/member_separate.html", context)
    wife, husband = couple
    form = SeparationForm(request.POST or None, wife=wife, husband=husband)
    if request.method == "POST" and form.is_valid():
        leaving = form.leaving_member()
        saved = submit(
            form,
            actions.separate,
            actor=request.user,
            member=member,
            event=form.cleaned_data["event"],
            on=form.cleaned_data["on"],
            leaving=leaving,
        )
        if saved is not None:
            done = {
                actions.DIVORCE: _("Cerai hidup tercatat: %(name)s keluar dari KK sejak %(date)s."),
                actions.DEATH: _("Cerai mati tercatat: %(name)s meninggal pada %(date)s."),
                actions.MOVED: _("Pindah tercatat: %(name)s keluar dari KK sejak %(date)s."),
            }[form.cleaned_data["event"]]
            date = form.cleaned_data["on"].strftime("%d-%m-%Y")
            messages.success(request, done % {"name": leaving.name, "date": date})
            return redirect("families:detail", pk=member.family_id)
    context["form"] = form
    return render(request, "families/member_separate.html", context)


@login_required
def member_link_husband(request, pk):
    """Hubungkan suami: a married woman linked to no husband is no PUS until she is linked."""
    wife = editable_member(request, pk)
    context = {"family": wife.family, "member": wife, "needs_husband": actions.needs_husband(wife)}
    if not context["needs_husband"]:  # already linked, or not a married woman on this KK
        return render(request, "families/member_link_husband.html", context)
    men = wife.family.members.filter(sex=codes.Sex.MALE, left_on__isnull=True)
    candidates = actions.spouse_candidates(wife)
    initial = {"husband": candidates[0].pk} if len(candidates) == 1 else {}
    form = HusbandForm(request.POST or None, men=list(men.order_by("birth_date")), initial=initial)
    if request.method == "POST" and form.is_valid():
        husband = form.chosen()
        aliases = {"spouse": "husband"}
        submit(form, actions.marry, aliases, actor=request.user, wife=wife, husband=husband)
        if not form.errors:
            names = {"wife": wife.name, "husband": husband.name}
            messages.success(request, _("%(wife)s terhubung dengan suaminya, %(husband)s.") % names)
            return redirect("families:detail", pk=wife.family_id)
    context["form"] = form
    return render(request, "families/member_link_husband.html", context)
