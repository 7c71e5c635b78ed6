"""The replication targets T1–T9 (domain.md §8): a registry of providers, rules as data.

A provider computes one target for many regions at once (set-based: a handful of queries for
the whole kabupaten, never one per desa): ``@target("T2")`` registers a function
``(regions, day, rule) -> {region_code: Result}``, where ``regions`` are the codes of the
target's level under the region asked for, ``day`` the last day of the month M judged (the
window is the 12 months ending with M) and ``rule`` the kabupaten's thresholds for that
target. A provider answers ``None`` for the whole set when the system holds no record of the
kind at all ("no data", never "not met"). Apps may register further targets in their
``ready``; ``providers.py`` registers the nine of the programme.

The thresholds are data: ``DEFAULT_RULES`` (domain.md §8), overridden per kabupaten by a
``TargetRule`` row (its ``thresholds`` JSON, only the keys it changes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

MET, PARTLY, NOT_MET, NO_DATA = "met", "partly", "not_met", "no_data"
STATUSES = (MET, PARTLY, NOT_MET, NO_DATA)
STATUS_LABELS = {
    MET: _("terpenuhi"),
    PARTLY: _("sebagian"),
    NOT_MET: _("belum"),
    NO_DATA: _("belum ada data"),
}
DESA, KECAMATAN, KABUPATEN = "desa", "kecamatan", "kabupaten"


@dataclass(frozen=True)
class Result:
    status: str
    value: Any = None  # what was measured (a count, a share), shown beside the status


@dataclass(frozen=True)
class Target:
    code: str
    label: Any
    level: str  # the regions the target is judged for
    rule: Any  # the rule in words, formatted with the thresholds


Provider = Callable[[list[str], dt.date, dict], "dict[str, Result] | None"]

TARGETS: dict[str, Target] = {
    t.code: t
    for t in (
        Target(
            "T1",
            _("Institusi dan pengurus"),
            DESA,
            _("PPKBD dengan pengurus kolektif dan SK; sebagian: ada pengurus tanpa SK"),
        ),
        Target(
            "T2",
            _("Pertemuan rutin"),
            DESA,
            _("Notulen pertemuan ≥ {met} dari 12 bulan; sebagian: ≥ {partly} bulan"),
        ),
        Target(
            "T3",
            _("KIE dan konseling"),
            DESA,
            _("KIE ≥ {met} dari 12 bulan dan ada konseling; sebagian: KIE ≥ {partly} bulan"),
        ),
        Target(
            "T4",
            _("Data C1/Des/Dal dilaporkan"),
            DESA,
            _(
                "Rekapitulasi PUS terkirim tepat waktu ≥ {met} dari 12 bulan; "
                "sebagian: terkirim (juga terlambat) ≥ {partly} bulan"
            ),
        ),
        Target(
            "T5",
            _("BKB, BKR, BKL berjalan"),
            DESA,
            _("BKB, BKR dan BKL bertemu dalam {months} bulan terakhir; sebagian: satu atau dua"),
        ),
        Target(
            "T6",
            _("Iuran dan/atau arisan"),
            DESA,
            _("Kas iuran/arisan tercatat ≥ {met} dari 12 bulan; sebagian: ada dana"),
        ),
        Target(
            "T7",
            _("Lokakarya dan Buku Pintar"),
            DESA,
            _(
                "Kader hadir lokakarya dan memegang Buku Pintar (sertifikat tes akhir atau "
                "kuis mandiri): ≥ {met} %; sebagian: ≥ {partly} %"
            ),
        ),
        Target(
            "T8",
            _("Forum komunikasi kader"),
            KABUPATEN,
            _("Forum kader kabupaten ada dan bertemu ≥ {met} dari 12 bulan; sebagian: ada"),
        ),
        Target(
            "T9",
            _("Rumah baca"),
            KECAMATAN,
            _("Rumah baca dengan peminjaman dalam {months} bulan terakhir; sebagian: ada"),
        ),
    )
}
DESA_TARGETS = [t.code for t in TARGETS.values() if t.level == DESA]

DEFAULT_RULES: dict[str, dict[str, int]] = {
    "T1": {},
    "T2": {"met": 10, "partly": 6},
    "T3": {"met": 10, "partly": 6},
    "T4": {"met": 10, "partly": 6},
    "T5": {"months": 3},
    "T6": {"met": 6},
    "T7": {"met": 100, "partly": 50},
    "T8": {"met": 4},
    "T9": {"months": 3},
}

# What each threshold counts, and the values a kabupaten may choose (``problems``).
MONTHS_OF_12, WINDOW, PERCENT = "months_of_12", "window", "percent"
UNITS: dict[str, str] = {
    "T2": MONTHS_OF_12,
    "T3": MONTHS_OF_12,
    "T4": MONTHS_OF_12,
    "T5": WINDOW,
    "T6": MONTHS_OF_12,
    "T7": PERCENT,
    "T8": MONTHS_OF_12,
    "T9": WINDOW,
}
LIMITS = {MONTHS_OF_12: (1, 12), WINDOW: (1, 12), PERCENT: (1, 100)}


def field_name(code: str, key: str) -> str:
    return f"{code}_{key}"


def problems(rules: dict[str, dict[str, int]]) -> dict[str, str]:
    """What is wrong with thresholds a kabupaten chose, per field (``field_name``), in words."""
    found = {}
    for code, values in rules.items():
        low, high = LIMITS[UNITS[code]]
        for key, value in values.items():
            if not low <= value <= high:
                found[field_name(code, key)] = str(
                    _("Isi angka dari %(low)s sampai %(high)s.") % {"low": low, "high": high}
                )
        if "partly" in values and "met" in values and values["partly"] > values["met"]:
            found.setdefault(
                field_name(code, "partly"),
                str(_("Ambang sebagian tidak boleh lebih besar dari ambang terpenuhi.")),
            )
    return found


_PROVIDERS: dict[str, Provider] = {}
SeriesProvider = Callable[
    [list[str], list[dt.date], dict], "dict[dt.date, dict[str, Result]] | None"
]
_SERIES: dict[str, SeriesProvider] = {}


def target(code: str) -> Callable[[Provider], Provider]:
    """Registers the provider of target ``code`` (one per code)."""

    def register(function: Provider) -> Provider:
        if code in _PROVIDERS and _PROVIDERS[code] is not function:
            raise ValueError(f"Target {code!r} sudah didaftarkan.")
        _PROVIDERS[code] = function
        return function

    return register


def target_series(code: str) -> Callable[[SeriesProvider], SeriesProvider]:
    """Registers an optional provider of target ``code`` for several days at once
    ``(regions, days, rule) -> {day: {region_code: Result}}`` (or None: no data), for a
    target whose data costs the same for one day as for a year (``compute_days``)."""

    def register(function: SeriesProvider) -> SeriesProvider:
        _SERIES[code] = function
        return function

    return register


def compute_days(
    code: str, regions: list[str], days: list[dt.date], rule: dict
) -> dict[dt.date, dict[str, Result]]:
    """Each day's ``compute``, in one call of the target's series provider when it has one."""
    series = _SERIES.get(code)
    if series is None or not regions:
        return {day: compute(code, regions, day, rule) for day in days}
    found = series(regions, days, rule)
    if found is None:
        return {day: {r: Result(NO_DATA) for r in regions} for day in days}
    return found


def compute(code: str, regions: list[str], day: dt.date, rule: dict) -> dict[str, Result]:
    """Each region's result; "no data" for all when no provider or no record of the kind."""
    provider = _PROVIDERS.get(code)
    found = provider(regions, day, rule) if provider and regions else None
    if found is None:
        return {r: Result(NO_DATA) for r in regions}
    return found


def by_count(count: int, rule: dict) -> str:
    """Met at ``rule["met"]``, partly at ``rule["partly"]`` (when the rule has one)."""
    if count >= rule["met"]:
        return MET
    if "partly" in rule and count >= rule["partly"]:
        return PARTLY
    return NOT_MET


def kabupaten_of(region_code: str) -> str:
    return ".".join(region_code.split(".")[:2])


def rules_for(region_code: str) -> dict[str, dict[str, int]]:
    """The thresholds of the kabupaten holding ``region_code``: stored keys over defaults."""
    from impsmart.monitoring.models import TargetRule

    stored = TargetRule.objects.filter(region_code=kabupaten_of(region_code)).first()
    changes = parse_thresholds(stored.thresholds) if stored else {}
    return {code: {**DEFAULT_RULES[code], **changes.get(code, {})} for code in DEFAULT_RULES}


def parse_thresholds(data: Any) -> dict[str, dict[str, int]]:
    """Stored thresholds as whole numbers; refuses an unknown target or key."""
    if not isinstance(data, dict):
        raise ValueError("Ambang harus berupa objek JSON per target.")
    parsed = {}
    for code, values in data.items():
        if code not in DEFAULT_RULES or not isinstance(values, dict):
            raise ValueError(f"Target {code!r} tidak dikenal.")
        unknown = set(values) - set(DEFAULT_RULES[code])
        if unknown:
            raise ValueError(f"{code}: kunci {', '.join(sorted(unknown))} tidak dikenal.")
        parsed[code] = {key: int(value) for key, value in values.items()}
    return parsed


def rule_text(code: str, rule: dict) -> str:
    return str(TARGETS[code].rule).format(**rule)
