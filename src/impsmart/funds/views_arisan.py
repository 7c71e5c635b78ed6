"""Arisan pages: a new cycle, the cycle (contributions grid, commitment, draw, payout) and the
verify page that re-runs every draw from its recorded seed."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impsmart import dates
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible, require_writable
from impsmart.forms_submit import submit
from impsmart.funds import actions, arisan
from impsmart.funds.forms import CommitForm, ContributeForm, CycleForm, DateForm, RevealForm
from impsmart.funds.models import ArisanCycle, Fund, Kind
from impsmart.funds.views import VIEW


def _cycle(request, pk) -> ArisanCycle:
    return get_visible(ArisanCycle.objects.select_related("fund"), request.user, pk=pk)


def _writable(request, cycle: ArisanCycle) -> None:
    require_writable(request.user, cycle.fund.region_code, actions.PERMISSION)


@permission_required(VIEW)
def cycle_create(request, pk):
    fund = get_visible(Fund.objects, request.user, pk=pk)
    require_writable(request.user, fund.region_code, actions.PERMISSION)
    initial = {"starts_on": f"{dates.today():%Y-%m}"}
    form = CycleForm(request.POST or None, fund=fund, initial=initial)
    if request.method == "POST" and form.is_valid():
        cycle = submit(
            form, actions.create_cycle, actor=request.user, fund=fund, **form.cleaned_data
        )
        if cycle is not None:
            messages.success(request, _("Putaran arisan dibuat."))
            return redirect("funds:cycle", cycle.pk)
    return render(
        request, "funds/form.html", {"fund": fund, "form": form, "title": _("Putaran arisan baru")}
    )


def _grid(cycle: ArisanCycle) -> list[dict]:
    """Per member and period: paid on time, late (after the period's month), or not paid."""
    members = list(cycle.members.order_by("name", "pk"))
    periods = range(1, len(members) + 1)
    paid: dict[tuple[int, int], int] = {}
    dates_paid = {}
    for e in cycle.entries.filter(kind=Kind.ARISAN_IN):
        key = (e.member_id, e.cycle_period)
        paid[key] = paid.get(key, 0) + e.amount
        if e.amount > 0:
            dates_paid[key] = e.date
    drawn = cycle.draws.filter(drawn_on__isnull=False).count()
    rows = []
    for member in members:
        cells = []
        for p in periods:
            due = dates.last_day(dates.add_months(cycle.starts_on, p - 1))
            key = (member.pk, p)
            if paid.get(key, 0) > 0:
                cells.append("late" if dates_paid[key] > due else "paid")
            else:
                cells.append("missed" if p <= drawn else "open")
        rows.append({"member": member, "cells": cells})
    return rows


@permission_required(VIEW)
def cycle(request, pk):
    found = _cycle(request, pk)
    draws = list(found.draws.select_related("winner"))
    paid_out = set(
        found.entries.filter(kind=Kind.ARISAN_OUT).values_list("cycle_period", flat=True)
    )
    pending = next((d for d in draws if d.drawn_on is None), None)
    unpaid = next((d for d in draws if d.drawn_on and d.period not in paid_out), None)
    today = {"date": dates.today()}
    context = {
        "cycle": found,
        "fund": found.fund,
        "draws": draws,
        "paid_out": paid_out,
        "grid": _grid(found),
        "periods": range(1, found.members.count() + 1),
        "pending": pending,
        "unpaid": unpaid,
        "commit_form": CommitForm(),
        "reveal_form": RevealForm(initial=today),
        "contribute_form": ContributeForm(
            cycle=found, initial={**today, "period": arisan.next_period(found)}
        ),
        "payout_form": DateForm(initial=today),
        "pot": found.contribution * found.members.count(),
    }
    return render(request, "funds/cycle.html", context)


def _post(request, found, form_class, write, extra):
    """Submit ``form_class`` to ``write`` for the cycle; (cycle, None) when done, else the
    form, whose messages are flashed on the cycle page."""
    kwargs = {"cycle": found} if form_class is ContributeForm else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        done = submit(form, write, actor=request.user, **extra(found), **form.cleaned_data)
        if done is not None:
            return found, None
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return found, form


@require_POST
@permission_required(VIEW)
def commit(request, pk):
    found = _cycle(request, pk)
    _writable(request, found)
    found, _form = _post(
        request, found, CommitForm, actions.commit_draw, extra=lambda c: {"cycle": c}
    )
    return redirect("funds:cycle", found.pk)


def _pending_draw(cycle):
    return {"draw": cycle.draws.filter(drawn_on__isnull=True).order_by("period").first()}


@require_POST
@permission_required(VIEW)
def draw(request, pk):
    found = _cycle(request, pk)
    _writable(request, found)
    if not found.draws.filter(drawn_on__isnull=True).exists():
        messages.error(request, _("Catat komitmen benih dulu sebelum mengundi."))
        return redirect("funds:cycle", found.pk)
    found, form = _post(request, found, RevealForm, actions.reveal_draw, extra=_pending_draw)
    if form is None:
        messages.success(request, _("Undian selesai; periksa hitungannya di halaman periksa."))
    return redirect("funds:cycle", found.pk)


@require_POST
@permission_required(VIEW)
def contribute(request, pk):
    found = _cycle(request, pk)
    _writable(request, found)
    found, form = _post(
        request, found, ContributeForm, actions.pay_contribution, extra=lambda c: {"cycle": c}
    )
    if form is None:
        messages.success(request, _("Setoran tercatat."))
    return redirect("funds:cycle", found.pk)


def _unpaid_draw(cycle):
    paid = cycle.entries.filter(kind=Kind.ARISAN_OUT).values_list("cycle_period", flat=True)
    drawn = cycle.draws.filter(drawn_on__isnull=False).exclude(period__in=paid)
    return {"draw": drawn.order_by("period").first()}


@require_POST
@permission_required(VIEW)
def payout(request, pk):
    found = _cycle(request, pk)
    _writable(request, found)
    if _unpaid_draw(found)["draw"] is None:
        messages.error(request, _("Belum ada pemenang yang menunggu pembayaran."))
        return redirect("funds:cycle", found.pk)
    found, form = _post(request, found, DateForm, actions.pay_out, extra=_unpaid_draw)
    if form is None:
        messages.success(request, _("Arisan dibayarkan dan tercatat di buku kas."))
    return redirect("funds:cycle", found.pk)


@permission_required(VIEW)
def verify(request, pk):
    """Every draw recomputed from its seed, with each step shown so anyone can redo it."""
    found = _cycle(request, pk)
    checks = arisan.recompute(found)
    names = dict(found.members.values_list("pk", "name"))
    return render(
        request,
        "funds/verify.html",
        {
            "cycle": found,
            "fund": found.fund,
            "checks": checks,
            "names": names,
            "all_ok": all(c.ok for c in checks),
        },
    )
