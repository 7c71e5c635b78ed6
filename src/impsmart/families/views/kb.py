"""A married woman's reproductive history, one small form per event (a few taps each).

Mulai KB, ganti cara, berhenti, hamil, hasil kehamilan and keinginan ber-anak all go through
``families/contraception.py``; dates default to today and jalur/place to her last episode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impsmart import compiled
from impsmart.families import contraception
from impsmart.families.forms import (
    IntentionForm,
    MethodForm,
    OutcomeForm,
    PregnancyForm,
    StopForm,
)
from impsmart.families.models import Member
from impsmart.families.views.members import editable_member
from impsmart.forms_submit import submit


def _start(actor, member: Member, data: dict[str, Any]):
    return contraception.start_method(actor=actor, member=member, **data)


def _switch(actor, member: Member, data: dict[str, Any]):
    data["switch_date"] = data.pop("start_date")
    return contraception.switch_method(actor=actor, member=member, **data)


def _stop(actor, member: Member, data: dict[str, Any]):
    return contraception.stop_method(actor=actor, member=member, **data)


def _pregnancy(actor, member: Member, data: dict[str, Any]):
    return contraception.record_pregnancy(actor=actor, member=member, **data)


def _outcome(actor, member: Member, data: dict[str, Any]):
    pregnancies = member.pregnancies.order_by("-start_date")
    pregnancy = (
        pregnancies.filter(outcome_date__isnull=True).first()
        # this outcome, submitted again: answered as the first time
        or pregnancies.filter(outcome_date=data["outcome_date"], outcome=data["outcome"]).first()
    )
    if pregnancy is None:
        raise ValidationError({"outcome": _("Tidak ada kehamilan yang sedang berjalan.")})
    return contraception.record_outcome(actor=actor, pregnancy=pregnancy, **data)


def _intention(actor, member: Member, data: dict[str, Any]):
    return contraception.record_intention(actor=actor, member=member, **data)


@dataclass(frozen=True)
class Event:
    title: Any
    form: type[forms.Form]
    write: Callable[[Any, Member, dict[str, Any]], Any]
    # The action's field names shown on another form field.
    aliases: dict[str, str] = field(default_factory=dict)
    # The offline app's form for the same event (offered when the page has no signal).
    offline: str = ""


EVENTS = {
    "mulai": Event(gettext_lazy("Mulai KB"), MethodForm, _start, offline="kb_start"),
    "ganti": Event(
        gettext_lazy("Ganti cara"),
        MethodForm,
        _switch,
        {"switch_date": "start_date", "end_date": "start_date"},
        offline="kb_change",
    ),
    "berhenti": Event(gettext_lazy("Berhenti ber-KB"), StopForm, _stop, offline="kb_stop"),
    "hamil": Event(gettext_lazy("Hamil"), PregnancyForm, _pregnancy, offline="pregnancy"),
    "hasil": Event(gettext_lazy("Hasil kehamilan"), OutcomeForm, _outcome, offline="outcome"),
    "keinginan": Event(
        gettext_lazy("Keinginan ber-anak"), IntentionForm, _intention, offline="intention"
    ),
}


def _initial(member: Member) -> dict[str, str]:
    """Her last jalur and place of service, so a repeat visit takes one tap less."""
    last = member.episodes.order_by("-start_date").first()
    return {"jalur": last.jalur, "place": last.place} if last else {}


@login_required
@compiled.planned_once_per_view
def woman_event(request, pk, event):
    if event not in EVENTS:
        raise Http404
    member = editable_member(request, pk)
    spec = EVENTS[event]
    form = spec.form(request.POST or None, initial=_initial(member))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        done = submit(form, spec.write, spec.aliases, actor=request.user, member=member, data=data)
        if done is not None:
            messages.success(request, _("%(event)s tercatat.") % {"event": spec.title})
            return redirect("families:detail", pk=member.family_id)
    context = {
        "form": form, "member": member, "family": member.family, "title": spec.title,
        "offline_form": spec.offline,
    }  # fmt: skip
    return render(request, "families/woman_event.html", context)
