"""Indicator figures of a region's direct children for one month (domain.md §5).

Counts come from two grouped queries (PUS statuses, families) over the user's scope through
``aggregatable_by``, so leaders without personal-data rights get the same figures; only
numbers ever leave this module, never names. Rows are keyed by the child's code: the family's
region code cut to the length of the child codes, which is equal within one level
(Kemendagri's fixed-width codes, two-digit local segments).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Substr

from impsmart.families import codes, pus_months
from impsmart.families.models import Family
from impsmart.regions.models import Region
from impsmart.reports.indicators import ratio  # rounded as the reports round

UNMET = [codes.Intention.IAT, codes.Intention.TIAL]
COUNTS = ("families", "pus", "pa", "pa_mkjp", "unmet")


@dataclass
class Figures:
    """The counts of one region (or of the records that sit in no child) and their rates."""

    code: str
    name: str
    families: int = 0
    pus: int = 0
    pa: int = 0
    pa_mkjp: int = 0
    unmet: int = 0

    @property
    def mcpr(self) -> float | None:
        return ratio(self.pa, self.pus)

    @property
    def pct_mkjp(self) -> float | None:
        return ratio(self.pa_mkjp, self.pa)

    @property
    def pct_unmet(self) -> float | None:
        return ratio(self.unmet, self.pus)

    def add(self, other: Figures) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class FigureTable:
    region: Region
    children: list[tuple[Region, Figures]]
    # Records of the region that sit in no child (e.g. a family registered on the desa itself).
    unplaced: Figures
    total: Figures


def _status_rows(user, region: Region, day: dt.date, width: int) -> dict[str, dict]:
    """PUS, PA, PA MKJP and unmet need per child, from one query grouped by child and status.

    Grouping by status reads each woman's stored status once (``pus_months.facts``).
    """
    rows = (
        pus_months.facts(region.code, day, lambda records: records.aggregatable_by(user))
        .annotate(child=Substr("region_code", 1, width))
        .order_by()
        .values_list("child", "status")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, dict] = {}
    for child, status, n in rows:
        row = counts.setdefault(child, dict.fromkeys(("pus", "pa", "pa_mkjp", "unmet"), 0))
        row["pus"] += n
        row["pa"] += n if status in codes.Method.values else 0
        row["pa_mkjp"] += n if status in codes.MKJP else 0
        row["unmet"] += n if status in UNMET else 0
    return counts


def _family_rows(user, region: Region, day: dt.date, width: int) -> dict[str, int]:
    # Families not closed by ``day``, as the PUS engine counts them (the registration date is
    # when the cadre recorded the family, not when it began).
    rows = (
        Family.objects.aggregatable_by(user)
        .within(region.code)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        .annotate(child=Substr("region_code", 1, width))
        .order_by()
        .values_list("child")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def child_figures(user, region: Region, day: dt.date) -> FigureTable:
    """Figures per direct child of ``region`` on ``day`` (a month's last day), with totals."""
    children = list(region.children.visible_to(user).order_by("code"))
    width = max((len(c.code) for c in children), default=len(region.code))
    statuses = _status_rows(user, region, day, width)
    families = _family_rows(user, region, day, width)
    figures = {
        key: Figures(key, "", families=families.get(key, 0), **statuses.get(key, {}))
        for key in statuses.keys() | families.keys()
    }
    rows = [(c, figures.pop(c.code, Figures(c.code, ""))) for c in children]
    for child, row in rows:
        row.name = str(child)
    unplaced = Figures(region.code, "")
    for rest in figures.values():
        unplaced.add(rest)
    total = Figures(region.code, str(region))
    for _, row in rows:
        total.add(row)
    total.add(unplaced)
    return FigureTable(region, rows, unplaced, total)
