"""KB service days: list, plan, target list and invitations, attendance, methods, confirm.

Reads go through ``visible_to``: field staff see the days of their region (and the kecamatan
days above it) and the women of their scope; the facility's mitra its own days and women.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impsmart import dates
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.roles import Role
from impsmart.accounts.scope import get_visible
from impsmart.counseling import facilities
from impsmart.families.models import Member
from impsmart.forms_submit import ConfirmationRequired, submit
from impsmart.services import actions, targets
from impsmart.services.forms import (
    AttendanceForm,
    ConfirmForm,
    InviteForm,
    MethodsForm,
    ServiceDayForm,
)
from impsmart.services.models import Invitation, ServiceDay

UPCOMING_DAYS = 30


def _reader(user: Any) -> bool:
    return user.may("view_personal") or user.role == Role.MITRA


def _day(request, pk) -> ServiceDay:
    if not _reader(request.user):
        raise PermissionDenied
    return get_visible(ServiceDay.objects.select_related("facility"), request.user, pk=pk)


def _invitations(request, day: ServiceDay):
    return (
        Invitation.objects.visible_to(request.user)
        .filter(service_day=day)
        .select_related("member__family")
        .order_by("member__family__region_code", "member__name")
    )


def home_block(user: Any) -> dict:
    """Upcoming days, and for the cadre the methods waiting for her confirmation."""
    if not _reader(user):
        return {}
    today = dates.today()
    days = ServiceDay.objects.visible_to(user).filter(
        date__gte=today, date__lte=today + dt.timedelta(days=UPCOMING_DAYS)
    )
    waiting = 0
    if user.may(actions.PERMISSION):
        waiting = (
            Invitation.objects.visible_to(user)
            .filter(confirmed_on__isnull=True)
            .exclude(method="")
            .count()
        )
    return {"show": True, "upcoming": days.order_by("date")[:5], "waiting": waiting}


@login_required
def day_list(request):
    if not _reader(request.user):
        raise PermissionDenied
    days = ServiceDay.objects.visible_to(request.user).select_related("facility")
    today = dates.today()
    context = {
        "upcoming": days.filter(date__gte=today).order_by("date")[:100],
        "past": days.filter(date__lt=today)[:100],
        "facility": facilities.facility_of(request.user),
    }
    return render(request, "services/day_list.html", context)


@permission_required(actions.PERMISSION)
def day_create(request):
    choices = facilities.referral_choices(request.user)
    form = ServiceDayForm(request.POST or None, user=request.user, facilities=choices)
    if request.method == "POST" and form.is_valid():
        day = submit(form, actions.create_service_day, actor=request.user, **form.cleaned_data)
        if day is not None:
            messages.success(request, _("Pelayanan tersimpan. Pilih sasaran yang diundang."))
            return redirect("services:targets", day.pk)
    return render(request, "services/day_form.html", {"form": form})


def _detail_context(request, day: ServiceDay) -> dict:
    user = request.user
    invitations = list(_invitations(request, day))
    today = dates.today()
    return {
        "day": day,
        "invitations": invitations,
        "came": sum(1 for i in invitations if i.attended),
        "served": sum(1 for i in invitations if i.method),
        "waiting": sum(1 for i in invitations if i.awaits_confirmation),
        "has_come": day.date <= today,
        "may_invite": user.may(actions.PERMISSION) and day.date >= today,
        "may_record": day.date <= today and invitations != [],
        "may_serve": day.date <= today and facilities.is_staff_of(user, day.facility),
        "may_confirm": user.may(actions.PERMISSION),
    }


@login_required
def day_detail(request, pk):
    day = _day(request, pk)
    context = {**_detail_context(request, day), "confirm_form": ConfirmForm()}
    return render(request, "services/day_detail.html", context)


@permission_required(actions.PERMISSION)
def target_list(request, pk):
    day = _day(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ids = form.cleaned_data["members"]
        members = list(Member.objects.visible_to(request.user).filter(pk__in=ids))
        if len(members) != len(ids):
            raise PermissionDenied  # a woman outside the user's scope
        stored = submit(form, actions.invite, actor=request.user, service_day=day, members=members)
        if stored is not None:
            messages.success(request, _("%(n)d ibu diundang.") % {"n": len(stored)})
            return redirect("services:day_detail", day.pk)
    context = {"day": day, "form": form, "rows": targets.target_list(request.user, day)}
    return render(request, "services/target_list.html", context)


@login_required
def attendance(request, pk):
    day = _day(request, pk)
    invitations = list(_invitations(request, day))
    initial = {"present": [i.pk for i in invitations if i.attended]}
    form = AttendanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = submit(
            form,
            actions.record_attendance,
            actor=request.user,
            service_day=day,
            present=form.cleaned_data["present"],
        )
        if changed is not None:
            messages.success(request, _("Kehadiran tersimpan."))
            return redirect("services:day_detail", day.pk)
    context = {"day": day, "form": form, "invitations": invitations, "checked": _checked(form)}
    return render(request, "services/attendance.html", context)


def _checked(form: AttendanceForm) -> set[int]:
    """The ids ticked: what was sent (re-shown on a refusal), else what is stored."""
    if form.is_bound:
        return set(form.cleaned_data.get("present", [])) if hasattr(form, "cleaned_data") else set()
    return set(form.initial.get("present", []))


@login_required
def methods(request, pk):
    day = _day(request, pk)
    if not facilities.is_staff_of(request.user, day.facility):
        raise PermissionDenied
    came = [i for i in _invitations(request, day) if i.attended]
    form = MethodsForm(
        request.POST or None,
        invitations=came,
        offered=day.methods,
        initial={"jalur": "pemerintah"},
    )
    if request.method == "POST" and form.is_valid():
        changed = submit(
            form,
            actions.record_methods,
            actor=request.user,
            service_day=day,
            methods=form.chosen(),
            jalur=form.cleaned_data["jalur"],
        )
        if changed is not None:
            messages.success(request, _("Metode yang diberikan tersimpan."))
            return redirect("services:day_detail", day.pk)
    return render(request, "services/methods.html", {"day": day, "form": form, "came": came})


@require_POST
@permission_required(actions.PERMISSION)
def confirm(request, pk):
    """Confirming writes the methods into the register as KB episodes."""
    day = _day(request, pk)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        n = actions.confirm(
            actor=request.user, service_day=day, confirmed=form.cleaned_data.get("confirmed", False)
        )
    except ConfirmationRequired as error:
        form.add_error(None, error.messages)
        form.needs_confirmation = True
    except ValidationError as error:  # the register refused: show why, nothing changed
        form.add_error(None, error.messages)
    else:
        messages.success(
            request, _("Terkonfirmasi: %(n)d metode KB tercatat di register.") % {"n": n}
        )
        return redirect("services:day_detail", day.pk)
    context = {**_detail_context(request, day), "confirm_form": form}
    return render(request, "services/day_detail.html", context, status=400)
