"""What a leader learns in 30 seconds: the month's key figures, their year, who needs help.

The month (the latest complete one) and its kecamatan come from one ``compute_tree`` of
REKAP_PUS, so every figure is the report's figure. The 12-month trend of the region's total
reads the stored PUS months in one query grouped by month (``pus_months``; each month built
once, as for reports) and the new acceptors in one query over the year's episodes, with the
report engine's own event rule (``indicators.episode_events``): two queries for the year
instead of twelve reports.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from impsmart import dates
from impsmart.families import pus_months
from impsmart.families.models import Family, Member, PusMonthBuilt, PusTally
from impsmart.regions.models import Region
from impsmart.reports import completeness, engine, indicators
from impsmart.reports.indicators import STATUS_FILTERS, Frame, ratio

FORM = "REKAP_PUS"
MONTHS = 12
ATTENTION = 3  # kecamatan named per attention list
STATUS_COUNTS = ("pus", "pa_total", "pa_mkjp", "unmet_need", "status_unknown")


@dataclass(frozen=True)
class Key:
    code: str  # the REKAP_PUS row
    label: Promise
    percent: bool = False


KEYS = (
    Key("pus", _("PUS")),
    Key("mcpr", _("mCPR"), percent=True),
    Key("pct_mkjp", _("MKJP dari peserta KB"), percent=True),
    Key("pct_unmet", _("Unmet need"), percent=True),
    Key("pb_total", _("Peserta KB baru")),
    Key("drop_out", _("Drop out")),
)


@dataclass
class Figure:
    key: Key
    value: Any
    trend: list[Any]  # one value per month, oldest first; None where there is no denominator

    @property
    def sparkline(self) -> Sparkline:
        return Sparkline(self.trend)


@dataclass
class Sparkline:
    """A 12-point line drawn on the server as SVG points (no script, no library)."""

    values: list[Any]
    width: int = 120
    height: int = 28

    def points(self) -> list[tuple[float, float]]:
        known = [v for v in self.values if v is not None]
        low, high = min(known, default=0), max(known, default=0)
        step = self.width / max(len(self.values) - 1, 1)
        span = (high - low) or 1
        return [
            (round(i * step, 1), round(self.height - 2 - (v - low) / span * (self.height - 4), 1))
            for i, v in enumerate(self.values)
            if v is not None
        ]

    @property
    def svg_points(self) -> str:
        return " ".join(f"{x},{y}" for x, y in self.points())


@dataclass
class _YearFrame(Frame):
    """A frame whose "month" runs from ``start`` to ``day``: the year's episodes at once."""

    start: dt.date | None = None

    @property
    def first_day(self) -> dt.date:
        return self.start or self.day.replace(day=1)


def months_ending(day: dt.date, n: int = MONTHS) -> list[dt.date]:
    """The first days of the ``n`` months ending with ``day``'s month, oldest first."""
    return [dates.add_months(day, -k) for k in range(n - 1, -1, -1)]


def status_counts(region_code: str, months: list[dt.date]) -> dict[dt.date, dict[str, int]]:
    """PUS, PA, PA MKJP, unmet need and drop-outs per month, from the stored PUS months'
    tally (``PusTally``: their rows counted per region code and status)."""
    counts = {
        name: Sum("n", filter=STATUS_FILTERS[name] if STATUS_FILTERS[name] else None, default=0)
        for name in STATUS_COUNTS
    }
    counts["drop_out"] = Sum("n", filter=Q(drop_out=True), default=0)
    built = set(PusMonthBuilt.objects.filter(month__in=months).values_list("month", flat=True))
    stored = [m for m in months if m in built or pus_months.stored(m)]
    rows = (
        PusTally.objects.within(region_code)
        .filter(month__in=stored)
        .order_by()
        .values("month")
        .annotate(**counts)
    )
    found = {row.pop("month"): row for row in rows}
    for month in set(months) - set(stored):  # before the register began: live, as reports do
        day = dates.month_end(month.year, month.month)
        live = pus_months.facts(region_code, day).order_by().values("status", "drop_out")
        found[month] = _tally(live.annotate(n=Count("pk")))
    return found


def _tally(rows) -> dict[str, int]:
    """The counts of ``status_counts`` from rows grouped by status and drop-out."""
    tally = dict.fromkeys((*STATUS_COUNTS, "drop_out"), 0)
    for row in rows:
        tally["pus"] += row["n"]
        tally["pa_total"] += row["n"] if row["status"] in indicators.METHODS else 0
        tally["pa_mkjp"] += row["n"] if row["status"] in indicators.MKJP else 0
        tally["unmet_need"] += row["n"] if row["status"] in indicators.UNMET else 0
        tally["status_unknown"] += row["n"] if row["status"] == indicators.UNKNOWN else 0
        tally["drop_out"] += row["n"] if row["drop_out"] else 0
    return tally


def new_acceptors(region_code: str, months: list[dt.date]) -> dict[dt.date, int]:
    """PB per month over the whole period, by the report engine's event rule."""
    last = months[-1]
    frame = _YearFrame(
        region_code,
        dates.month_end(last.year, last.month),
        Member.objects.within(region_code),
        Family.objects.within(region_code),
        start=months[0],
    )
    # Grouped by day and summed per month here: SQLite's month truncation is a Python call
    # per row.
    rows = (
        indicators.new_acceptors(frame).order_by().values_list("start_date").annotate(n=Count("pk"))
    )
    found: dict[dt.date, int] = defaultdict(int)
    for day, n in rows:
        found[_first_day(day)] += n
    return dict(found)


def _first_day(value: dt.date | dt.datetime) -> dt.date:
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.replace(day=1)


def trend(region_code: str, months: list[dt.date]) -> dict[str, list[Any]]:
    """Each key figure's value per month of ``months`` for the region's total."""
    statuses = status_counts(region_code, months)
    acceptors = new_acceptors(region_code, months)
    series: dict[str, list[Any]] = {key.code: [] for key in KEYS}
    for month in months:
        c = statuses.get(month) or dict.fromkeys((*STATUS_COUNTS, "drop_out"), 0)
        values = {
            "pus": c["pus"],
            "mcpr": ratio(c["pa_total"], c["pus"]),
            "pct_mkjp": ratio(c["pa_mkjp"], c["pa_total"]),
            "pct_unmet": ratio(c["unmet_need"], c["pus"]),
            "pb_total": acceptors.get(month, 0),
            "drop_out": c["drop_out"],
        }
        for code, value in values.items():
            series[code].append(value)
    return series


def _values(report: dict) -> dict[str, Any]:
    return {row["code"]: row["value"] for row in report["rows"]}


@dataclass
class Attention:
    title: Promise
    regions: list[tuple[Region, float]]  # worst first
    digits: int = 1  # decimals shown


def attention(kecamatan: list[tuple[Region, dict]], complete: dict[str, float]) -> list[Attention]:
    """The kecamatan to look at first: lowest mCPR, highest unmet need, fewest desa reports."""

    def ranked(values: list[tuple[Region, float | None]], worst_first: int) -> list:
        known = [(r, v) for r, v in values if v is not None]
        known.sort(key=lambda pair: (worst_first * pair[1], pair[0].name))
        return known[:ATTENTION]

    return [
        Attention(_("mCPR terendah"), ranked([(r, v["mcpr"]) for r, v in kecamatan], 1)),
        Attention(
            _("Unmet need tertinggi"), ranked([(r, v["pct_unmet"]) for r, v in kecamatan], -1)
        ),
        Attention(
            _("Laporan desa paling sedikit masuk"),
            ranked([(r, complete.get(r.code)) for r, _v in kecamatan], 1),
            digits=0,
        ),
    ]


def report_shares(region_code: str, month: dt.date, children: list[str]) -> dict[str, float]:
    """Per child: the share of its desa whose report of ``month`` was sent (not returned)."""
    states = completeness.desa_states(FORM, region_code, [month.replace(day=1)])
    shares = {}
    for child in children:
        items = [i for (code, _m), i in states.items() if f"{code}.".startswith(f"{child}.")]
        counts = completeness.summary(items)
        shares[child] = completeness.share(counts["submitted"], counts["expected"])
    return shares


def overview(region: Region, day: dt.date) -> dict:
    """The month's key figures with their trend, and the children needing attention."""
    child_level = region.child_level
    levels = (region.level, child_level) if child_level else (region.level,)
    tree = engine.compute_tree(FORM, region.code, day, levels)
    months = months_ending(day)
    series = trend(region.code, months)
    now = _values(tree[region.code])
    children = list(Region.objects.filter(parent_id=region.code).order_by("code"))
    rows = [(child, _values(tree[child.code])) for child in children if child.code in tree]
    shares = report_shares(region.code, day, [c.code for c, _v in rows])
    return {
        "region": region,
        "month": day,
        "figures": [Figure(key, now[key.code], series[key.code]) for key in KEYS],
        "months": months,
        "attention": attention(rows, shares),
    }


def home_block(user) -> dict:
    """The leaders' block: the user's primary region, the latest complete month."""
    region = Region.objects.visible_to(user).filter(code=user.region_code).first()
    if region is None or not user.may("view_aggregates"):
        return {}
    return {"leaders": overview(region, dates.latest_complete_month())}
