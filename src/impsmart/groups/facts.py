"""What the register says about a group's members on a day: PUS, KB use, KS stage.

A family membership is a PUS member when a wife of the family is a PUS that day
(``families/status.py``), and uses KB when such a wife uses a method; a PIK-R member only when
the young person is that wife or her husband. Never stored: read when a page or register asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from impsmart.families import codes
from impsmart.families.models import Member
from impsmart.families.status import with_status
from impsmart.groups.models import Membership


@dataclass(frozen=True)
class PusFact:
    pus: bool
    kb: bool


def pus_facts(memberships: Iterable[Membership], day: dt.date) -> dict[int, PusFact]:
    """membership id → whether it is a PUS member on ``day`` and whether it uses KB."""
    memberships = list(memberships)
    families = {m.family_id for m in memberships}
    wives = with_status(Member.objects.filter(family_id__in=families), day).values_list(
        "family_id", "pk", "spouse_id", "status"
    )
    by_family: dict[int, list[tuple[set[int], bool]]] = {}
    for family_id, wife, husband, status in wives:
        by_family.setdefault(family_id, []).append(({wife, husband}, status in codes.Method.values))
    facts = {}
    for m in memberships:
        couples = [
            (people, kb)
            for people, kb in by_family.get(m.family_id, [])
            if m.person_id is None or m.person_id in people
        ]
        facts[m.pk] = PusFact(pus=bool(couples), kb=any(kb for _people, kb in couples))
    return facts


def tally(facts: dict[int, PusFact]) -> tuple[int, int]:
    """(PUS members, PUS members using KB)."""
    return sum(f.pus for f in facts.values()), sum(f.kb for f in facts.values())
