"""Finding people in the register: any member's name or NIK, the KK number, or where they live.

Digits are a NIK or KK prefix, written also as a range of codes so that the database answers
from the index (SQLite's LIKE cannot, nor PostgreSQL's outside the C locale). Text is a part of
a name, of the address (both in each family's stored text, ``family_text``) or of the dusun's
name; the user's scope has narrowed the rows first.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Upper

from impsmart.accounts.scope import scope_filter
from impsmart.families.models import Family, FamilyText, Member
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


def few(codes: list[str]) -> bool:
    """Whether the regions ``codes`` are each a desa or below (a cadre's or a PKB's)."""
    return all(code.count(".") >= 3 for code in codes)


def find_families(families: QuerySet[Family], query: str, codes: list[str]) -> QuerySet[Family]:
    """Families whose KK, address or dusun, or any member's name or NIK, matches ``query``.

    ``families`` lie in the regions ``codes``. A part of a name or of the address is matched
    in the families' stored text (``FamilyText``) of those regions, one row per family read
    by the region-code index: looking up the members of every family of the largest desa
    took 25-45 ms on PostgreSQL. A NIK prefix is looked up in the members' NIK index, among
    the families' members where they are ``few`` (matching every member of the kabupaten
    cost each search of a desa 150-300 ms)."""
    if not query:
        return families
    if query.isdigit():
        people = Member.objects.filter(person_filter(query))
        if few(codes):
            people = people.filter(family__in=families.values("pk"))
        people = people.values("family_id")
        return families.filter(_prefix("kk_number", query) | Q(pk__in=people))
    texts = FamilyText.objects.filter(
        scope_filter("region_code", codes, FamilyText), text__contains=Upper(Value(query))
    )
    return families.filter(_place_filter(query) | Q(pk__in=texts.values("family_id")))


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
