"""PUP (Pendewasaan Usia Perkawinan) figures and lists: the young, calon pengantin, marriages.

- Youth are the members 10–24 of open families in a region (the PIK-R rule,
  ``groups/eligibility.py``), counted by age band and sex.
- Calon pengantin are ``Couple`` rows without a wedding date; a bride under ``PUP_WOMAN``
  (21) or a groom under ``PUP_MAN`` (25) on the planned day (today when none) is flagged.
- Marriages are ``Couple`` rows with ``married_on``; a month counts those with a bride under
  21 or a groom under 25 on the wedding day, in one grouped query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from impsmart.counseling.models import KieTopic
from impsmart.counseling.spacing import PUP_MAN, PUP_WOMAN
from impsmart.dates import add_months, age_on
from impsmart.families.models import Family, Member
from impsmart.groups.eligibility import aged, families_open, living_on
from impsmart.services.models import Couple

YOUTH_BANDS = ((10, 15), (15, 20), (20, 25))
# What a PUP mentoring session may be about (a KIE session on these topics).
MENTORING_TOPICS = [KieTopic.PUP, KieTopic.KESPRO, KieTopic.HIV_IMS, KieTopic.NAPZA]
YOUNG = Q(bride_age__lt=PUP_WOMAN) | Q(groom_age__lt=PUP_MAN)


def youth(members: QuerySet[Member], region_code: str, day: dt.date) -> QuerySet[Member]:
    """The young people 10–24 of ``members`` in open families of the region on ``day``."""
    families = families_open(Family.objects.within(region_code), day)
    return members.filter(living_on(day), aged(day, 10, 25), family__in=families.values("pk"))


def youth_counts(members: QuerySet[Member], region_code: str, day: dt.date) -> list[dict]:
    """One row per age band: {"band", "L", "P", "total"}, then the total row."""
    young = youth(members, region_code, day)
    aggregates = {}
    for low, high in YOUTH_BANDS:
        for sex in "LP":
            aggregates[f"{low}_{sex}"] = Count("pk", filter=aged(day, low, high) & Q(sex=sex))
    figures = young.aggregate(**aggregates)
    rows = []
    for low, high in YOUTH_BANDS:
        row = {"band": f"{low}–{high - 1}", "L": figures[f"{low}_L"], "P": figures[f"{low}_P"]}
        rows.append({**row, "total": row["L"] + row["P"]})
    total = {k: sum(r[k] for r in rows) for k in ("L", "P", "total")}
    return [*rows, {"band": "10–24", **total}]


def ages(couple: Couple, on: dt.date) -> tuple[int, int]:
    return age_on(couple.bride_birth_date, on), age_on(couple.groom_birth_date, on)


def below_pup(bride_age: int, groom_age: int) -> bool:
    return bride_age < PUP_WOMAN or groom_age < PUP_MAN


def engaged(couples: QuerySet[Couple], today: dt.date) -> list[dict[str, Any]]:
    """The calon pengantin with their ages on the planned day and the PUP flag."""
    rows = []
    for couple in couples.filter(married_on__isnull=True).order_by("planned_on", "pk"):
        bride, groom = ages(couple, couple.planned_on or today)
        rows.append(
            {
                "couple": couple,
                "bride_age": bride,
                "groom_age": groom,
                "young": below_pup(bride, groom),
            }
        )
    return rows


def marriages_by_month(couples: QuerySet[Couple], end: dt.date, months: int = 12) -> list[dict]:
    """The ``months`` months up to ``end``: marriages, and those under the PUP ages."""
    start = add_months(end.replace(day=1), -(months - 1))
    counted = (
        couples.filter(married_on__gte=start, married_on__lte=end)
        .annotate(month=TruncMonth("married_on"))
        .order_by()
        .values("month")
        .annotate(
            marriages=Count("pk"),
            young=Count("pk", filter=YOUNG),
            bride_young=Count("pk", filter=Q(bride_age__lt=PUP_WOMAN)),
            groom_young=Count("pk", filter=Q(groom_age__lt=PUP_MAN)),
        )
    )
    found = {_first(row["month"]): row for row in counted}
    rows = []
    for n in range(months):
        month = add_months(start, n)
        row = found.get(month, {})
        rows.append(
            {
                "month": month,
                **{k: row.get(k, 0) for k in ("marriages", "young", "bride_young", "groom_young")},
            }
        )
    return rows


def _first(value: dt.date | dt.datetime) -> dt.date:
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.replace(day=1)
