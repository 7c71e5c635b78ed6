"""Verifiable arisan draws: commit to a secret seed, reveal it at the meeting, and let anyone
recompute the winner.

The winner of period p is ``remaining[HMAC-SHA256(seed, "<cycle id>:<p>") mod len(remaining)]``
where ``remaining`` is the cycle's members who have not won yet, sorted by id. The seed's
SHA-256 was recorded before the meeting, so the treasurer could not pick a seed after seeing
who would win; the computation is shown on the verify page and re-run by
``impsmart arisan verify``.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from impsmart.funds.models import ArisanCycle, ArisanDraw


def commitment_of(seed: str) -> str:
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def draw_digest(seed: str, cycle_id: int, period: int) -> str:
    message = f"{cycle_id}:{period}".encode()
    return hmac.new(seed.encode("utf-8"), message, hashlib.sha256).hexdigest()


def winner_index(seed: str, cycle_id: int, period: int, count: int) -> int:
    return int(draw_digest(seed, cycle_id, period), 16) % count


@dataclass
class Check:
    """One draw recomputed from its recorded seed."""

    draw: ArisanDraw
    remaining: list[int]
    seed_matches: bool
    digest: str
    index: int | None
    expected: int | None

    @property
    def ok(self) -> bool:
        return self.seed_matches and self.expected == self.draw.winner_id


def recompute(cycle: ArisanCycle) -> list[Check]:
    """Every drawn period of the cycle recomputed in order, from the recorded seeds only."""
    remaining = sorted(cycle.members.values_list("pk", flat=True))
    checks = []
    for draw in cycle.draws.filter(drawn_on__isnull=False).order_by("period"):
        seed_matches = commitment_of(draw.seed) == draw.commitment
        digest = draw_digest(draw.seed, cycle.pk, draw.period)
        index = expected = None
        if remaining:
            index = int(digest, 16) % len(remaining)
            expected = remaining[index]
        checks.append(Check(draw, list(remaining), seed_matches, digest, index, expected))
        if expected is not None:
            remaining.remove(expected)
    return checks


def remaining_members(cycle: ArisanCycle):
    won = cycle.draws.filter(winner__isnull=False).values_list("winner", flat=True)
    return cycle.members.exclude(pk__in=won).order_by("pk")


def next_period(cycle: ArisanCycle) -> int:
    return cycle.draws.filter(drawn_on__isnull=False).count() + 1
