"""Finding people in the register: any member's name or NIK, the KK number, or where they live.

Digits are a NIK or KK prefix, written also as a range of codes so that the database answers
from the index (SQLite's LIKE cannot, nor PostgreSQL's outside the C locale). Text is a part of
a name, of the address or of the dusun's name; the user's scope has narrowed the rows first.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from impsmart.families.models import Family, Member
from impsmart.regions import lookup
from impsmart.regions.models import Level, Region


def _prefix(field: str, digits: str) -> Q:
    """``field`` starts with ``digits``, also as the range an index can answer."""
    upper = digits[:-1] + chr(ord(digits[-1]) + 1)
    return Q(**{f"{field}__gte": digits, f"{field}__lt": upper, f"{field}__startswith": digits})


def person_filter(query: str) -> Q:
    """Members whose NIK starts with ``query`` (digits) or whose name contains it."""
    if query.isdigit():
        return _prefix("nik", query)
    return Q(name__icontains=query)


def _place_filter(query: str) -> Q:
    """Families living in a dusun named like ``query`` (also at an RW or RT below it)."""
    named = Q()
    for hops in ("", "parent__", "parent__parent__"):
        named |= Q(**{f"{hops}level": Level.DUSUN, f"{hops}name__icontains": query})
    places = Region.objects.filter(named, level__in=[Level.DUSUN, Level.RW, Level.RT])
    return Q(region_code__in=places.values("code"))


def find_families(families: QuerySet[Family], query: str, few: bool = True) -> QuerySet[Family]:
    """Families whose KK, address or dusun, or any member's name or NIK, matches ``query``.

    ``few``: ``families`` are a desa's or a few desa's (a cadre's or a PKB's), so names are
    matched among their own members: matching every member of the kabupaten cost each of
    their searches 150-300 ms. A kecamatan (up to 46,000 families) or the kabupaten keeps
    matching every member, quicker there."""
    if not query:
        return families
    people = Member.objects.filter(person_filter(query))
    if few:
        people = people.filter(family__in=families.values("pk"))
    people = people.values("family_id")
    if query.isdigit():
        return families.filter(_prefix("kk_number", query) | Q(pk__in=people))
    return families.filter(Q(address__icontains=query) | _place_filter(query) | Q(pk__in=people))


def _matching_people(families: list, query: str) -> dict[int, list[Member]]:
    if not query:
        return {}
    shown = [family.pk for family in families]
    people = Member.objects.filter(person_filter(query), family__in=shown).order_by(
        F("left_on").asc(nulls_first=True), "birth_date"
    )
    found: dict[int, list[Member]] = {}
    for person in people:
        found.setdefault(person.family_id, []).append(person)
    return found


def describe(families: list, query: str, user) -> None:
    """Give each family of a page (in scope; a ``Family`` or a ``listing.Listed``)
    ``people``, the members whose name or NIK matched, and ``place``, the dusun, desa, RW or
    RT it lives in: two queries a page."""
    people = _matching_people(families, query)
    places = lookup.by_code(user, {family.region_code for family in families})
    for family in families:
        family.people = people.get(family.pk, [])
        family.place = places.get(family.region_code)
