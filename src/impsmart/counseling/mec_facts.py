"""Client facts of the counselling form (shared MEC README §8) -> MEC table condition ids.

Validation is strict on purpose: a fact that is silently ignored or misread would give a client a
wrong eligibility category. Every error names the field and says, in Indonesian, what to fix.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class MecInputError(ValueError):
    """Client facts the engine cannot use; the message (Indonesian) says what to fix."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# Facts that are plain yes/no and map to one condition row (None: used by other rules).
BOOLEAN_FACTS: dict[str, str | None] = {
    "young_age": "young_age",
    "breastfeeding": None,
    "vte_risk_factors": None,
    "puerperal_sepsis": "puerperal_sepsis",
    "past_ectopic": "past_ectopic",
    "smoking": None,
    "stroke": "stroke_hx",
    "unexplained_vaginal_bleeding": "unexplained_bleeding",
    "latex_allergy": "latex_allergy",
}

# Facts with a fixed set of answers; rows without __init/__cont get the phase suffix later.
CHOICE_FACTS: dict[str, dict[str, str]] = {
    "parity": {"nulliparous": "nulliparous", "parous": "parous"},
    "postabortion": {
        "first_trimester": "postabortion_t1",
        "second_trimester": "postabortion_t2",
        "septic": "postabortion_septic",
    },
    "hypertension": {"controlled": "htn_controlled"},
    "dvt": {"history": "dvt_hx", "acute": "dvt_acute"},
    "ihd": {"current": "ihd_current"},
    "breast_cancer": {"current": "breast_cancer_current"},
    "cervical_cancer": {"awaiting_treatment": "cervical_cancer"},
    "pid": {"current": "pid_current"},
    "sti": {"cervicitis_chlamydia_gonorrhoea": "sti_cervicitis_ct_gc"},
    "hiv": {"high_risk": "hiv_high_risk", "stage1-2": "hiv_stage12", "stage3-4": "hiv_stage34"},
    "diabetes": {"organ_damage": "diabetes_organ_damage"},
    "gallbladder": {"current": "gallbladder_current"},
    "drug": {"rifampicin": "rifampicin", "anticonvulsant": "anticonvulsants"},
    "tb": {"pelvic": "tb_pelvic", "non_pelvic": "tb_nonpelvic"},
    "anaemia": {"sickle_cell": "sickle_cell"},
}

HOURS_PER_DAY = 24
DAYS_PER_MONTH = 365.25 / 12
POSTPARTUM_UNITS: dict[str, float] = {
    "postpartum_hours": 1,
    "postpartum_days": HOURS_PER_DAY,
    "postpartum_weeks": 7 * HOURS_PER_DAY,
    "postpartum_months": DAYS_PER_MONTH * HOURS_PER_DAY,
}
OTHER_FACTS = {"age", "phase", "cigarettes_per_day", "bmi", "bp", "headache", "conditions"}
KNOWN_FACTS = frozenset(BOOLEAN_FACTS).union(CHOICE_FACTS, POSTPARTUM_UNITS, OTHER_FACTS)
PHASES = ("initiation", "continuation")
AGE_RANGE = (10, 100)
MAX_POSTPARTUM_HOURS = 10 * 365.25 * HOURS_PER_DAY
NOTE_SINGLE_BP_READING = (
    "Satu kali pengukuran tekanan darah tidak cukup untuk menetapkan hipertensi."
)
_BP_PATTERN = re.compile(r"^\s*(\d{2,3})\s*/\s*(\d{2,3})\s*$")


@dataclass(frozen=True)
class ParsedFacts:
    """Validated facts: derived condition ids (phase suffix not yet applied) plus context."""

    derived: list[str]
    explicit: list[str]
    phase: str = "initiation"
    age: int | None = None
    breastfeeding: bool | None = None
    postpartum_hours: float | None = None
    notes: list[str] = field(default_factory=list)


def age_band(age: int) -> str:
    """Normalised band of README §4: 18, 20 and 40 open the upper band, 45 is still 40–45."""
    if age < 18:
        return "age_lt18"
    if age < 20:
        return "age_18_19"
    if age < 40:
        return "age_20_39"
    if age <= 45:
        return "age_40_45"
    return "age_gt45"


def parse_facts(facts: Mapping[str, Any]) -> ParsedFacts:
    """Validate the whole form first, so the client gets every rule from one consistent set."""
    if not isinstance(facts, Mapping):
        raise MecInputError('Data klien harus berupa objek JSON, misalnya {"age": 25}.')
    unknown = sorted(set(facts) - KNOWN_FACTS)
    if unknown:
        raise MecInputError(
            f"Isian tidak dikenal: {', '.join(unknown)}. Periksa ejaannya; isian yang diterima: "
            f"{', '.join(sorted(KNOWN_FACTS))}.",
            unknown[0],
        )
    age = _age(facts)
    derived = [age_band(age)] if age is not None else []
    for key, condition in BOOLEAN_FACTS.items():
        if _boolean(facts, key) and condition:
            derived.append(condition)
    for key in CHOICE_FACTS:
        derived.extend(_choices(facts, key))
    pp_rows, hours = _postpartum(facts)
    derived += pp_rows + _smoking(facts, age) + _headache(facts, age) + _body(facts)
    notes = []
    if any(row in ("htn_140_159", "htn_160plus") for row in derived):
        notes.append(NOTE_SINGLE_BP_READING)
    return ParsedFacts(
        derived=derived,
        explicit=_explicit(facts),
        phase=_phase(facts),
        age=age,
        breastfeeding=_boolean(facts, "breastfeeding"),
        postpartum_hours=hours,
        notes=notes,
    )


def _boolean(facts: Mapping[str, Any], key: str) -> bool | None:
    value = facts.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise MecInputError(f"Isian '{key}' harus true (ya) atau false (tidak), bukan {value!r}.", key)


def _number(facts: Mapping[str, Any], key: str, low: float, high: float) -> float | None:
    """Numbers must be JSON numbers: a string such as "25" is more likely a form bug."""
    value = facts.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise MecInputError(f"Isian '{key}' harus berupa angka, bukan {value!r}.", key)
    if value < 0:
        raise MecInputError(
            f"Isian '{key}' tidak boleh negatif ({value}); isi angka {low}–{high}.", key
        )
    if not low <= value <= high:
        raise MecInputError(
            f"Isian '{key}' = {value} di luar rentang yang masuk akal ({low}–{high}); periksa "
            "kembali nilainya.",
            key,
        )
    return value


def _age(facts: Mapping[str, Any]) -> int | None:
    value = _number(facts, "age", *AGE_RANGE)
    if value is None:
        return None
    if value != int(value):
        raise MecInputError(
            f"Umur ('age') harus dalam tahun penuh (bilangan bulat), bukan {value}.", "age"
        )
    return int(value)


def _choices(facts: Mapping[str, Any], key: str) -> list[str]:
    """False/None mean "no"; 'drug' may list several medicines."""
    value = facts.get(key)
    if value is None or value is False:
        return []
    values = value if key == "drug" and isinstance(value, list) else [value]
    options = CHOICE_FACTS[key]
    for item in values:
        if not isinstance(item, str) or item not in options:
            raise MecInputError(
                f"Isian '{key}' = {item!r} tidak dikenal; pilih salah satu: "
                f"{', '.join(options)} (atau kosongkan bila tidak ada).",
                key,
            )
    return [options[item] for item in values]


def _phase(facts: Mapping[str, Any]) -> str:
    value = facts.get("phase", "initiation")
    if value not in PHASES:
        raise MecInputError(
            f"Isian 'phase' = {value!r} tidak dikenal; pilih 'initiation' (mulai memakai) atau "
            "'continuation' (kondisi muncul saat sudah memakai).",
            "phase",
        )
    return value


def _explicit(facts: Mapping[str, Any]) -> list[str]:
    value = facts.get("conditions", [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise MecInputError(
            "Isian 'conditions' harus berupa daftar kode kondisi, misalnya [\"obesity_bmi30\"].",
            "conditions",
        )
    return [item.strip() for item in value]


def _postpartum(facts: Mapping[str, Any]) -> tuple[list[str], float | None]:
    """One hormonal row (bf_*/pp_nobf_*) and one IUD-timing row, plus MOW delay at 7–41 days."""
    given = [key for key in POSTPARTUM_UNITS if facts.get(key) is not None]
    breastfeeding = _boolean(facts, "breastfeeding")
    if len(given) > 1:
        raise MecInputError(
            f"Lama pascapersalinan diisi lebih dari sekali ({', '.join(given)}); isi satu saja.",
            given[1],
        )
    if not given:
        if breastfeeding:
            raise MecInputError(
                "Ibu menyusui ('breastfeeding': true): isi juga lama pascapersalinan "
                "(postpartum_weeks, postpartum_days, postpartum_hours atau postpartum_months).",
                "breastfeeding",
            )
        return [], None
    if breastfeeding is None:
        raise MecInputError(
            "Isi juga 'breastfeeding' (true/false): kategori pascapersalinan berbeda untuk ibu "
            "yang menyusui dan yang tidak.",
            "breastfeeding",
        )
    if facts.get("postabortion"):
        raise MecInputError(
            "Isian pascapersalinan dan 'postabortion' tidak bisa diisi bersamaan; pilih yang "
            "sesuai dengan kehamilan terakhir.",
            "postabortion",
        )
    unit = POSTPARTUM_UNITS[given[0]]
    hours = _number(facts, given[0], 0, round(MAX_POSTPARTUM_HOURS / unit)) * unit
    vte = bool(_boolean(facts, "vte_risk_factors"))
    rows = [_postpartum_hormonal(hours / HOURS_PER_DAY, breastfeeding, vte)]
    rows.append(_postpartum_iud(hours, breastfeeding))
    if 7 * HOURS_PER_DAY <= hours < 42 * HOURS_PER_DAY:
        rows.append("pp_mow_7_41d")
    return rows, hours


def _postpartum_hormonal(days: float, breastfeeding: bool, vte: bool) -> str:
    """Day 42 (non-breastfeeding) stays in 21–42 as §8 says; see the README's boundary caution."""
    if breastfeeding:
        if days < 42:
            return "bf_lt6w"
        return "bf_6w_6m" if days < 6 * DAYS_PER_MONTH else "bf_6m_plus"
    suffix = "_vte" if vte else ""
    if days < 21:
        return "pp_nobf_lt21d" + suffix
    return "pp_nobf_21_42d" + suffix if days <= 42 else "pp_nobf_gt42d"


def _postpartum_iud(hours: float, breastfeeding: bool) -> str:
    if hours < 48:
        return "pp_iud_lt48h_bf" if breastfeeding else "pp_iud_lt48h_nobf"
    return "pp_iud_48h_4w" if hours < 28 * HOURS_PER_DAY else "pp_iud_4w_plus"


def _smoking(facts: Mapping[str, Any], age: int | None) -> list[str]:
    smoking = _boolean(facts, "smoking")
    per_day = _number(facts, "cigarettes_per_day", 0, 200)
    if not smoking:
        if per_day:
            raise MecInputError(
                "'cigarettes_per_day' diisi tetapi 'smoking' bukan true; perbaiki salah satunya.",
                "smoking",
            )
        return []
    if age is None:
        raise MecInputError("Klien merokok: isi juga 'age' (umur <35 atau ≥35).", "age")
    if age < 35:
        return ["smoking_lt35"]
    if per_day is None:
        raise MecInputError(
            "Klien merokok dan berumur ≥35: isi juga 'cigarettes_per_day' (batang per hari).",
            "cigarettes_per_day",
        )
    return ["smoking_35plus_lt15" if per_day < 15 else "smoking_35plus_15plus"]


def _headache(facts: Mapping[str, Any], age: int | None) -> list[str]:
    value = facts.get("headache")
    if value is None or value is False:
        return []
    if value == "migraine_with_aura":
        return ["migraine_aura"]
    if value != "migraine_without_aura":
        raise MecInputError(
            f"Isian 'headache' = {value!r} tidak dikenal; pilih 'migraine_with_aura' atau "
            "'migraine_without_aura'.",
            "headache",
        )
    if age is None:
        raise MecInputError("Migrain tanpa aura: isi juga 'age' (umur <35 atau ≥35).", "age")
    return ["migraine_noaura_lt35" if age < 35 else "migraine_noaura_35plus"]


def _body(facts: Mapping[str, Any]) -> list[str]:
    """BMI and one blood-pressure reading; thresholds of README §8."""
    rows = []
    bmi = _number(facts, "bmi", 10, 80)
    if bmi is not None and bmi >= 30:
        rows.append("obesity_bmi30")
    bp = facts.get("bp")
    if bp is None:
        return rows
    match = _BP_PATTERN.match(bp) if isinstance(bp, str) else None
    systolic, diastolic = (int(match[1]), int(match[2])) if match else (0, 0)
    if not (60 <= systolic <= 300 and 30 <= diastolic <= 200 and diastolic < systolic):
        raise MecInputError(
            f"Isian 'bp' = {bp!r} tidak valid; tulis sistolik/diastolik dalam mmHg, misalnya "
            '"120/80".',
            "bp",
        )
    if systolic >= 160 or diastolic >= 100:
        rows.append("htn_160plus")
    elif systolic >= 140 or diastolic >= 90:
        rows.append("htn_140_159")
    return rows
