"""Target maps (pemetaan): indicator figures as GeoJSON for a choropleth, and family points.

Classes are computed here, not in the browser, so that the map, its legend and the table
under it agree. Family points carry no names: a point and its region code only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from impsmart.dashboard.figures import Figures, FigureTable
from impsmart.families.models import Family
from impsmart.regions.models import Level, Region

CLASSES = 5
# Families drawn as points at most; the page says how many there are in all.
POINT_CAP = 2000
NO_VALUE = "—"
ABOVE_DESA = {Level.PROVINSI, Level.KABUPATEN, Level.KECAMATAN}


@dataclass(frozen=True)
class Indicator:
    key: str
    label: Promise
    attribute: str
    percent: bool
    # Colour ramp in static/choropleth.js: unmet need is red, because more is worse.
    palette: str


INDICATORS = {
    "mcpr": Indicator("mcpr", _("mCPR (%)"), "mcpr", True, "green"),
    "pus": Indicator("pus", _("Jumlah PUS"), "pus", False, "blue"),
    "unmet": Indicator("unmet", _("Unmet need (%)"), "pct_unmet", True, "red"),
    "mkjp": Indicator("mkjp", _("Peserta MKJP (% dari PA)"), "pct_mkjp", True, "purple"),
}
DEFAULT_INDICATOR = "mcpr"


def value_label(indicator: Indicator, value: float | None) -> str:
    if value is None:
        return NO_VALUE
    if indicator.percent:
        return f"{number_format(value, 1)} %"
    return number_format(value, 0, force_grouping=True)


def class_edges(values: list[float]) -> list[float]:
    """Equal intervals from the lowest to the highest value (one class when all are equal)."""
    if not values:
        return []
    low, high = min(values), max(values)
    if low == high:
        return [low, high]
    step = (high - low) / CLASSES
    return [low + step * i for i in range(CLASSES)] + [high]


def class_of(value: float | None, edges: list[float]) -> int | None:
    if value is None or not edges:
        return None
    inner = edges[1:-1]
    return sum(1 for edge in inner if value > edge)


def legend(indicator: Indicator, edges: list[float]) -> list[dict]:
    def label(low: float, high: float) -> str:
        if low == high:
            return value_label(indicator, low)
        return f"{value_label(indicator, low)} – {value_label(indicator, high)}"

    return [
        {"class": i, "label": label(low, high)}
        for i, (low, high) in enumerate(zip(edges, edges[1:], strict=False))
    ]


def choropleth_shapes(table: FigureTable) -> list[tuple[Region, Figures]]:
    """The children with a boundary; the region's own outline when none of them has one."""
    shapes = [(child, row) for child, row in table.children if child.boundary]
    if shapes or not table.region.boundary:
        return shapes
    return [(table.region, table.total)]


def choropleth(table: FigureTable, indicator: Indicator, url_for: Callable[[str], str]) -> dict:
    """A FeatureCollection: one feature per child with its value, class and map link."""
    shapes = choropleth_shapes(table)
    values = [getattr(row, indicator.attribute) for _, row in shapes]
    edges = class_edges([v for v in values if v is not None])
    features = [
        {
            "type": "Feature",
            "geometry": region.boundary,
            "properties": {
                "code": region.code,
                "name": str(region),
                "short": region.name,
                "value": value,
                "label": value_label(indicator, value),
                "class": class_of(value, edges),
                "url": url_for(region.code),
            },
        }
        for (region, _), value in zip(shapes, values, strict=True)
    ]
    return {
        "type": "FeatureCollection",
        "indicator": {"key": indicator.key, "label": str(indicator.label)},
        "palette": indicator.palette,
        "legend": legend(indicator, edges),
        "features": features,
    }


def shows_points(user, region: Region) -> bool:
    """Family points only for personal-data roles, and only from a desa downwards."""
    if not user.may("view_personal"):
        return False
    return region.level not in ABOVE_DESA


def geotagged_families(user, region: Region, day: dt.date):
    return (
        Family.objects.visible_to(user)
        .within(region.code)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        .filter(lat__isnull=False, lng__isnull=False)
    )


def points(user, region: Region, day: dt.date) -> dict:
    """Geotagged families in scope as points (at most ``POINT_CAP``), with the full count."""
    families = geotagged_families(user, region, day)
    total = families.count()
    shown = families.order_by("region_code", "pk").values_list("lng", "lat", "region_code")
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lng, lat]},
            "properties": {"region_code": code},
        }
        for lng, lat, code in shown[:POINT_CAP]
    ]
    return {"type": "FeatureCollection", "total": total, "features": features}
