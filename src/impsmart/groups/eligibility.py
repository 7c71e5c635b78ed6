"""Who a group may enrol, computed from the family register by the group's rule.

In the group's region, among families open on the day: BKB families with a child 0–<6, BKR
families with a member 10–24, BKL families with a member 60+, UPPKA acceptor families (a wife
using a method that day, ``families/status.py``); PIK-R the young people 10–24 themselves.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from impsmart.dates import years_before
from impsmart.families import codes
from impsmart.families.models import Family, Member
from impsmart.families.status import with_status
from impsmart.groups.models import Group, Kind, Membership

# Age bounds in whole years, lower inclusive, upper exclusive (None: no bound).
AGES = {
    Kind.BKB: (0, 6),
    Kind.BKR: (10, 25),
    Kind.BKL: (60, None),
    Kind.PIK_R: (10, 25),
}


def living_on(day: dt.date) -> Q:
    """Members born and belonging to their family on ``day``."""
    return (
        Q(birth_date__lte=day)
        & (Q(joined_on__isnull=True) | Q(joined_on__lte=day))
        & (Q(left_on__isnull=True) | Q(left_on__gt=day))
    )


def aged(day: dt.date, low: int, high: int | None) -> Q:
    """Members at least ``low`` and under ``high`` years old on ``day``."""
    rule = Q(birth_date__lte=years_before(day, low))
    if high is not None:
        rule &= Q(birth_date__gt=years_before(day, high))
    return rule


def families_open(families: QuerySet[Family], day: dt.date) -> QuerySet[Family]:
    return families.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day), registered_on__lte=day)


def eligible_people(group: Group, day: dt.date) -> QuerySet[Member]:
    """The people a PIK-R may enrol: young people 10–24 of open families in its region."""
    families = families_open(Family.objects.within(group.region_code), day)
    return Member.objects.filter(living_on(day), aged(day, *AGES[Kind.PIK_R]), family__in=families)


def eligible_families(group: Group, day: dt.date) -> QuerySet[Family]:
    """The families a BKB, BKR, BKL or UPPKA may enrol on ``day`` (PIK-R: theirs)."""
    families = families_open(Family.objects.within(group.region_code), day)
    if group.kind == Kind.PIK_R:
        return families.filter(pk__in=eligible_people(group, day).values("family_id"))
    if group.kind == Kind.UPPKA:
        wives = Member.objects.filter(family__in=families)
        users = with_status(wives, day).filter(status__in=codes.Method.values)
        return families.filter(pk__in=users.values("family_id"))
    people = Member.objects.filter(living_on(day), aged(day, *AGES[group.kind]))
    return families.filter(Exists(people.filter(family=OuterRef("pk"))))


def active_on(day: dt.date) -> Q:
    """Memberships that hold on ``day``."""
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def members_on(group: Group, day: dt.date) -> QuerySet[Membership]:
    return group.memberships.filter(active_on(day))


def not_yet_members(group: Group, day: dt.date) -> QuerySet:
    """Eligible families (PIK-R: people) not enrolled on ``day``: the enrolment list."""
    current = members_on(group, day)
    if group.kind == Kind.PIK_R:
        taken = current.values("person_id")
        return eligible_people(group, day).exclude(pk__in=taken).select_related("family")
    return eligible_families(group, day).exclude(pk__in=current.values("family_id"))


def eligible_count(group: Group, day: dt.date) -> int:
    if group.kind == Kind.PIK_R:
        return eligible_people(group, day).count()
    return eligible_families(group, day).count()
