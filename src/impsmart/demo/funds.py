"""Demo funds in the desa the replication story calls independent: every desa of Bontomarannu
(the showcase kecamatan) and the first desa of each other kecamatan.

Each keeps one fund of its PPKBD (made here when the organisation step made none): members
grown by the snowball, two years of monthly dues (some paid late or not at all), one finished
arisan cycle and one running, a few corrections, and one cash count whose gap is explained.
Draws use seeds from the demo's random generator and are computed by ``funds.arisan``, so
``impsmart arisan verify --all`` passes. Written with ``bulk_create``; depends only on the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.demo.names import person_name
from impsmart.demo.users import SHOWCASE_KECAMATAN_NAME
from impsmart.funds import arisan, ledger
from impsmart.funds.models import (
    ArisanCycle,
    ArisanDraw,
    CashCount,
    Fund,
    FundMember,
    Kind,
    LedgerEntry,
)
from impsmart.organization.models import Institution, Level
from impsmart.regions.models import Level as RegionLevel
from impsmart.regions.models import Region

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

DUES = 5000
CONTRIBUTION = 50000
MONTHS = 24


def independent_desa(kabupaten: Region) -> list[Region]:
    desa = Region.objects.filter(level=RegionLevel.DESA, code__startswith=f"{kabupaten.code}.")
    chosen = []
    for kecamatan in Region.objects.filter(parent=kabupaten).order_by("code"):
        own = list(desa.filter(parent=kecamatan).order_by("code"))
        chosen += own if kecamatan.name == SHOWCASE_KECAMATAN_NAME else own[:1]
    return chosen


def _institution(desa: Region) -> Institution:
    found = Institution.objects.filter(region_code=desa.code, level=Level.PPKBD).first()
    if found is None:
        found = Institution.objects.create(
            code=f"PPKBD-{desa.code}",
            level=Level.PPKBD,
            name=f"PPKBD {desa.name}",
            region_code=desa.code,
        )
    return found


class _Book:
    """The entries of one fund, collected for one bulk insert."""

    def __init__(self, fund: Fund, by: User):
        self.fund, self.by, self.entries = fund, by, []

    def add(self, **values) -> LedgerEntry:
        entry = LedgerEntry(fund=self.fund, by=self.by, **values)
        self.entries.append(entry)
        return entry


def _members(fund: Fund, rng: random.Random, start: dt.date) -> list[FundMember]:
    """A founder or two, then each new member brought in by someone already there."""
    members: list[FundMember] = []
    for i in range(rng.randint(10, 14)):
        joined = dates.add_months(start, 0 if i < 2 else rng.randint(0, 8))
        inviter = rng.choice(members) if i >= 2 else None
        if inviter is not None and inviter.joined_on > joined:
            joined = inviter.joined_on
        member = FundMember(fund=fund, name=person_name(rng, "P"), joined_on=joined)
        member.invited_by = inviter
        member.save()  # one at a time: the next one may name her as inviter
        members.append(member)
    return members


def _dues(book: _Book, rng: random.Random, members: list[FundMember], start: dt.date) -> None:
    today = dates.today()
    for n in range(MONTHS):
        month = dates.add_months(start, n)
        for member in members:
            if member.joined_on > dates.last_day(month):
                continue
            book.add(kind=Kind.DUES_CHARGE, date=month, period=month, member=member, amount=DUES)
            if rng.random() < 0.08:  # behind this month
                continue
            paid_on = min(month + dt.timedelta(days=rng.randint(2, 40)), today)
            book.add(kind=Kind.DUES_PAID, date=paid_on, period=month, member=member, amount=DUES)


def _cycle(book: _Book, rng, number, members, start: dt.date, drawn: int) -> ArisanCycle:
    cycle = ArisanCycle.objects.create(
        fund=book.fund, number=number, contribution=CONTRIBUTION, starts_on=start
    )
    cycle.members.set(members)
    remaining = sorted(m.pk for m in members)
    by_pk = {m.pk: m for m in members}
    for period in range(1, drawn + 1):
        meeting = dates.add_months(start, period - 1).replace(day=15)
        for member in members:
            if rng.random() < 0.05:
                continue  # skipped: visible on the grid
            late = rng.random() < 0.1
            paid_on = meeting + dt.timedelta(days=25 if late else -rng.randint(0, 5))
            book.add(
                kind=Kind.ARISAN_IN,
                date=min(paid_on, dates.today()),
                member=member,
                amount=CONTRIBUTION,
                cycle=cycle,
                cycle_period=period,
            )
        seed = f"{rng.getrandbits(64):016x}"
        winner = remaining.pop(arisan.winner_index(seed, cycle.pk, period, len(remaining)))
        ArisanDraw.objects.create(
            cycle=cycle,
            period=period,
            commitment=arisan.commitment_of(seed),
            seed=seed,
            winner=by_pk[winner],
            drawn_on=meeting,
            by=book.by,
            committed_at=timezone.make_aware(dt.datetime.combine(meeting, dt.time(8))),
        )
        book.add(
            kind=Kind.ARISAN_OUT,
            date=meeting,
            member=by_pk[winner],
            amount=-CONTRIBUTION * len(members),
            cycle=cycle,
            cycle_period=period,
        )
    if not remaining:
        cycle.closed_on = dates.add_months(start, drawn - 1).replace(day=15)
        cycle.save()
    return cycle


def _fund(desa: Region, rng: random.Random, by: User) -> int:
    institution = _institution(desa)
    start = dates.add_months(dates.today().replace(day=1), -MONTHS)
    fund = Fund.objects.create(
        institution=institution,
        region_code=desa.code,
        kind=Fund.Kind.ARISAN,
        name=f"Iuran & arisan {institution.name}",
        treasurer=by if by.role == Role.PPKBD else None,
        treasurer_name=person_name(rng, "P"),
        chair_name=person_name(rng, "P"),
        dues_amount=DUES,
        dues_from=start,
        created_on=start,
    )
    book = _Book(fund, by)
    members = _members(fund, rng, start)
    _dues(book, rng, members, start)
    first = members[: min(10, len(members))]
    _cycle(book, rng, 1, first, dates.add_months(start, 2), len(first))
    second_start = dates.add_months(start, 2 + len(first))
    months_left = dates.months_between(second_start, dates.today().replace(day=1))
    second = members[: min(len(members), 12)]
    _cycle(book, rng, 2, second, second_start, max(0, min(len(second) - 1, months_left)))
    book.add(
        kind=Kind.INCOME,
        date=dates.add_months(start, 6),
        amount=250000,
        purpose="Dukungan mitra (desa)",
    )
    book.add(
        kind=Kind.SPENDING,
        date=dates.add_months(start, 7),
        amount=-120000,
        purpose="Konsumsi pertemuan",
    )
    LedgerEntry.objects.bulk_create(book.entries, batch_size=2000)
    _corrections(fund, by, rng)
    return len(book.entries)


def _corrections(fund: Fund, by: User, rng: random.Random) -> None:
    """A payment recorded twice and reversed, and one counted cash gap explained."""
    paid = list(fund.entries.filter(kind=Kind.DUES_PAID).order_by("pk")[:40])
    wrong = rng.choice(paid)
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                fund=fund,
                by=by,
                kind=wrong.kind,
                amount=-wrong.amount,
                date=wrong.date,
                member=wrong.member,
                period=wrong.period,
                reverses=wrong,
                reason="Tercatat dua kali",
            )
        ]
    )
    day = dates.today() - dt.timedelta(days=20)
    book = ledger.balance(fund, day)
    count = CashCount.objects.create(
        fund=fund, date=day, counted=book - 2000, ledger_balance=book, by=by
    )
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                fund=fund,
                by=by,
                kind=Kind.ADJUSTMENT,
                amount=-2000,
                date=day,
                count=count,
                purpose="Uang kembalian belum dicatat",
                reason="Uang kembalian belum dicatat",
            )
        ]
    )


def create_funds(kabupaten: Region, rng: random.Random) -> str:
    desas = independent_desa(kabupaten)
    ppkbd = {u.region_code: u for u in User.objects.filter(role=Role.PPKBD)}
    fallback = User.objects.filter(role=Role.ADMIN_KABUPATEN).first()
    if fallback is None or not desas:
        return "0 dana"
    entries = sum(_fund(d, rng, ppkbd.get(d.code, fallback)) for d in desas)
    return f"{len(desas)} dana desa mandiri, {entries} entri buku kas"


def step(ctx: DemoContext) -> str:
    return create_funds(ctx.kabupaten, random.Random(ctx.rng.getrandbits(64)))
