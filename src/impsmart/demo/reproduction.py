"""Two years of reproductive history for one demo PUS, built backwards from today's status.

The status of the current month is drawn first (calibrated to Gowa: mCPR about 58 % of PUS,
unmet need IAT + TIAL about 14 %, a few % unknown; method mix of Sulawesi Selatan 2021:
suntik 58 %, pil 18 %, implant 15.2 %, IUD 4.6 %, the rest MOW/MOP/kondom/MAL), then the
events that led to it: a switch, a restart after a gap, a birth before a new method, a
drop-out before an intention. Episodes never overlap, nothing follows MOW/MOP, nothing lies
in the future. Everything is plain tuples; ``demo/families.py`` turns them into rows.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate

from impsmart.families.codes import EndReason, Method, Outcome

D = dt.timedelta
# Share of PA by method (Sulawesi Selatan 2021, suntik split 1-month/3-month about 1:6).
METHOD_MIX = {
    Method.SUNTIK3: 49.7,
    Method.SUNTIK1: 8.3,
    Method.PIL: 18.0,
    Method.IMPLAN: 15.2,
    Method.IUD: 4.6,
    Method.MOW: 2.4,
    Method.MOP: 0.3,
    Method.KONDOM: 1.2,
    Method.MAL: 0.3,
}
METHODS, METHOD_CUMULATIVE = list(METHOD_MIX), list(accumulate(METHOD_MIX.values()))
REVERSIBLE = [m for m in METHODS if m not in (Method.MOW, Method.MOP, Method.MAL)]
# Longest plausible time a method has been in use today (days).
MAX_DURATION = {Method.IUD: 8 * 365, Method.IMPLAN: 3 * 365, Method.MOW: 12 * 365}
MAX_DURATION[Method.MOP] = MAX_DURATION[Method.MOW]
TYPES = {
    Method.PIL: (("COC", 0.8), ("POP", 0.2)),
    Method.IUD: (("CU_IUD", 0.9), ("LNG_IUD", 0.1)),
    Method.SUNTIK1: (("CIC", 1.0),),
    Method.SUNTIK3: (("DMPA", 1.0),),
    Method.IMPLAN: (("IMPLANT", 1.0),),
    Method.KONDOM: (("KONDOM", 1.0),),
    Method.MAL: (("MAL", 1.0),),
    Method.MOW: (("MOW", 1.0),),
    Method.MOP: (("MOP", 1.0),),
}
PLACES = {
    "pemerintah": ["puskesmas", "puskesmas", "pustu", "polindes"],
    "swasta": ["bpm", "bpm", "klinik", "apotek"],
}
DROP_REASONS = [EndReason.SIDE_EFFECT, EndReason.WANTS_CHILD, EndReason.SUPPLY, EndReason.OTHER]
PREGNANCY_DAYS = 270


@dataclass
class History:
    """Rows for one woman: episodes, pregnancies, intentions and babies born alive."""

    episodes: list[tuple] = field(default_factory=list)
    pregnancies: list[tuple] = field(default_factory=list)
    intentions: list[tuple] = field(default_factory=list)
    births: list[dt.date] = field(default_factory=list)


def current_status(rng: random.Random, age: int, children: int) -> str:
    """Today's status for a PUS of ``age`` with ``children`` living children."""
    young, old = age < 25, age >= 40
    weights = {
        "PA": 0.42 if (age < 20 or age >= 46) else 0.545,
        "H": 0.11 if young else (0.015 if old else 0.06),
        "IAS": (0.26 if children == 0 else 0.15) if not old else 0.05,
        "IAT": 0.085 if age < 35 else 0.045,
        "TIAL": 0.005 if young else (0.10 if old or children >= 3 else 0.045),
        "?": 0.035,
    }
    return rng.choices(list(weights), list(weights.values()))[0]


def pick_method(rng: random.Random, age: int, children: int) -> str:
    method = rng.choices(METHODS, cum_weights=METHOD_CUMULATIVE)[0]
    if method in (Method.MOW, Method.MOP) and (age < 30 or children < 2):
        return Method.SUNTIK3
    return method


def _episode(rng, method, start, end=None, reason="") -> tuple:
    jalur = "swasta" if rng.random() < (0.6 if method == Method.PIL else 0.3) else "pemerintah"
    if method in (Method.MOW, Method.MOP, Method.IUD, Method.IMPLAN) and rng.random() < 0.7:
        jalur = "pemerintah"
    place = "rs" if method in (Method.MOW, Method.MOP) else rng.choice(PLACES[jalur])
    types = TYPES[method]
    kind = types[0][0] if len(types) == 1 else rng.choices(*zip(*types, strict=True))[0]
    return (method, kind, start, end, reason, jalur, place)


def _birth(rng, history: History, end: dt.date) -> dt.date:
    """A pregnancy that ended on ``end``; returns its start."""
    roll = rng.random()
    outcome = Outcome.LIVE_BIRTH if roll < 0.92 else Outcome.MISCARRIAGE
    if roll >= 0.98:
        outcome = Outcome.STILLBIRTH
    days = 80 if outcome == Outcome.MISCARRIAGE else PREGNANCY_DAYS
    start = end - D(days=days)
    history.pregnancies.append((start, end, outcome))
    if outcome == Outcome.LIVE_BIRTH:
        history.births.append(end)
    return start


def _ended_before(rng, history: History, end: dt.date, reason: str, earliest: dt.date) -> None:
    """An earlier, reversible episode that ended on ``end``."""
    start = max(end - D(days=rng.randint(60, 900)), earliest)
    if start < end:
        history.episodes.append(_episode(rng, rng.choice(REVERSIBLE), start, end, reason))


def _user(rng, h: History, method: str, today, window, earliest) -> None:
    if method == Method.MAL:
        start = today - D(days=rng.randint(5, 150))
        _birth(rng, h, start - D(days=rng.randint(0, 10)))
        h.episodes.append(_episode(rng, method, start))
        return
    start = max(today - D(days=rng.randint(15, MAX_DURATION.get(method, 4 * 365))), earliest)
    h.episodes.append(_episode(rng, method, start))
    if start < window:
        return
    roll = rng.random()
    if roll < 0.35:  # ganti cara from another reversible method
        previous = rng.choice([m for m in REVERSIBLE if m != method])
        begun = max(start - D(days=rng.randint(90, 720)), earliest)
        if begun < start:
            h.episodes.append(_episode(rng, previous, begun, start, EndReason.SWITCH))
    elif roll < 0.65:  # a new acceptor after a birth
        pregnant = _birth(rng, h, start - D(days=rng.randint(40, 120)))
        if rng.random() < 0.5:
            _ended_before(rng, h, pregnant - D(days=rng.randint(20, 200)), "ingin_hamil", earliest)
    elif roll < 0.80:  # back to KB after a gap
        _ended_before(
            rng, h, start - D(days=rng.randint(100, 400)), rng.choice(DROP_REASONS), earliest
        )


def _pregnant(rng, h: History, today, earliest) -> None:
    start = today - D(days=rng.randint(7, 250))
    h.pregnancies.append((start, None, ""))
    roll = rng.random()
    if roll < 0.08:  # pregnant while using: the method failed
        begun = max(start - D(days=rng.randint(60, 600)), earliest)
        if begun < start:
            method = rng.choice([Method.PIL, Method.SUNTIK3, Method.SUNTIK1, Method.KONDOM])
            h.episodes.append(_episode(rng, method, begun, start, EndReason.FAILURE))
    elif roll < 0.55:
        _ended_before(rng, h, start - D(days=rng.randint(30, 200)), "ingin_hamil", earliest)


def _non_user(rng, h: History, status: str, today, window, earliest) -> None:
    recorded = today - D(days=rng.randint(0, (today - window).days))
    h.intentions.append((recorded, status))
    roll = rng.random()
    if status == "IAT" and roll < 0.35:  # after a recent birth, not yet back on KB
        _birth(rng, h, recorded - D(days=rng.randint(0, 200)))
    elif roll < 0.45:  # a drop-out
        _ended_before(
            rng, h, recorded - D(days=rng.randint(0, 60)), rng.choice(DROP_REASONS), earliest
        )


def history(
    rng: random.Random, age: int, children: int, today: dt.date, window: dt.date, earliest: dt.date
) -> History:
    """The woman's rows; ``window`` is the first day of the 24 months, ``earliest`` her 16th
    birthday (nothing may start before it)."""
    h = History()
    status = current_status(rng, age, children)
    if status == "PA":
        _user(rng, h, pick_method(rng, age, children), today, window, earliest)
    elif status == "H":
        _pregnant(rng, h, today, earliest)
    elif status == "?":
        if rng.random() < 0.5:
            _ended_before(
                rng, h, window - D(days=rng.randint(1, 500)), rng.choice(DROP_REASONS), earliest
            )
    else:
        _non_user(rng, h, status, today, window, earliest)
    # A very young wife: drop what would fall before her 16th birthday.
    h.pregnancies = [p for p in h.pregnancies if p[0] >= earliest]
    h.births = [b for b in h.births if b - D(days=PREGNANCY_DAYS) >= earliest]
    return h
