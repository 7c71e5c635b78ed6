"""F/I/Dal poktan figures as report indicators: section I (groups existing and reporting),
III (BKB, BKR, BKL) and IV (UPPKA), added up from the month's R/I registers.

A group *exists* on the month's last day when it is not deactivated by then and has begun: its
SK is dated by then, or a member or a session is. It *reports* (yang lapor) when it exists and
its R/I register of the month holds a session, so "yang lapor" never exceeds "yang ada".
Sections III and IV count, over the existing groups, what their R/I registers of the month
show (``registers.build``): the members of the month, those who attended a session, those who
are PUS and use KB on the month's last day (from the register, ``facts.py``), the sessions, the
children checked with the KKA, and UPPKA capital and revenue. A group counts in the region it
is registered in (a desa or one of its dusun).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Exists, OuterRef, Q, QuerySet

from impsmart.families import codes
from impsmart.groups.models import (
    FAMILY_KINDS,
    Attendance,
    Capital,
    Group,
    Kind,
    KkaCheck,
    Membership,
    Revenue,
    Session,
)
from impsmart.reports.indicators import (
    Frame,
    Indicator,
    Tallies,
    child_code,
    from_group,
    month_facts,
    register,
)

PREFIX = {Kind.BKB: "bkb", Kind.BKR: "bkr", Kind.BKL: "bkl", Kind.UPPKA: "uppka"}
POOR = {codes.KsStage.PRA_S.value, codes.KsStage.KS1.value}  # Pra-S and KS I


def existing_on(day: dt.date) -> Q:
    """Groups that exist on ``day`` (see the module's docstring)."""
    begun = (
        Q(sk_date__lte=day)
        | Exists(Membership.objects.filter(group=OuterRef("pk"), started_on__lte=day))
        | Exists(Session.objects.filter(group=OuterRef("pk"), date__lte=day))
    )
    kept = Q(deactivated_on__isnull=True, active=True) | Q(deactivated_on__gt=day)
    return kept & begun


def of_the_month(first: dt.date, last: dt.date) -> Q:
    """Memberships that hold on some day of the month (the rows of its R/I register)."""
    return Q(started_on__lte=last) & (Q(ended_on__isnull=True) | Q(ended_on__gt=first))


def _groups(frame: Frame) -> QuerySet[Group]:
    return (
        Group.objects.within(frame.region_code)
        .filter(kind__in=FAMILY_KINDS)
        .filter(existing_on(frame.day))
    )


def _pus_families(frame: Frame) -> dict[int, bool]:
    """family id → whether a PUS of the family uses KB, for families with a PUS that day."""
    found: dict[int, bool] = {}
    for family, status in month_facts(frame).values_list("family_id", "status"):
        found[family] = found.get(family, False) or status in codes.Method.values
    return found


def _poktan_tallies(frame: Frame) -> Tallies:
    first, last = frame.first_day, frame.day
    sessions = Session.objects.filter(date__gte=first, date__lte=last)
    groups = _groups(frame).annotate(
        child=frame.child("region_code"), met=Exists(sessions.filter(group=OuterRef("pk")))
    )
    tallies: Tallies = defaultdict(Counter)
    where: dict[int, tuple[Counter, str]] = {}  # group id → (its child's tally, row prefix)
    for pk, kind, child, met in groups.values_list("pk", "kind", "child", "met"):
        tally, prefix = tallies[child_code(child)], PREFIX[kind]
        where[pk] = (tally, prefix)
        tally[f"{prefix}_ada"] += 1
        tally[f"{prefix}_lapor"] += int(met)
    ids = groups.values("pk")
    members = Membership.objects.filter(of_the_month(first, last), group__in=ids)
    if frame.scope is not None:
        members = members.filter(family__in=frame.families.values("pk"))
    pus = _pus_families(frame)
    member_group = {}
    for pk, group, family, stage in members.values_list(
        "pk", "group_id", "family_id", "family__ks_stage"
    ):
        member_group[pk] = group
        tally, prefix = where[group]
        tally[f"{prefix}_anggota"] += 1
        poor = stage in POOR
        if prefix == "uppka" and poor:
            tally["uppka_pra_ks1"] += 1
        if family in pus:
            tally[f"{prefix}_anggota_pus"] += 1
            tally[f"{prefix}_pus_kb"] += int(pus[family])
            if prefix == "uppka" and poor and pus[family]:
                tally["uppka_pus_kb_pra_ks1"] += 1
    held = sessions.filter(group__in=ids)
    for group in held.values_list("group_id", flat=True):
        tally, prefix = where[group]
        tally[f"{prefix}_pertemuan"] += 1
    attended = Attendance.objects.filter(session__in=held).values_list("membership_id", flat=True)
    for membership in set(attended):
        if membership in member_group:
            tally, prefix = where[member_group[membership]]
            tally[f"{prefix}_hadir"] += 1
    _kka(held, where, frame)
    _money(frame, members, ids, where)
    return tallies


def _kka(held: QuerySet[Session], where: dict, frame: Frame) -> None:
    """Children checked with the KKA in the month, and those of them flagged for referral."""
    checks = KkaCheck.objects.filter(session__in=held)
    if frame.scope is not None:
        checks = checks.filter(child__in=frame.scope.values("pk"))
    children: dict[tuple[int, int], bool] = {}
    for group, child, refer in checks.values_list(
        "session__group_id", "child_id", "needs_referral"
    ):
        children[group, child] = children.get((group, child), False) or refer
    for (group, _child), refer in children.items():
        tally, _prefix = where[group]
        tally["bkb_kka_anak"] += 1
        tally["bkb_kka_rujuk"] += int(refer)


def _money(frame: Frame, members: QuerySet, ids: QuerySet, where: dict) -> None:
    """UPPKA capital accessed in the month (groups and rupiah) and the month's revenue."""
    capital = Capital.objects.filter(
        membership__in=members.values("pk"),
        received_on__gte=frame.first_day,
        received_on__lte=frame.day,
    )
    by_group: Counter = Counter()
    for group, amount in capital.values_list("membership__group_id", "amount"):
        by_group[group] += amount
    for group, amount in by_group.items():
        tally, _prefix = where[group]
        tally["uppka_modal_kelompok"] += 1
        tally["uppka_modal_rp"] += amount
    revenue = Revenue.objects.filter(group__in=ids, month=frame.first_day)
    for group, amount in revenue.values_list("group_id", "amount"):
        tally, _prefix = where[group]
        tally["uppka_omzet_rp"] += amount


CODES = [
    *(f"{p}_{s}" for p in PREFIX.values() for s in ("ada", "lapor")),
    *(
        f"{p}_{s}"
        for p in PREFIX.values()
        for s in ("anggota", "hadir", "anggota_pus", "pus_kb", "pertemuan")
    ),
    "bkb_kka_anak",
    "bkb_kka_rujuk",
    "uppka_pra_ks1",
    "uppka_pus_kb_pra_ks1",
    "uppka_modal_kelompok",
    "uppka_modal_rp",
    "uppka_omzet_rp",
]
for _code in CODES:
    register(Indicator(_code, counts=from_group(_poktan_tallies, _code)))
