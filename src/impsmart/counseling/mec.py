"""WHO Medical Eligibility Criteria (MEC, 5th ed.) engine for the counselling-support feature.

Pure Python (no Django) so that the CLI, the API and the tests share one implementation. The
table is the package copy in ``data/mec_table.csv``; rules follow the shared MEC README §4–§8.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .mec_facts import DAYS_PER_MONTH, MecInputError, ParsedFacts, age_band, parse_facts

__all__ = [
    "ATTRIBUTION",
    "CATEGORY_TEXT",
    "METHODS",
    "MecInputError",
    "MecRow",
    "age_band",
    "combine_category",
    "evaluate",
    "explain",
    "load_table",
    "referral",
]

# Output order of README §4 (also the order of the counselling screen).
METHODS = (
    "COC",
    "CIC",
    "POP",
    "DMPA",
    "IMPLANT",
    "CU_IUD",
    "LNG_IUD",
    "KONDOM",
    "MAL",
    "MOW",
    "MOP",
)
LETTER_METHODS = frozenset({"MOW", "MOP"})
PROCEDURE_METHODS = frozenset({"IMPLANT", "CU_IUD", "LNG_IUD", "MOW", "MOP"})
INJECTABLE_METHODS = frozenset({"CIC", "DMPA"})
# Programme policy, not MEC (README §5.3): kader do not inject, so injectables go to a bidan.
INJECTABLES_NEED_HEALTH_WORKER = True
# Most-restrictive order (README §5.1). MAL has no 1–4 scale: only "C" (caution) is printed.
SCALE = ("1", "2", "2/3", "3", "3/4", "4")
MAL_SCALE = ("1", "C")
STERILIZATION_LETTERS = ("A", "C", "D", "D/C", "S")
NOT_APPLICABLE = "NA"
SAFE_CATEGORIES = frozenset({"1", "2"})
# Mutually exclusive rows: a client has at most one of each group.
EXCLUSIVE_GROUPS = {
    "kelompok umur": ("age_",),
    "masa pascapersalinan": ("bf_", "pp_nobf_"),
    "waktu pemasangan IUD pascapersalinan": ("pp_iud_",),
    "pascakeguguran": ("postabortion_",),
    "kebiasaan merokok": ("smoking_",),
    "status HIV": ("hiv_",),
    "paritas": ("nulliparous", "parous"),
}
ATTRIBUTION = (
    "Based on WHO Medical Eligibility Criteria for Contraceptive Use, 5th ed. (2015) as "
    "summarised in Family Planning: A Global Handbook for Providers (2022), WHO/CCP."
)
CATEGORY_TEXT = {
    "1": "Boleh digunakan tanpa batasan.",
    "2": "Umumnya boleh digunakan; manfaatnya lebih besar daripada risikonya.",
    "2/3": "Kategori 2 atau 3 tergantung keparahan atau risiko klien; perlu dinilai bidan.",
    "3": "Umumnya tidak dianjurkan, kecuali tidak ada metode lain yang sesuai atau dapat "
    "diterima; perlu penilaian klinis bidan atau dokter.",
    "3/4": "Kategori 3 atau 4 tergantung keparahan; perlu penilaian klinis, bisa tidak boleh "
    "digunakan.",
    "4": "Tidak boleh digunakan.",
    "NA": "Tidak berlaku untuk kondisi klien saat ini (misalnya hamil, atau tekanan darah belum "
    "diukur); rujuk ke bidan.",
    "A": "Terima: tindakan dapat dilakukan secara rutin.",
    "C": "Hati-hati: tindakan dapat dilakukan secara rutin dengan persiapan dan kewaspadaan "
    "tambahan.",
    "D": "Tunda: tindakan ditunda sampai kondisinya dinilai atau diobati; berikan metode "
    "sementara.",
    "D/C": "Tunda bila Hb < 7 g/dl; hati-hati bila Hb 7 sampai < 10 g/dl.",
    "S": "Pengaturan khusus: oleh operator berpengalaman, dengan anestesi umum dan fasilitas "
    "pendukung yang lengkap.",
}
MAL_CAUTION_TEXT = (
    "Hati-hati: MAL boleh dipakai dengan pertimbangan khusus (ibu dengan HIV yang menyusui "
    "eksklusif sambil minum ARV); konsultasikan dengan bidan."
)
MAL_CRITERIA_TEXT = (
    "MAL hanya efektif bila ketiga syarat terpenuhi: belum haid lagi sejak melahirkan, menyusui "
    "penuh atau hampir penuh, dan bayi berumur kurang dari 6 bulan."
)
# The notes of the result, named so that the result page can show each in plain words.
NOTE_NO_EARLY_MOW_ROW = (
    "Tabel tidak memuat kategori MOW untuk < 7 hari pascapersalinan; tanyakan bidan."
)
NOTE_MAL_CRITERIA_UNMET = "Syarat MAL tidak terpenuhi (tidak menyusui, atau bayi ≥ 6 bulan)."
NOTE_MULTIPLE_CVD_RISK = (
    "Ada beberapa faktor risiko kardiovaskular; kategori tidak dijumlahkan. Bidan/dokter "
    "perlu menilai apakah kondisi 'multiple_cvd_risk' berlaku."
)
NOTE_BP_UNAVAILABLE = (
    "Tekanan darah belum diukur: di daerah dengan risiko kehamilan tinggi, pil progestin, "
    "suntik 3-bulan dan implan tidak boleh ditolak hanya karena hal ini."
)


@dataclass(frozen=True)
class MecRow:
    """One cell of the table: the category a condition gives one method, with its citation."""

    condition_id: str
    condition: str
    subcondition: str
    method: str
    category: str
    source: str


def _valid_categories(method: str) -> tuple[str, ...]:
    if method in LETTER_METHODS:
        return (*STERILIZATION_LETTERS, NOT_APPLICABLE)
    return (*(MAL_SCALE if method == "MAL" else SCALE), NOT_APPLICABLE)


@functools.cache
def load_table() -> dict[str, dict[str, MecRow]]:
    """Read the packaged table once; a malformed cell is a packaging bug, so fail loudly."""
    text = resources.files(__package__).joinpath("data", "mec_table.csv").read_text("utf-8")
    table: dict[str, dict[str, MecRow]] = {}
    for line, record in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        row = MecRow(**{key: (value or "").strip() for key, value in record.items()})
        cells = table.setdefault(row.condition_id, {})
        if row.method not in METHODS or row.category not in _valid_categories(row.method):
            raise RuntimeError(f"mec_table.csv line {line}: bad method/category {row}")
        if row.method in cells:
            raise RuntimeError(f"mec_table.csv line {line}: duplicate cell {row}")
        cells[row.method] = row
    return table


def combine_category(method: str, categories: Iterable[str]) -> str:
    """Most-restrictive rule of README §5.1; NA means the method does not apply at all."""
    values = list(categories)
    if NOT_APPLICABLE in values:
        return NOT_APPLICABLE
    if method in LETTER_METHODS:
        letters = sorted(set(values) - {"A"})
        return "+".join(letters) if letters else "A"
    scale = MAL_SCALE if method == "MAL" else SCALE
    unknown = [value for value in values if value not in scale]
    if unknown:
        raise ValueError(f"unknown category {unknown[0]!r} for {method}")
    return max(values, key=scale.index, default=scale[0])


def _sets_result(method: str, category: str, result: str) -> bool:
    if method in LETTER_METHODS and result not in ("A", NOT_APPLICABLE):
        return category in result.split("+")
    return category == result


def explain(method: str, category: str) -> str:
    """Plain-language Indonesian meaning of a combined category, for the kader and the client."""
    if method == "MAL" and category == "C":
        return MAL_CAUTION_TEXT
    return " ".join(CATEGORY_TEXT[part] for part in category.split("+"))


def _restriction(category: str) -> str | None:
    if category in SAFE_CATEGORIES or category == "A":
        return None
    if category == NOT_APPLICABLE:
        return "kategori NA: metode tidak berlaku untuk kondisi klien saat ini"
    if category in SCALE:
        return f"kategori {category} (di atas 2): perlu penilaian klinis"
    return f"kategori {category}: perlu kehati-hatian, penundaan atau pengaturan khusus"


def referral(method: str, category: str) -> dict[str, Any]:
    """What a kader may do and when a bidan is needed (README §5.3)."""
    restriction = _restriction(category)
    reasons = [restriction] if restriction else []
    if method in PROCEDURE_METHODS:
        reasons.append("pemasangan atau tindakan hanya oleh bidan/dokter")
    if method in INJECTABLE_METHODS and INJECTABLES_NEED_HEALTH_WORKER:
        reasons.append("penyuntikan oleh bidan (kebijakan program)")
    if category == "4":
        advice = "Jangan ditawarkan; bantu klien memilih metode lain dan rujuk ke bidan."
    elif restriction and method in LETTER_METHODS:
        advice = "Kader memberi konseling; rujuk ke bidan/dokter. " + explain(method, category)
    elif restriction:
        advice = "Kader tidak boleh memberikan; rujuk ke bidan untuk penilaian klinis."
    elif reasons:
        advice = "Kader boleh memberi konseling dan informasi; rujuk ke bidan untuk pelayanannya."
    else:
        advice = "Kader boleh memberi konseling dan melayani sesuai kewenangan program."
    if method == "MAL":
        advice += " " + MAL_CRITERIA_TEXT
    return {
        "refer": bool(reasons),
        "provider": "bidan" if reasons else "kader",
        "reasons": reasons,
        "advice": advice,
    }


def _resolve_id(condition_id: str, phase: str, table: Mapping[str, Any]) -> str:
    """Accept a split condition without its __init/__cont suffix and apply the client's phase."""
    if condition_id in table:
        return condition_id
    phased = f"{condition_id}__{'init' if phase == 'initiation' else 'cont'}"
    if phased in table:
        return phased
    close = difflib.get_close_matches(condition_id, list(table), n=3)
    hint = f" Mungkin maksudnya: {', '.join(close)}." if close else ""
    raise MecInputError(
        f"Kode kondisi '{condition_id}' tidak ada di tabel MEC.{hint} Periksa ejaannya.",
        "conditions",
    )


def _check_exclusive(condition_ids: list[str]) -> None:
    """Two rows of one group (e.g. two age bands) mean the facts contradict each other."""
    for label, prefixes in EXCLUSIVE_GROUPS.items():
        members = [cid for cid in condition_ids if cid.startswith(prefixes)]
        if len(members) > 1:
            raise MecInputError(
                f"Kondisi {' dan '.join(members)} saling bertentangan ({label}); sisakan satu "
                "saja, atau perbaiki isian yang menghasilkannya (misalnya 'age').",
                "conditions",
            )
    bases = [cid.split("__")[0] for cid in condition_ids if "__" in cid]
    twice = sorted({base for base in bases if bases.count(base) > 1})
    if twice:
        raise MecInputError(
            f"Kondisi '{twice[0]}' diisi untuk mulai (__init) dan lanjut (__cont) sekaligus; "
            "pilih salah satu.",
            "conditions",
        )


def resolve_conditions(parsed: ParsedFacts) -> list[str]:
    """Table rows for the client, in input order, without duplicates."""
    table = load_table()
    resolved: list[str] = []
    for condition_id in parsed.derived + parsed.explicit:
        row_id = _resolve_id(condition_id, parsed.phase, table)
        if row_id not in resolved:
            resolved.append(row_id)
    _check_exclusive(resolved)
    return resolved


def _notes(parsed: ParsedFacts, condition_ids: list[str]) -> list[str]:
    """Caveats the source states (README §4–§5) that must reach the user, not become rules."""
    notes = list(parsed.notes)
    hours = parsed.postpartum_hours
    if hours is not None and hours < 7 * 24:
        notes.append(NOTE_NO_EARLY_MOW_ROW)
    if parsed.breastfeeding is False or (hours is not None and hours >= 6 * DAYS_PER_MONTH * 24):
        notes.append(NOTE_MAL_CRITERIA_UNMET)
    risk = [
        (parsed.age or 0) >= 35,
        any(cid.startswith("smoking_") for cid in condition_ids),
        any(cid.startswith(("htn_", "diabetes_")) for cid in condition_ids),
    ]
    if sum(risk) >= 2 and "multiple_cvd_risk" not in condition_ids:
        notes.append(NOTE_MULTIPLE_CVD_RISK)
    if "bp_unavailable" in condition_ids:
        notes.append(NOTE_BP_UNAVAILABLE)
    return notes


def evaluate(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Combined MEC category per method for one client, with explanations, referral and sources.

    Raises MecInputError (a ValueError with an Indonesian message) on invalid facts.
    """
    parsed = parse_facts(facts)
    condition_ids = resolve_conditions(parsed)
    table = load_table()
    methods: dict[str, str] = {}
    sources: dict[str, list[dict[str, str]]] = {}
    for method in METHODS:
        rows = [table[cid][method] for cid in condition_ids if method in table[cid]]
        result = combine_category(method, (row.category for row in rows))
        methods[method] = result
        sources[method] = [
            {"condition_id": row.condition_id, "category": row.category, "source": row.source}
            for row in rows
            if _sets_result(method, row.category, result)
        ]
    return {
        "methods": methods,
        "conditions": condition_ids,
        "phase": parsed.phase,
        "age_band": age_band(parsed.age) if parsed.age is not None else None,
        "explanations": {method: explain(method, cat) for method, cat in methods.items()},
        "referral": {method: referral(method, cat) for method, cat in methods.items()},
        "sources": sources,
        "notes": _notes(parsed, condition_ids),
        "attribution": ATTRIBUTION,
    }
