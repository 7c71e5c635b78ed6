"""Scores of the tests and the knowledge gain of a workshop (paired participants only).

A gain is reported only for participants who took both tests: a mean over everyone who took
the pre-test would rise when the weakest leave (the dropout bias of gain scores).
"""

from __future__ import annotations

from statistics import mean
from typing import Any

from impsmart.training import book


def score(question_ids: list[str], answers: dict[str, int]) -> tuple[int, dict[str, list[int]]]:
    """Correct answers in all, and ``{module: [correct, total]}``."""
    bank = book.questions()
    by_module: dict[str, list[int]] = {}
    correct = 0
    for qid in question_ids:
        question = bank[qid]
        right = answers.get(qid) == question.answer
        cell = by_module.setdefault(question.chapter, [0, 0])
        cell[0] += right
        cell[1] += 1
        correct += right
    return correct, by_module


def _percent(cell: list[int] | None) -> float | None:
    return 100 * cell[0] / cell[1] if cell and cell[1] else None


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def participant_rows(participants: list[Any]) -> list[dict]:
    """Per participant: pre and post percent, gain, and gain per module."""
    rows = []
    for p in participants:
        attempts = {a.phase: a for a in p.attempts.all()}
        pre, post = attempts.get("pre"), attempts.get("post")
        row = {
            "participant": p,
            "pre": rounded(pre.percent) if pre else None,
            "post": rounded(post.percent) if post else None,
            "gain": rounded(post.percent - pre.percent) if pre and post else None,
            "modules": {},
        }
        if pre and post:
            for module, cell in post.by_module.items():
                before = _percent(pre.by_module.get(module))
                if before is not None:
                    row["modules"][module] = rounded(_percent(cell) - before)
        rows.append(row)
    return rows


def summary(rows: list[dict]) -> dict:
    """Paired n, means and gain; per module, the mean gain."""
    paired = [r for r in rows if r["gain"] is not None]
    modules: dict[str, list[float]] = {}
    for r in paired:
        for module, gain in r["modules"].items():
            modules.setdefault(module, []).append(gain)
    return {
        "participants": len(rows),
        "paired": len(paired),
        "pre_mean": rounded(mean(r["pre"] for r in paired)) if paired else None,
        "post_mean": rounded(mean(r["post"] for r in paired)) if paired else None,
        "gain": rounded(mean(r["gain"] for r in paired)) if paired else None,
        "modules": {m: rounded(mean(g)) for m, g in modules.items()},
    }
