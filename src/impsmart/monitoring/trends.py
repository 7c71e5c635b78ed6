"""The programme's outcomes per month for any region: one grouped query per source.

Status counts (PUS, users, MKJP, unmet need, unknown status, drop-outs) come from the stored
PUS months and new acceptors from the episodes, through the leaders' home's own functions
(``dashboard/leaders.py``), so a month's figure is REKAP_PUS's. Births, visits, counselling,
KIE sessions and partner activities are each counted in one query grouped by month; report
completeness and timeliness come from one read of the desa reports (``completeness``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from impsmart import dates
from impsmart.counseling.models import Counseling, KieSession, Visit
from impsmart.dashboard import leaders
from impsmart.families.codes import Outcome
from impsmart.families.models import Pregnancy
from impsmart.organization.models import PartnerActivity
from impsmart.reports import completeness
from impsmart.reports.indicators import ratio

MONTHS = 24


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Any
    percent: bool = False
    high_is_good: bool = True


INDICATORS = (
    Indicator("births", _("Kelahiran hidup"), high_is_good=False),
    Indicator("pa_total", _("Peserta KB aktif")),
    Indicator("mcpr", _("mCPR"), percent=True),
    Indicator("pct_mkjp", _("MKJP dari peserta KB"), percent=True),
    Indicator("pb_total", _("Peserta KB baru")),
    Indicator("drop_out", _("Drop out"), high_is_good=False),
    Indicator("unmet_need", _("Unmet need"), high_is_good=False),
    Indicator("pct_unmet", _("Unmet need (% PUS)"), percent=True, high_is_good=False),
    Indicator("visits", _("Kunjungan rumah")),
    Indicator("counselling", _("Konseling")),
    Indicator("kie_sessions", _("Penyuluhan KIE")),
    Indicator("report_completeness", _("Laporan desa masuk"), percent=True),
    Indicator("report_timeliness", _("Laporan desa tepat waktu"), percent=True),
    Indicator("status_unknown", _("PUS tanpa status (mutu data)"), high_is_good=False),
    Indicator("partner_activities", _("Kegiatan mitra")),
)
BY_CODE = {i.code: i for i in INDICATORS}


def months_ending(day: dt.date, n: int = MONTHS) -> list[dt.date]:
    return leaders.months_ending(day, n)


def _per_month(queryset, field: str, months: list[dt.date]) -> dict[dt.date, int]:
    """Rows per month, grouped by day in the database and summed per month here (SQLite's
    month truncation is a Python call per row)."""
    first, last = months[0], dates.last_day(months[-1])
    rows = (
        queryset.filter(**{f"{field}__range": (first, last)})
        .order_by()
        .values_list(field)
        .annotate(n=Count("pk"))
    )
    found: dict[dt.date, int] = defaultdict(int)
    for day, n in rows:
        found[_first_day(day)] += n
    return found


def _first_day(value: dt.date | dt.datetime) -> dt.date:
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.replace(day=1)


def _reports(region_code: str, months: list[dt.date]) -> dict[dt.date, tuple[float, float]]:
    """Per month: the share of desa with the report sent, and sent on time."""
    by_month = defaultdict(list)
    for (_code, month), item in completeness.desa_states(
        completeness.FORM, region_code, months
    ).items():
        by_month[month].append(item)
    shares = {}
    for month in months:
        items = by_month[month]
        counts = completeness.summary(items)
        on_time = sum(
            i.on_time is True and i.report.status in completeness.SENT
            for i in items
            if i.report is not None
        )
        shares[month] = (
            completeness.share(counts["submitted"], counts["expected"]),
            completeness.share(on_time, counts["expected"]),
        )
    return shares


def series(region_code: str, months: list[dt.date]) -> dict[str, list[Any]]:
    """Every indicator's value per month of ``months`` (oldest first) for the region."""
    statuses = leaders.status_counts(region_code, months)
    acceptors = leaders.new_acceptors(region_code, months)
    counted = {
        "births": _per_month(
            Pregnancy.objects.within(region_code).filter(outcome=Outcome.LIVE_BIRTH),
            "outcome_date",
            months,
        ),
        "visits": _per_month(Visit.objects.within(region_code), "date", months),
        "counselling": _per_month(Counseling.objects.within(region_code), "date", months),
        "kie_sessions": _per_month(KieSession.objects.within(region_code), "date", months),
        "partner_activities": _per_month(
            PartnerActivity.objects.within(region_code), "date", months
        ),
    }
    reports = _reports(region_code, months)
    found: dict[str, list[Any]] = {i.code: [] for i in INDICATORS}
    for month in months:
        c = statuses.get(month) or dict.fromkeys((*leaders.STATUS_COUNTS, "drop_out"), 0)
        values = {
            **{code: by_month.get(month, 0) for code, by_month in counted.items()},
            "pa_total": c["pa_total"],
            "mcpr": ratio(c["pa_total"], c["pus"]),
            "pct_mkjp": ratio(c["pa_mkjp"], c["pa_total"]),
            "pb_total": acceptors.get(month, 0),
            "drop_out": c["drop_out"],
            "unmet_need": c["unmet_need"],
            "pct_unmet": ratio(c["unmet_need"], c["pus"]),
            "report_completeness": reports[month][0],
            "report_timeliness": reports[month][1],
            "status_unknown": c["status_unknown"],
        }
        for code in found:
            found[code].append(values[code])
    return found


def contract(region_code: str, months: list[dt.date]) -> dict:
    """``{"region", "series": {indicator: [{"month", "value"}]}}``."""
    values = series(region_code, months)
    return {
        "region": region_code,
        "series": {
            code: [{"month": f"{m:%Y-%m}", "value": v} for m, v in zip(months, points, strict=True)]
            for code, points in values.items()
        },
    }
