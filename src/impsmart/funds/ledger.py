"""Balances, always summed from the entries in SQL; dues owed per member and month."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from impsmart import dates
from impsmart.funds.models import CASH_KINDS, Fund, FundMember, Kind, LedgerEntry


def balance(fund: Fund, until: dt.date | None = None) -> int:
    """Cash on hand by the ledger (at the end of ``until`` when given)."""
    entries = fund.entries.filter(kind__in=CASH_KINDS)
    if until is not None:
        entries = entries.filter(date__lte=until)
    return entries.aggregate(total=Coalesce(Sum("amount"), 0))["total"]


def balances(funds) -> dict[int, int]:
    """Cash on hand of many funds in one query."""
    rows = (
        LedgerEntry.objects.filter(fund__in=funds, kind__in=CASH_KINDS)
        .values("fund")
        .annotate(total=Sum("amount"))
    )
    found = {row["fund"]: row["total"] for row in rows}
    return {fund.pk: found.get(fund.pk, 0) for fund in funds}


def member_dues(fund: Fund):
    """The fund's members with ``charged``, ``paid`` and ``owed`` (rupiah) and ``months_owed``."""
    members = fund.members.annotate(
        charged=Coalesce(Sum("entries__amount", filter=Q(entries__kind=Kind.DUES_CHARGE)), 0),
        paid=Coalesce(Sum("entries__amount", filter=Q(entries__kind=Kind.DUES_PAID)), 0),
    ).order_by("name", "pk")
    rows = []
    for member in members:
        member.owed = member.charged - member.paid
        member.months_owed = -(-member.owed // fund.dues_amount) if fund.dues_amount else 0
        rows.append(member)
    return rows


def behind(fund: Fund) -> list[FundMember]:
    return [m for m in member_dues(fund) if m.owed > 0]


def dues_card(member: FundMember) -> list[dict]:
    """The member's kartu iuran: per month charged and paid, and the running balance owed."""
    months: dict[dt.date, dict] = {}
    for entry in member.entries.filter(kind__in=[Kind.DUES_CHARGE, Kind.DUES_PAID]):
        month = entry.period or entry.date.replace(day=1)
        row = months.setdefault(month, {"month": month, "charged": 0, "paid": 0, "dates": []})
        if entry.kind == Kind.DUES_CHARGE:
            row["charged"] += entry.amount
        else:
            row["paid"] += entry.amount
            row["dates"].append(entry.date)
    owed = 0
    for row in (rows := [months[m] for m in sorted(months)]):
        owed += row["charged"] - row["paid"]
        row["owed"] = owed
    return rows


def statement(fund: Fund, month: dt.date) -> dict:
    """The buku kas of one month: opening balance, the month's cash entries, closing."""
    first = month.replace(day=1)
    last = dates.last_day(first)
    opening = balance(fund, first - dt.timedelta(days=1))
    entries = list(
        fund.entries.filter(kind__in=CASH_KINDS, date__gte=first, date__lte=last)
        .select_related("member", "by", "reverses")
        .order_by("date", "pk")
    )
    running = opening
    for entry in entries:
        running += entry.amount
        entry.running = running
    income = sum(e.amount for e in entries if e.amount > 0)
    spending = -sum(e.amount for e in entries if e.amount < 0)
    return {
        "fund": fund,
        "month": first,
        "opening": opening,
        "entries": entries,
        "income": income,
        "spending": spending,
        "closing": running,
    }


def active_months(funds, since: dt.date, until: dt.date) -> int:
    """How many calendar months between the two days hold an entry of the funds."""
    entries = LedgerEntry.objects.filter(fund__in=funds, date__gte=since, date__lte=until)
    return len({(d.year, d.month) for d in entries.values_list("date", flat=True).distinct()})


def growth(fund: Fund) -> dict:
    """The snowball: members per month joined, per generation, and the invitation tree."""
    members = list(fund.members.select_related("invited_by").order_by("joined_on", "pk"))
    children: dict[int | None, list[FundMember]] = {}
    for member in members:
        children.setdefault(member.invited_by_id, []).append(member)
    generation: dict[int, int] = {}
    tree: list[tuple[int, FundMember]] = []

    def walk(parent: int | None, depth: int) -> None:
        for child in children.get(parent, []):
            generation[child.pk] = depth
            tree.append((depth, child))
            walk(child.pk, depth + 1)

    walk(None, 0)
    per_month = (
        fund.members.values_list("joined_on__year", "joined_on__month")
        .annotate(n=Count("pk"))
        .order_by("joined_on__year", "joined_on__month")
    )
    by_generation: dict[int, int] = {}
    for depth in generation.values():
        by_generation[depth] = by_generation.get(depth, 0) + 1
    return {
        "tree": tree,
        "per_month": [(dt.date(y, m, 1), n) for y, m, n in per_month],
        "by_generation": sorted(by_generation.items()),
    }
