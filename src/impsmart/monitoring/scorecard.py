"""The replication scorecard of a region, its plans and the targets met over the year.

A desa is judged on T1–T7, each kecamatan on T9, the kabupaten on T8 (``targets.py``). Above
a desa a desa target rolls up: met when every desa meets it, partly when at least one meets
it or partly does, no data when none has data; its value is the number of desa meeting it.
The medium-term plan is every desa the Dinas marked (``ReplicationSite``: a desa, or a whole
kecamatan such as Bontomarannu); the long-term plan is every desa.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from impsmart import dates
from impsmart.monitoring import targets
from impsmart.monitoring.models import ReplicationSite
from impsmart.monitoring.targets import DESA_TARGETS, MET, NO_DATA, NOT_MET, PARTLY, Result
from impsmart.regions.models import Level, Region

ROLLED = {Level.KECAMATAN, Level.KABUPATEN}  # levels whose desa targets roll up


@dataclass(frozen=True)
class Line:
    code: str
    label: str
    status: str
    rule: str
    value: object

    @property
    def status_label(self) -> str:
        return str(targets.STATUS_LABELS[self.status])

    def as_data(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "status": self.status,
            "rule": self.rule,
            "value": self.value,
        }


def rolled(results: list[Result]) -> Result:
    statuses = {r.status for r in results}
    met = sum(r.status == MET for r in results)
    if not results or statuses == {NO_DATA}:
        return Result(NO_DATA)
    if statuses == {MET}:
        return Result(MET, met)
    if statuses & {MET, PARTLY}:
        return Result(PARTLY, met)
    return Result(NOT_MET, met)


def codes_at(region: Region, level: str) -> list[str]:
    if region.level == level:
        return [region.code]
    return list(
        Region.objects.filter(level=level)
        .within(region.code)
        .order_by("code")
        .values_list("code", flat=True)
    )


def judge(region: Region, day: dt.date) -> dict[str, dict[str, Result]]:
    """{target: {region code: result}} for the desa, kecamatan and kabupaten under ``region``."""
    rules = targets.rules_for(region.code)
    desa = codes_at(region, Level.DESA)
    found = {code: targets.compute(code, desa, day, rules[code]) for code in DESA_TARGETS}
    if region.level in ROLLED:
        found["T9"] = targets.compute("T9", codes_at(region, Level.KECAMATAN), day, rules["T9"])
    if region.level == Level.KABUPATEN:
        found["T8"] = targets.compute("T8", [region.code], day, rules["T8"])
    return found


def _under(results: dict[str, Result], code: str) -> list[Result]:
    return [r for c, r in results.items() if f"{c}.".startswith(f"{code}.")]


def scorecard(region: Region, day: dt.date | None = None) -> dict:
    """The contract of ``impsmart scorecard``, with the lines for the pages."""
    day = day or dates.latest_complete_month()
    rules = targets.rules_for(region.code)
    found = judge(region, day)
    lines = []
    for code, results in found.items():
        own = results.get(region.code) or rolled(_under(results, region.code))
        rule = targets.rule_text(code, rules[code])
        label = str(targets.TARGETS[code].label)
        lines.append(Line(code, label, own.status, rule, own.value))
    children = {}
    for child in Region.objects.filter(parent_id=region.code).order_by("code"):
        if child.level not in (Level.KECAMATAN, Level.DESA):
            continue
        children[child.code] = {
            code: rolled(_under(results, child.code)).status
            if child.level == Level.KECAMATAN
            else results[child.code].status
            for code, results in found.items()
            if code != "T8" and _under(results, child.code)
        }
    return {
        "region": region.code,
        "month": f"{day:%Y-%m}",
        "targets": [line.as_data() for line in lines],
        "children": children,
        "lines": lines,
        "found": found,
    }


def contract(card: dict) -> dict:
    return {key: card[key] for key in ("region", "month", "targets", "children")}


def medium_term(region: Region) -> list[str]:
    """The desa of the medium-term plan inside ``region``: marked desa and marked kecamatan."""
    marks = ReplicationSite.objects.values_list("region_code", flat=True)
    desa = codes_at(region, Level.DESA)
    return [d for d in desa if any(f"{d}.".startswith(f"{m}.") for m in marks)]


def all_seven(found: dict[str, dict[str, Result]], desa: list[str]) -> list[str]:
    return [d for d in desa if all(found[t][d].status == MET for t in DESA_TARGETS)]


def plans(region: Region, found: dict[str, dict[str, Result]]) -> list[dict]:
    """Per plan: the desa it holds, those meeting all seven and each target's met count."""
    medium = medium_term(region)
    every = codes_at(region, Level.DESA)
    return [
        {
            "name": name,
            "desa": len(desa),
            "all_seven": len(all_seven(found, desa)),
            "met": {t: sum(found[t][d].status == MET for d in desa) for t in DESA_TARGETS},
        }
        for name, desa in (("menengah", medium), ("panjang", every))
    ]


def met_trend(region: Region, day: dt.date, months: int = 12) -> list[dict]:
    """Per month of the year: desa targets met (of desa × 7) and desa meeting all seven."""
    rules = targets.rules_for(region.code)
    desa = codes_at(region, Level.DESA)
    firsts = [dates.add_months(day.replace(day=1), -k) for k in range(months - 1, -1, -1)]
    ends = [dates.last_day(first) for first in firsts]
    by_target = {code: targets.compute_days(code, desa, ends, rules[code]) for code in DESA_TARGETS}
    points = []
    for first, end in zip(firsts, ends, strict=True):
        found = {code: by_day[end] for code, by_day in by_target.items()}
        met = sum(r.status == MET for results in found.values() for r in results.values())
        points.append({"month": first, "met": met, "all_seven": len(all_seven(found, desa))})
    return points
