"""Each cadre's competence in the six IMP roles: training (modules passed) and practice.

Training: the role's chapter passed in a workshop post-test (at least ``PASS_MARK`` of that
module's questions) or in the chapter's self-quiz (every question right). Practice comes from
what the system holds: an app registers, per role, a provider ``(users, day) -> user ids``
naming the cadres who practise that role in the 12 months up to ``day``
(``@practice(4)`` in its own module, imported by its AppConfig's ``ready``). A role nobody
provides for reads "none" from practice. This app provides roles 1, 3 and 4
(``training/practice.py``); the meetings, groups and funds apps provide 2, 5 and 6.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

ROLES = {
    "1": _("Pengorganisasian"),
    "2": _("Pertemuan"),
    "3": _("KIE dan konseling"),
    "4": _("Pencatatan dan pelaporan"),
    "5": _("Pelayanan kegiatan"),
    "6": _("Kemandirian"),
}
# Chapter (module) of the Smart Book teaching each role.
ROLE_CHAPTERS = {
    "1": "01-pengorganisasian",
    "2": "02-pertemuan",
    "3": "03-kie-konseling",
    "4": "04-pencatatan-pelaporan",
    "5": "05-pelayanan-kegiatan",
    "6": "06-kemandirian",
}
PASS_MARK = 0.7
LEVELS = ("none", "trained", "practising", "both")
LEVEL_LABELS = {
    "none": _("belum"),
    "trained": _("terlatih"),
    "practising": _("mempraktikkan"),
    "both": _("terlatih dan mempraktikkan"),
}

Provider = Callable[[list[Any], dt.date], set[int]]
_PROVIDERS: dict[str, Provider] = {}


def practice(role: int | str) -> Callable[[Provider], Provider]:
    """Registers the function naming the cadres who practise ``role``."""
    key = str(role)
    if key not in ROLES:
        raise ValueError(f"Peran {role!r} tidak ada (1–6).")

    def register(function: Provider) -> Provider:
        if key in _PROVIDERS and _PROVIDERS[key] is not function:
            raise ValueError(f"Praktik peran {key} sudah didaftarkan.")
        _PROVIDERS[key] = function
        return function

    return register


def practising(role: str, users: list[Any], day: dt.date) -> set[int]:
    provider = _PROVIDERS.get(role)
    return provider(users, day) if provider and users else set()


def passed_modules(users: Iterable[Any]) -> dict[int, set[str]]:
    """Chapters each user passed, by user id."""
    from impsmart.training.models import Attempt, Phase, QuizResult

    ids = [u.pk for u in users]
    passed: dict[int, set[str]] = {pk: set() for pk in ids}
    attempts = Attempt.objects.filter(
        phase=Phase.POST, participant__user_id__in=ids, participant__attended=True
    ).values_list("participant__user_id", "by_module")
    for user_id, by_module in attempts:
        passed[user_id] |= {m for m, (c, t) in by_module.items() if t and c / t >= PASS_MARK}
    quizzes = QuizResult.objects.filter(user_id__in=ids).values_list(
        "user_id", "chapter", "correct", "total"
    )
    for user_id, chapter, correct, total in quizzes:
        if total and correct == total:
            passed[user_id].add(chapter)
    return passed


def level(trained: bool, practised: bool) -> str:
    return LEVELS[trained + 2 * practised]


def profiles(users: Iterable[Any], day: dt.date) -> dict[int, dict[str, str]]:
    """``{user id: {"1".."6": "none"|"trained"|"practising"|"both"}}``."""
    users = list(users)
    passed = passed_modules(users)
    practised = {role: practising(role, users, day) for role in ROLES}
    return {
        u.pk: {
            role: level(ROLE_CHAPTERS[role] in passed[u.pk], u.pk in practised[role])
            for role in ROLES
        }
        for u in users
    }


def next_modules(profile: dict[str, str]) -> list[str]:
    """The chapters of the roles not yet trained, in role order."""
    return [ROLE_CHAPTERS[r] for r, value in profile.items() if value in ("none", "practising")]
