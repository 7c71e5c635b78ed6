"""Poktan pages: the list of a region, a group (K/0, members, enrolment, sessions, UPPKA money),
a session with its KKA checks, and the monthly R/I register (page and xlsx)."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible, user_scope_codes
from impsmart.families.models import Family, Member
from impsmart.forms_submit import submit
from impsmart.groups import actions, curriculum, eligibility, facts, kka, registers
from impsmart.groups.forms import (
    CapitalForm,
    EndForm,
    EnrolForm,
    GroupForm,
    KkaForm,
    RevenueForm,
    SessionForm,
)
from impsmart.groups.models import Group, Kind, KkaCheck, Membership, Session
from impsmart.regions.models import Region

VIEW = "view_personal"
ENROL_LIST = 200  # candidates shown at once; the rest after these are enrolled


def home_block(user: Any) -> dict:
    groups = Group.objects.visible_to(user).filter(active=True)
    return {"group_count": groups.count()}


@permission_required(VIEW)
def group_list(request):
    code = params.region_code(request.GET, "wilayah", user_scope_codes(request.user)[0])
    region = get_visible(Region.objects, request.user, code=code)
    kind = params.choice(request.GET, "jenis", "", ["", *Kind.values])
    groups = Group.objects.visible_to(request.user).within(region.code)
    if kind:
        groups = groups.filter(kind=kind)
    context = {
        "region": region,
        "kind": kind,
        "kinds": Kind.choices,
        "groups": groups.order_by("-active", "region_code", "kind", "name")[:500],
        "can_edit": request.user.may(actions.PERMISSION),
    }
    return render(request, "groups/group_list.html", context)


@permission_required(actions.PERMISSION)
def group_create(request):
    form = GroupForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        group = submit(form, actions.create_group, actor=request.user, **form.cleaned_data)
        if group is not None:
            messages.success(request, _("Kelompok tersimpan."))
            return redirect("groups:detail", group.pk)
    return render(request, "groups/group_form.html", {"form": form})


@permission_required(actions.PERMISSION)
def group_edit(request, pk):
    group = get_visible(Group.objects, request.user, pk=pk)
    initial = {f: getattr(group, f) for f in GroupForm.base_fields}
    form = GroupForm(request.POST or None, initial=initial, user=request.user, group=group)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form, actions.update_group, actor=request.user, group=group, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, _("Data kelompok tersimpan."))
            return redirect("groups:detail", group.pk)
    return render(request, "groups/group_form.html", {"form": form, "group": group})


@require_POST
@permission_required(actions.PERMISSION)
def group_deactivate(request, pk):
    group = get_visible(Group.objects, request.user, pk=pk)
    actions.deactivate_group(actor=request.user, group=group, on=dates.today())
    messages.success(request, _("Kelompok dinonaktifkan; riwayatnya tetap tersimpan."))
    return redirect("groups:detail", group.pk)


def _candidates(group: Group, today) -> list[tuple[int, str]]:
    found = eligibility.not_yet_members(group, today)[:ENROL_LIST]
    if group.kind == Kind.PIK_R:
        return [(p.pk, f"{p.name} · KK {p.family.kk_number}") for p in found]
    return [(f.pk, f"KK {f.kk_number} · {f.address}") for f in found]


def _label(m: Membership) -> str:
    return m.person.name if m.person else f"KK {m.family.kk_number}"


@permission_required(VIEW)
def group_detail(request, pk):
    group = get_visible(Group.objects, request.user, pk=pk)
    today = dates.today()
    members = list(
        eligibility.members_on(group, today)
        .select_related("family", "person")
        .order_by("family__kk_number")
    )
    status = facts.pus_facts(members, today)
    for m in members:
        m.label, m.fact = _label(m), status[m.pk]
    can_edit = request.user.may(actions.PERMISSION) and group.active
    context = {
        "group": group,
        "members": members,
        "eligible": eligibility.eligible_count(group, today),
        "sessions": group.sessions.order_by("-date")[:24],
        "enrol_form": EnrolForm(candidates=_candidates(group, today)) if can_edit else None,
        "can_edit": can_edit,
        "month": f"{today:%Y-%m}",
        "uppka": group.kind == Kind.UPPKA,
        "revenue": group.revenue.all()[:12],
        "revenue_form": RevenueForm() if can_edit and group.kind == Kind.UPPKA else None,
        "labels": {"funding": group.funding, "integration": group.integration, "kits": group.kits},
    }
    return render(request, "groups/group_detail.html", context)


@require_POST
@permission_required(actions.PERMISSION)
def enrol(request, pk):
    group = get_visible(Group.objects, request.user, pk=pk)
    today = dates.today()
    form = EnrolForm(request.POST, candidates=_candidates(group, today))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("groups:detail", group.pk)
    chosen, day = form.cleaned_data["chosen"], form.cleaned_data["started_on"]
    done = 0
    for pk_ in chosen:
        if group.kind == Kind.PIK_R:
            person = get_visible(Member.objects, request.user, pk=pk_)
            kwargs = {"family": person.family, "person": person}
        else:
            kwargs = {"family": get_visible(Family.objects, request.user, pk=pk_)}
        try:
            actions.enrol(actor=request.user, group=group, started_on=day, **kwargs)
            done += 1
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    if done:
        messages.success(request, _("%(n)d anggota didaftarkan.") % {"n": done})
    return redirect("groups:detail", group.pk)


@permission_required(actions.PERMISSION)
def membership_end(request, pk):
    membership = get_visible(
        Membership.objects.select_related("group", "family"), request.user, pk=pk
    )
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            actions.end_membership,
            {"ended_on": "ended_on"},
            actor=request.user,
            membership=membership,
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            messages.success(request, _("Keanggotaan diakhiri."))
            return redirect("groups:detail", membership.group_id)
    context = {"form": form, "membership": membership, "label": _label(membership)}
    return render(request, "groups/membership_end.html", context)


@permission_required(actions.PERMISSION)
def session_create(request, pk):
    group = get_visible(Group.objects, request.user, pk=pk)
    today = dates.today()
    members = eligibility.members_on(group, today).select_related("family", "person")
    choices = [(m.pk, _label(m)) for m in members.order_by("family__kk_number")]
    form = SessionForm(request.POST or None, group=group, members=choices)
    if request.method == "POST" and form.is_valid():
        session = submit(
            form, actions.record_session, actor=request.user, group=group, **form.cleaned_data
        )
        if session is not None:
            messages.success(request, _("Pertemuan tersimpan."))
            return redirect("groups:session", session.pk)
    return render(request, "groups/session_form.html", {"form": form, "group": group})


def _children(session: Session) -> list[tuple[int, str]]:
    families = eligibility.members_on(session.group, session.date).values("family_id")
    day = session.date
    children = Member.objects.filter(
        eligibility.living_on(day), eligibility.aged(day, 0, 6), family_id__in=families
    ).order_by("name")
    return [
        (c.pk, f"{c.name} ({kka.BAND_LABELS[kka.band_of(c.birth_date, day)]})") for c in children
    ]


@permission_required(VIEW)
def session_detail(request, pk):
    session = get_visible(Session.objects.select_related("group"), request.user, pk=pk)
    attending = list(
        Membership.objects.filter(pk__in=session.attendance.values("membership_id")).select_related(
            "family", "person"
        )
    )
    status = facts.pus_facts(attending, session.date)
    for m in attending:
        m.label, m.fact = _label(m), status[m.pk]
    pus, kb = facts.tally(status)
    bkb = session.group.kind == Kind.BKB
    can_edit = request.user.may(actions.PERMISSION)
    form = None
    if bkb and can_edit:
        form = KkaForm(request.POST or None, children=_children(session))
        if request.method == "POST" and form.is_valid():
            child = get_visible(Member.objects, request.user, pk=form.cleaned_data["child"])
            check = submit(
                form,
                actions.record_kka,
                actor=request.user,
                session=session,
                child=child,
                ticked=form.cleaned_data["ticked"],
            )
            if check is not None:
                messages.success(request, _("Pemeriksaan KKA tersimpan."))
                return redirect("groups:session", session.pk)
    checks = KkaCheck.objects.filter(session=session).select_related("child")
    for c in checks:
        c.band_label = kka.BAND_LABELS.get(c.band, c.band)
        c.missed = len(kka.missed(c.band, c.ticked))
    context = {
        "session": session,
        "topic": curriculum.topic_label(session.topic),
        "attending": attending,
        "pus": pus,
        "kb": kb,
        "bkb": bkb,
        "checks": checks,
        "form": form,
    }
    return render(request, "groups/session_detail.html", context)


@permission_required(actions.PERMISSION)
def capital_create(request, pk):
    membership = get_visible(
        Membership.objects.select_related("group", "family"), request.user, pk=pk
    )
    form = CapitalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            actions.record_capital,
            actor=request.user,
            membership=membership,
            **form.cleaned_data,
        )
        if done is not None:
            messages.success(request, _("Modal tersimpan."))
            return redirect("groups:detail", membership.group_id)
    context = {"form": form, "membership": membership, "label": _label(membership),
               "capital": membership.capital.all()}  # fmt: skip
    return render(request, "groups/capital_form.html", context)


@require_POST
@permission_required(actions.PERMISSION)
def revenue_create(request, pk):
    group = get_visible(Group.objects, request.user, pk=pk)
    form = RevenueForm(request.POST)
    if form.is_valid():
        try:
            actions.record_revenue(actor=request.user, group=group, **form.cleaned_data)
            messages.success(request, _("Omzet tersimpan."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Tulis bulan (TTTT-BB) dan omzet dalam rupiah."))
    return redirect("groups:detail", group.pk)


def _register(request, pk) -> registers.Register:
    group = get_visible(Group.objects, request.user, pk=pk)
    month = params.month(request.GET, "bulan", dates.last_day(dates.today()))
    return registers.build(group, month)


@permission_required(VIEW)
def register_page(request, pk):
    register = _register(request, pk)
    return render(
        request, "groups/register.html", {"register": register, "month": f"{register.month:%Y-%m}"}
    )


@permission_required(VIEW)
def register_xlsx(request, pk):
    register = _register(request, pk)
    out = io.BytesIO()
    registers.write_xlsx(register, out)
    name = f"{register.title.replace('/', '-')}_{register.group.code}_{register.month:%Y-%m}.xlsx"
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission_required(VIEW)
def register_pdf(request, pk):
    register = _register(request, pk)
    name = f"{register.title.replace('/', '-')}_{register.group.code}_{register.month:%Y-%m}.pdf"
    response = HttpResponse(registers.to_pdf(register), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
