"""Comparisons that guide action: rankings, the ones that moved most, replication vs the rest.

Outcomes are REKAP_PUS's figures of the month and of the same month a year before (two
``compute_tree`` runs for all kecamatan and desa); targets are the scorecard's. The
replication comparison is descriptive only: the desa were chosen, not drawn at random.
"""

from __future__ import annotations

import datetime as dt
from statistics import mean

from django.utils.translation import gettext_lazy as _

from impsmart import dates
from impsmart.monitoring import scorecard
from impsmart.monitoring.targets import DESA_TARGETS, MET
from impsmart.regions.models import Level, Region
from impsmart.reports import engine

FORM = "REKAP_PUS"
OUTCOMES = {
    "mcpr": (_("mCPR"), True),
    "pct_mkjp": (_("MKJP dari peserta KB"), True),
    "pct_unmet": (_("Unmet need"), False),
    "pb_total": (_("Peserta KB baru"), True),
    "drop_out": (_("Drop out"), False),
}
MOVED = 3
CAVEATS = (
    _("Desa replikasi dipilih oleh Dinas, bukan diundi: perbedaan bisa berasal dari pilihan itu."),
    _("Perbandingan ini tidak membuktikan sebab-akibat; lihat juga keadaan tiap desa."),
    _("Desa dengan sedikit PUS membuat persentase mudah naik turun."),
)


def _values(tree: dict, code: str) -> dict:
    return {row["code"]: row["value"] for row in tree[code]["rows"]} if code in tree else {}


ORDER = [Level.KABUPATEN, Level.KECAMATAN, Level.DESA]


def _levels(region: Region) -> tuple[str, ...]:
    """The region's level and the kecamatan and desa levels below it."""
    if region.level not in ORDER:
        return (region.level,)
    return tuple(ORDER[ORDER.index(region.level) :])


def outcomes(region: Region, day: dt.date) -> dict:
    """Each child kecamatan and desa's outcomes now and a year before."""
    levels = _levels(region)
    year_before = dates.last_day(dates.add_months(day.replace(day=1), -12))
    now = engine.compute_tree(FORM, region.code, day, levels)
    then = engine.compute_tree(FORM, region.code, year_before, levels)
    regions = Region.objects.filter(level__in=levels[1:]).within(region.code).order_by("code")
    return {
        "regions": list(regions),
        "now": {r.code: _values(now, r.code) for r in regions},
        "then": {r.code: _values(then, r.code) for r in regions},
        "year_before": year_before,
    }


def ranked(items: list[tuple[Region, float | None]], high_is_good: bool) -> list[dict]:
    """Best first, ties sharing a rank; regions without a value last, unranked."""
    known = sorted(
        ((r, v) for r, v in items if v is not None),
        key=lambda pair: (-pair[1] if high_is_good else pair[1], pair[0].code),
    )
    rows, rank, previous = [], 0, object()
    for n, (region, value) in enumerate(known, 1):
        if value != previous:
            rank, previous = n, value
        rows.append({"rank": rank, "region": region, "value": value})
    return rows + [{"rank": None, "region": r, "value": None} for r, v in items if v is None]


def moved_most(data: dict, code: str, level: str) -> list[dict]:
    changes = []
    for region in data["regions"]:
        now, then = data["now"][region.code].get(code), data["then"][region.code].get(code)
        if region.level == level and now is not None and then is not None:
            changes.append({"region": region, "now": now, "then": then, "change": now - then})
    changes.sort(key=lambda c: (-abs(c["change"]), c["region"].code))
    return changes[:MOVED]


def targets_met(found: dict, regions: list[Region]) -> list[tuple[Region, int]]:
    """Per kecamatan or desa: desa targets met (a kecamatan sums its desa)."""
    counts = []
    for region in regions:
        counts.append(
            (
                region,
                sum(
                    result.status == MET
                    for t in DESA_TARGETS
                    for code, result in found[t].items()
                    if f"{code}.".startswith(f"{region.code}.")
                ),
            )
        )
    return counts


def _mean(data: dict, when: str, members: list[Region], code: str) -> float | None:
    known = [v for d in members if (v := data[when][d.code].get(code)) is not None]
    return round(mean(known), 1) if known else None


def replication(region: Region, data: dict) -> dict:
    """Mean outcome of the medium-term desa and of the others, a year before and now."""
    medium = set(scorecard.medium_term(region))
    desa = [r for r in data["regions"] if r.level == Level.DESA]
    chosen = [d for d in desa if d.code in medium]
    others = [d for d in desa if d.code not in medium]
    rows = [
        {
            "code": code,
            "label": label,
            "values": [
                _mean(data, when, group, code)
                for group in (chosen, others)
                for when in ("then", "now")
            ],
        }
        for code, (label, _good) in OUTCOMES.items()
    ]
    return {"rows": rows, "chosen": len(chosen), "others": len(others)}


def comparison(region: Region, day: dt.date) -> dict:
    data = outcomes(region, day)
    card = scorecard.scorecard(region, day)
    by_level = {
        level: [r for r in data["regions"] if r.level == level]
        for level in (Level.KECAMATAN, Level.DESA)
    }
    by_level = {level: regions for level, regions in by_level.items() if regions}
    rankings = []
    for code, (label, good) in OUTCOMES.items():
        for level, regions in by_level.items():
            items = [(r, data["now"][r.code].get(code)) for r in regions]
            rankings.append(
                {"label": label, "level": level, "rows": ranked(items, good),
                 "moved": moved_most(data, code, level)}
            )  # fmt: skip
    target_rankings = [
        {"level": level, "rows": ranked(targets_met(card["found"], regions), True)}
        for level, regions in by_level.items()
    ]
    return {
        "region": region,
        "month": day,
        "year_before": data["year_before"],
        "rankings": rankings,
        "target_rankings": target_rankings,
        "replication": replication(region, data),
        "caveats": CAVEATS,
    }
