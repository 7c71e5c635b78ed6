"""Every write of the funds app: audited, atomic, refused with a message saying what to fix.

Ledger entries are only ever added; the database refuses changing them (``append_only``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from impsmart import dates
from impsmart.accounts import audit
from impsmart.accounts.scope import require_writable
from impsmart.funds import arisan, ledger, receipts
from impsmart.funds.models import (
    ArisanCycle,
    ArisanDraw,
    CashCount,
    Fund,
    FundMember,
    Kind,
    LedgerEntry,
)

PERMISSION = "keep_funds"


def _whole_rupiah(amount: Any, field: str = "amount") -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError({field: _("Jumlah harus rupiah bulat, tanpa koma atau titik.")})
    if amount <= 0:
        raise ValidationError({field: _("Jumlah harus lebih dari nol.")})
    return amount


def _writable(actor, fund: Fund) -> None:
    require_writable(actor, fund.region_code, PERMISSION)


def _entry(fund: Fund, actor, **values) -> LedgerEntry:
    return LedgerEntry.objects.create(fund=fund, by=actor, **values)


@audit.action
def create_fund(*, actor, institution, name, kind, treasurer_name, chair_name, **rest) -> Fund:
    require_writable(actor, institution.region_code, PERMISSION)
    if rest.get("dues_amount"):
        _whole_rupiah(rest["dues_amount"], "dues_amount")
        rest.setdefault("dues_from", dates.today().replace(day=1))
    return Fund.objects.create(
        institution=institution,
        region_code=institution.region_code,
        name=name,
        kind=kind,
        treasurer_name=treasurer_name,
        chair_name=chair_name,
        created_on=dates.today(),
        **rest,
    )


@audit.action
def add_member(*, actor, fund, name, joined_on, invited_by=None, member=None) -> FundMember:
    _writable(actor, fund)
    if invited_by is not None and invited_by.fund_id != fund.pk:
        raise ValidationError({"invited_by": _("Pengajak harus anggota dana yang sama.")})
    return FundMember.objects.create(
        fund=fund, name=name, joined_on=joined_on, invited_by=invited_by, member=member
    )


@audit.action
def record_dues(*, actor, fund, month: dt.date, paid, date: dt.date) -> int:
    """Charge ``month``'s dues to every member (once) and record the payments of ``paid``."""
    _writable(actor, fund)
    if not fund.dues_amount:
        raise ValidationError(_("Dana ini belum punya aturan iuran; isi besar iuran dulu."))
    month = month.replace(day=1)
    members = fund.members.filter(joined_on__lte=dates.last_day(month))
    charged = set(
        fund.entries.filter(kind=Kind.DUES_CHARGE, period=month).values_list("member", flat=True)
    )
    for member in members.exclude(pk__in=charged):
        _entry(
            fund,
            actor,
            kind=Kind.DUES_CHARGE,
            date=date,
            period=month,
            member=member,
            amount=fund.dues_amount,
        )
    already = fund.entries.filter(kind=Kind.DUES_PAID, period=month).values_list("member")
    paid_now = [m for m in paid if m.fund_id == fund.pk]
    late = [m.name for m in paid_now if m.pk in {pk for (pk,) in already}]
    if late:
        raise ValidationError(
            _("Iuran %(month)s sudah tercatat lunas untuk: %(names)s.")
            % {"month": f"{month:%m-%Y}", "names": ", ".join(late)}
        )
    for member in paid_now:
        _entry(
            fund,
            actor,
            kind=Kind.DUES_PAID,
            date=date,
            period=month,
            member=member,
            amount=fund.dues_amount,
        )
    return len(paid_now)


@audit.action
def record_entry(*, actor, fund, kind, amount, date, purpose, receipt=None) -> LedgerEntry:
    """Other income (partner support, UPPKA) or spending, with its purpose and receipt."""
    _writable(actor, fund)
    amount = _whole_rupiah(amount)
    if kind not in (Kind.INCOME, Kind.SPENDING):
        raise ValidationError({"kind": _("Pilih pemasukan atau pengeluaran.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("Tulis keperluan atau sumber uangnya.")})
    path = digest = ""
    if receipt is not None:
        path, digest = receipts.store(*receipts.checked(receipt))
    if kind == Kind.SPENDING and amount > ledger.balance(fund):
        raise ValidationError({"amount": _("Pengeluaran melebihi saldo kas.")})
    sign = -1 if kind == Kind.SPENDING else 1
    return _entry(
        fund,
        actor,
        kind=kind,
        amount=sign * amount,
        date=date,
        purpose=purpose,
        receipt=path,
        receipt_sha256=digest,
    )


@audit.action
def reverse_entry(*, actor, entry, reason, date) -> LedgerEntry:
    """The correction of a wrong entry: the opposite amount, linked, with the reason."""
    _writable(actor, entry.fund)
    if not reason.strip():
        raise ValidationError({"reason": _("Tulis alasan koreksi.")})
    if entry.reverses_id is not None:
        raise ValidationError(_("Entri koreksi tidak dikoreksi lagi; catat entri baru."))
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("Entri ini sudah dikoreksi."))
    return _entry(
        entry.fund,
        actor,
        kind=entry.kind,
        amount=-entry.amount,
        date=date,
        member=entry.member,
        period=entry.period,
        cycle=entry.cycle,
        cycle_period=entry.cycle_period,
        purpose=entry.purpose,
        reverses=entry,
        reason=reason,
    )


# --- arisan ----------------------------------------------------------------------------


@audit.action
def create_cycle(*, actor, fund, contribution, starts_on, members) -> ArisanCycle:
    _writable(actor, fund)
    _whole_rupiah(contribution, "contribution")
    members = [m for m in members if m.fund_id == fund.pk]
    if len(members) < 2:
        raise ValidationError({"members": _("Pilih minimal dua anggota arisan.")})
    number = fund.cycles.count() + 1
    cycle = ArisanCycle.objects.create(
        fund=fund, number=number, contribution=contribution, starts_on=starts_on.replace(day=1)
    )
    cycle.members.set(members)
    return cycle


def _open(cycle: ArisanCycle) -> None:
    if cycle.closed_on is not None:
        raise ValidationError(_("Putaran arisan ini sudah ditutup; tidak bisa dicatat lagi."))


@audit.action
def commit_draw(*, actor, cycle, commitment) -> ArisanDraw:
    """Record the SHA-256 of the secret seed before the meeting of the next period."""
    _writable(actor, cycle.fund)
    _open(cycle)
    commitment = commitment.strip().lower()
    if len(commitment) != 64 or any(c not in "0123456789abcdef" for c in commitment):
        raise ValidationError({"commitment": _("Komitmen harus 64 huruf/angka heksadesimal.")})
    if not arisan.remaining_members(cycle).exists():
        raise ValidationError(_("Semua anggota sudah menang di putaran ini."))
    period = arisan.next_period(cycle)
    if cycle.draws.filter(period=period).exists():
        raise ValidationError(_("Komitmen bulan ini sudah dicatat; buka undiannya."))
    return ArisanDraw.objects.create(
        cycle=cycle, period=period, commitment=commitment, committed_at=timezone.now(), by=actor
    )


@audit.action
def reveal_draw(*, actor, draw, seed, date) -> ArisanDraw:
    """Reveal the seed at the meeting; the draw picks the winner from it."""
    cycle = draw.cycle
    _writable(actor, cycle.fund)
    _open(cycle)
    if draw.drawn_on is not None:
        raise ValidationError(_("Undian bulan ini sudah dilakukan."))
    if arisan.commitment_of(seed) != draw.commitment:
        raise ValidationError({"seed": _("Benih tidak cocok dengan komitmen yang dicatat.")})
    remaining = list(arisan.remaining_members(cycle))
    index = arisan.winner_index(seed, cycle.pk, draw.period, len(remaining))
    draw.seed, draw.winner, draw.drawn_on = seed, remaining[index], date
    draw.save()
    return draw


@audit.action
def pay_contribution(*, actor, cycle, member, period, date) -> LedgerEntry:
    _writable(actor, cycle.fund)
    _open(cycle)
    if not cycle.members.filter(pk=member.pk).exists():
        raise ValidationError(
            {"member": _("%(name)s bukan anggota putaran ini.") % {"name": member}}
        )
    if not 1 <= period <= cycle.members.count():
        raise ValidationError({"period": _("Bulan ke di luar putaran ini.")})
    paid = cycle.entries.filter(kind=Kind.ARISAN_IN, member=member, cycle_period=period)
    if paid.exists() and sum(e.amount for e in paid) > 0:
        raise ValidationError(
            _("Setoran %(name)s bulan ke-%(p)s sudah tercatat.") % {"name": member, "p": period}
        )
    return _entry(
        cycle.fund,
        actor,
        kind=Kind.ARISAN_IN,
        amount=cycle.contribution,
        date=date,
        member=member,
        cycle=cycle,
        cycle_period=period,
    )


@audit.action
def pay_out(*, actor, draw, date) -> LedgerEntry:
    """The winner's payout: every member's contribution for the period; the last closes."""
    cycle = draw.cycle
    _writable(actor, cycle.fund)
    _open(cycle)
    if draw.winner_id is None:
        raise ValidationError(_("Undian belum dilakukan."))
    if cycle.entries.filter(kind=Kind.ARISAN_OUT, cycle_period=draw.period).exists():
        raise ValidationError(_("Arisan bulan ini sudah dibayarkan."))
    amount = cycle.contribution * cycle.members.count()
    entry = _entry(
        cycle.fund,
        actor,
        kind=Kind.ARISAN_OUT,
        amount=-amount,
        date=date,
        member=draw.winner,
        cycle=cycle,
        cycle_period=draw.period,
    )
    if not arisan.remaining_members(cycle).exists():
        cycle.closed_on = date
        cycle.save()
    return entry


# --- cash counts -----------------------------------------------------------------------


@audit.action
def record_count(*, actor, fund, date, counted) -> CashCount:
    _writable(actor, fund)
    if isinstance(counted, bool) or not isinstance(counted, int) or counted < 0:
        raise ValidationError({"counted": _("Uang terhitung harus rupiah bulat, nol atau lebih.")})
    return CashCount.objects.create(
        fund=fund, date=date, counted=counted, ledger_balance=ledger.balance(fund, date), by=actor
    )


@audit.action
def explain_gap(*, actor, count, reason) -> LedgerEntry:
    """The gap between counted cash and the book, explained by an adjustment entry."""
    _writable(actor, count.fund)
    if not reason.strip():
        raise ValidationError({"reason": _("Tulis penjelasan selisih kas.")})
    if count.gap == 0 or count.adjustments.exists():
        raise ValidationError(_("Tidak ada selisih yang perlu dijelaskan."))
    return _entry(
        count.fund,
        actor,
        kind=Kind.ADJUSTMENT,
        amount=count.gap,
        date=count.date,
        count=count,
        purpose=reason,
        reason=reason,
    )
