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

# What a criterion reads on the page.
MET, NOT_MET, NO_DATA = "met", "not_met", "no_data"
STATUS_LABELS = {MET: "terpenuhi", NOT_MET: "belum", NO_DATA: "belum ada data"}


@dataclass(frozen=True)
class Checked:
    """One criterion of one grade, measured for an institution on a day."""

    grade: str
    criterion: Criterion
    value: int | None

    @property
    def status(self) -> str:
        if self.value is None:
            return NO_DATA
        return MET if self.value >= self.criterion.threshold else NOT_MET

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Graded:
    """The grade reached (None below Dasar) and every criterion checked, grade by grade.

    A grade is reached when all its criteria and those of the grades below are met; a
    criterion without data is not met for the grade, but reads "belum ada data".
    """

    grade: str | None
    checked: list[Checked]

    def by_grade(self) -> list[tuple[str, list[Checked]]]:
        return [(g, [c for c in self.checked if c.grade == g]) for g in GRADES]

    def lacking(self) -> list[Checked]:
        """What stands between the institution and the next grade."""
        following = GRADES[GRADES.index(self.grade) + 1 :] if self.grade else GRADES
        if not following:
            return []
        return [c for c in self.checked if c.grade == following[0] and c.status != MET]


def kabupaten_of(region_code: str) -> str:
    return ".".join(region_code.split(".")[:2])


def parse_rule(criteria: dict) -> dict[str, list[Criterion]]:
    """A stored rule (JSON) as criteria; refuses an unknown grade or a malformed criterion."""
    if set(criteria) != set(GRADES):
        raise ValueError(f"Aturan harus memuat tepat: {', '.join(GRADES)}.")
    rule = {}
    for grade_code in GRADES:
        rule[grade_code] = [
            Criterion(str(c["measure"]), int(c["threshold"]), str(c["label"]))
            for c in criteria[grade_code]
        ]
    return rule


def rule_as_data(rule: dict[str, list[Criterion]]) -> dict:
    return {
        g: [{"measure": c.measure, "threshold": c.threshold, "label": c.label} for c in rule[g]]
        for g in GRADES
    }


def rule_for(region_code: str) -> dict[str, list[Criterion]]:
    """The rule of the kabupaten holding ``region_code``: its stored one, else the default."""
    from impsmart.organization.models import GradeRule

    stored = GradeRule.objects.filter(region_code=kabupaten_of(region_code)).first()
    return parse_rule(stored.criteria) if stored else DEFAULT_RULE


def grade(institution: Any, day: Any, rule: dict[str, list[Criterion]] | None = None) -> Graded:
    """The institution's grade on ``day`` under ``rule`` (default: its kabupaten's rule)."""
    rule = rule if rule is not None else rule_for(institution.region_code)
    values: dict[str, int | None] = {}
    checked = []
    for grade_code in GRADES:
        for criterion in rule[grade_code]:
            if criterion.measure not in values:
                values[criterion.measure] = measure(criterion.measure, institution, day)
            checked.append(Checked(grade_code, criterion, values[criterion.measure]))
    reached = None
    for grade_code in GRADES:
        if any(c.status != MET for c in checked if c.grade == grade_code):
            break
        reached = grade_code
    return Graded(reached, checked)
