"""The MEC result as a cadre reads it: methods grouped by what she may do, reasons in words.

Built at display time from the stored engine result (``Counseling.result``, the contract of
``impsmart mec``), so every word comes from ``mec_labels`` in the reader's language; engine ids
and page references stay in the JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from impsmart.families import codes

from . import mec
from .mec_labels import (
    CATEGORY_MEANINGS,
    CATEGORY_WORDS,
    MAL_CAUTION,
    MAL_CRITERIA,
    METHOD_NAMES,
    NOTES,
    condition_phrase,
)

# The summary's groups in reading order: what the cadre may do with a method.
GROUPS = {
    "ok": _("Boleh"),
    "watch": _("Boleh, perlu pantau"),
    "assess": _("Perlu bidan/dokter menilai"),
    "no": _("Jangan"),
    "na": _("Tidak berlaku saat ini"),
}
# A split cell (2/3, 3/4) is for the bidan to settle; its colour warns when it may be a 4.
GROUP_OF = {
    "1": "ok",
    "A": "ok",
    "2": "watch",
    "C": "watch",
    "2/3": "assess",
    "3": "assess",
    "3/4": "assess",
    "D": "assess",
    "D/C": "assess",
    "S": "assess",
    "4": "no",
    "NA": "na",
}
COLOUR_OF = {**GROUP_OF, "3/4": "no"}
LETTERS = frozenset({"A", "C", "D", "D/C", "S"})
UNRESTRICTED = frozenset({"1", "A"})
ACTIONS = {
    "no": _("Jangan ditawarkan. Bantu klien memilih metode lain."),
    "assess": _("Kader tidak memberikannya. Rujuk ke bidan/dokter untuk dinilai."),
    "na": _("Tidak ditawarkan sekarang."),
    "procedure": _("Kader memberi informasi; pemasangan atau tindakan oleh bidan/dokter."),
    "injectable": _("Kader memberi informasi; penyuntikan oleh bidan."),
    "kader": _("Kader boleh memberi informasi dan melayani sesuai kewenangan program."),
}
# The register's programme code of each WHO MEC method type (domain.md §3).
PROGRAMME_METHOD = {
    mec_type: str(method) for method, types in codes.METHOD_TYPES.items() for mec_type in types
}


@dataclass(frozen=True)
class MethodResult:
    """One method of the result in words: its category's group, colour, word and meaning."""

    method: str
    name: str
    category: str
    group: str
    colour: str
    label: str
    meaning: str
    reasons: list[str]
    action: str
    refer: bool

    @property
    def anchor(self) -> str:
        return self.method.lower().replace("_", "-")

    @property
    def programme(self) -> str:
        return PROGRAMME_METHOD[self.method]


@dataclass(frozen=True)
class Screening:
    """A counselling's screening: its methods, the conditions screened and the caveats."""

    methods: list[MethodResult]
    conditions: list[str]
    notes: list[str]

    @property
    def groups(self) -> list[tuple[str, Any, list[MethodResult]]]:
        """(group, title, methods) for each group that has a method, in reading order."""
        grouped = [
            (key, title, [m for m in self.methods if m.group == key])
            for key, title in GROUPS.items()
        ]
        return [group for group in grouped if group[2]]


def screening(result: dict[str, Any]) -> Screening | None:
    """The readable result of a stored engine result; None for a counselling without one."""
    if not result:
        return None
    notes = result.get("notes", [])
    mal_unmet = mec.NOTE_MAL_CRITERIA_UNMET in notes
    return Screening(
        methods=[_method(method, result, mal_unmet) for method in mec.METHODS],
        conditions=[condition_phrase(cid) for cid in result["conditions"]],
        notes=[str(NOTES.get(note, note)) for note in notes],
    )


def _method(method: str, result: dict[str, Any], mal_unmet: bool) -> MethodResult:
    category = result["methods"][method]
    parts = category.split("+")
    group = _worst(GROUP_OF[part] for part in parts)
    colour = _worst(COLOUR_OF[part] for part in parts)
    label = ", ".join(
        f"{part} · {CATEGORY_WORDS[part]}" if part in LETTERS else str(CATEGORY_WORDS[part])
        for part in parts
    )
    if method == "MAL" and category == "C":
        meaning = f"{MAL_CAUTION} {MAL_CRITERIA}"
    elif method == "MAL":
        meaning = f"{CATEGORY_MEANINGS[category]} {MAL_CRITERIA}"
    else:
        meaning = " ".join(str(CATEGORY_MEANINGS[part]) for part in parts)
    if method == "MAL" and mal_unmet:  # LAM protects no one whose criteria fail
        group, colour, label = "na", "na", str(CATEGORY_WORDS["NA"])
        meaning = str(NOTES[mec.NOTE_MAL_CRITERIA_UNMET])
    reasons = [] if category in UNRESTRICTED else _reasons(result["sources"][method])
    return MethodResult(
        method=method,
        name=str(METHOD_NAMES[method]),
        category=category,
        group=group,
        colour=colour,
        label=label,
        meaning=meaning,
        reasons=reasons,
        action=str(_action(method, group)),
        refer=result["referral"][method]["refer"] and group in ("ok", "watch", "assess"),
    )


def _worst(groups: Iterable[str]) -> str:
    return max(groups, key=list(GROUPS).index)


def _reasons(sources: list[dict[str, str]]) -> list[str]:
    phrases = [condition_phrase(source["condition_id"]) for source in sources]
    return list(dict.fromkeys(phrases))


def _action(method: str, group: str) -> Any:
    if group in ("no", "assess", "na"):
        return ACTIONS[group]
    if method in mec.PROCEDURE_METHODS:
        return ACTIONS["procedure"]
    if method in mec.INJECTABLE_METHODS:
        return ACTIONS["injectable"]
    return ACTIONS["kader"]
