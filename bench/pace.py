"""The machine's pace at the start and at the end of a run: one fixed piece of work, timed.

This machine's cores are shared, and its speed changes from one hour to the next: the same
code rendered a cadre's visit list in 51 ms in one full run and in 21 ms an hour later, and
every figure of a run moved with it. ``machine_pace_ms_start`` and ``machine_pace_ms_end``
time the same work of the kind the server does (Python tuples and dictionaries, an SQLite
table in memory) before the first benchmark and after the last, the best of ``REPEAT``: a run
whose pace is above another's ran on a slower machine, and the end's ratio to the start shows
a change during the run. Neither is a target.
"""

from __future__ import annotations

import sqlite3

from bench.duckdb_reference import best_seconds

ROWS = 50_000
REPEAT = 3


def work() -> int:
    """Group ``ROWS`` made-up members by region and status, in Python and in SQLite."""
    rows = [(pk, f"73.06.{pk % 18:02d}.{pk % 997:04d}", pk % 7) for pk in range(ROWS)]
    by_region: dict[str, list[tuple[int, int]]] = {}
    for pk, region, status in rows:
        by_region.setdefault(region, []).append((status, pk))
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE TABLE member (pk INTEGER PRIMARY KEY, region TEXT, status INTEGER)")
        db.executemany("INSERT INTO member VALUES (?, ?, ?)", rows)
        query = "SELECT region, status, count(*) FROM member GROUP BY region, status"
        groups = db.execute(query).fetchall()
    finally:
        db.close()
    return len(by_region) + len(groups)


def pace(when: str, start: dict | None = None) -> dict:
    """``machine_pace_ms_<when>``; at the end, ``start`` (the start's figure) is its
    reference and the ratio the change during the run."""
    seconds, _ = best_seconds(work, REPEAT)
    value = round(seconds * 1000, 2)
    reference = start["value"] if start else None
    ratio = round(value / reference, 3) if reference else None
    return {
        "name": f"machine_pace_ms_{when}",
        "value": value,
        "unit": "ms",
        "reference": reference,
        "ratio": ratio,
    }
