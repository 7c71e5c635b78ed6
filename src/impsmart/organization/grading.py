"""Grades of IMP institutions (Dasar / Berkembang / Mandiri) from their own data.

The rule is data: each grade lists criteria, each criterion a measure and a threshold
(``DEFAULT_RULE``, after domain.md §8; a kabupaten may store its own). A measure is a function
``(institution, day) -> int | None`` that an app provides for the data it holds
(``@provides("meeting_months")`` in that app's ``grading.py``, imported by its AppConfig's
``ready``). ``None`` means the system holds no such data yet (no provider, or the app has no
records of that kind): the criterion reads "belum ada data", never "not met".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Measure = Callable[[Any, Any], "int | None"]

_MEASURES: dict[str, Measure] = {}


def provides(code: str) -> Callable[[Measure], Measure]:
    """Registers the function that measures criterion ``code`` for an institution and day."""

    def register(function: Measure) -> Measure:
        if code in _MEASURES and _MEASURES[code] is not function:
            raise ValueError(f"Ukuran {code!r} sudah didaftarkan.")
        _MEASURES[code] = function
        return function

    return register


def measure(code: str, institution: Any, day: Any) -> int | None:
    function = _MEASURES.get(code)
    return None if function is None else function(institution, day)


@dataclass(frozen=True)
class Criterion:
    """``measure`` at least ``threshold`` (over the 12 months up to the day graded)."""

    measure: str
    threshold: int
    label: str


# Measures (looked back over the last 12 months, counting months unless said otherwise):
# board_seats (filled seats now), board_collective (1 when ketua, sekretaris and bendahara are
# filled), kie_months, meeting_months (meetings with minutes), report_months (monthly reports
# sent), poktan_active (BKB/BKR/BKL groups active in its area), fund_months (months with own
# fund entries), sk_signed (1 with a signed decree in force).
DEFAULT_RULE: dict[str, list[Criterion]] = {
    "dasar": [
        Criterion("board_seats", 1, "Ada pengurus (boleh tunggal)"),
        Criterion("kie_months", 1, "Melakukan KIE"),
    ],
    "berkembang": [
        Criterion("board_collective", 1, "Pengurus kolektif: ketua, sekretaris, bendahara"),
        Criterion("meeting_months", 6, "Pertemuan dengan notulen dalam ≥ 6 bulan"),
        Criterion("report_months", 9, "Laporan bulanan terkirim dalam ≥ 9 bulan"),
    ],
    "mandiri": [
        Criterion("meeting_months", 10, "Pertemuan dalam ≥ 10 bulan"),
        Criterion("poktan_active", 1, "Minimal satu kelompok BKB/BKR/BKL aktif"),
        Criterion("fund_months", 6, "Dana sendiri (iuran/arisan) tercatat dalam ≥ 6 bulan"),
        Criterion("sk_signed", 1, "SK yang ditandatangani berlaku"),
    ],
}
GRADES = ["dasar", "berkembang", "mandiri"]
