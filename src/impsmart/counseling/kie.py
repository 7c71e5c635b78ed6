"""KIE figures for the F/I/Dal and F/II/Dal reports (domain.md §6, section II).

``kie_counts(region_code, month)`` counts the month's sessions below a region, grouped by the
region's direct children (desa of a kecamatan, kecamatan of a kabupaten; a desa's own sessions
group by dusun, with sessions held at desa level under the desa's own code).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, Sum

from impsmart.counseling.models import AGE_GROUPS, KieSession, Presenter
from impsmart.dates import parse_month

FIGURES = ("sessions", "by_pkb", "with_kit", "leaders_active", "audience")
AUDIENCE_FIELDS = [f"audience_{g}_{s}" for g, _label in AGE_GROUPS for s in "lp"]


def child_code(code: str, region_code: str) -> str:
    """The direct child of ``region_code`` that ``code`` lies in (or ``code`` itself)."""
    depth = region_code.count(".") + 2
    return ".".join(code.split(".")[:depth])


def kie_counts(region_code: str, month: str | dt.date) -> dict[str, dict[str, int]]:
    """Per child region: sessions, sessions by PKB/PLKB, with the KIE kit, leaders, audience."""
    end = parse_month(month) if isinstance(month, str) else month
    start = end.replace(day=1)
    audience = sum((F(name) for name in AUDIENCE_FIELDS[1:]), F(AUDIENCE_FIELDS[0]))
    rows = (
        KieSession.objects.within(region_code)
        .filter(date__gte=start, date__lte=end)
        .order_by()
        .values("region_code")
        .annotate(
            sessions=Count("pk"),
            by_pkb=Count("pk", filter=Q(presenter_kind=Presenter.PKB)),
            with_kit=Count("pk", filter=Q(kie_kit=True)),
            leaders_active=Sum("leaders_active"),
            audience=Sum(audience),
        )
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        cell = counts.setdefault(
            child_code(row["region_code"], region_code), dict.fromkeys(FIGURES, 0)
        )
        for figure in FIGURES:
            cell[figure] += row[figure] or 0
    return counts


def total(counts: dict[str, dict[str, int]]) -> dict[str, int]:
    return {figure: sum(cell[figure] for cell in counts.values()) for figure in FIGURES}
