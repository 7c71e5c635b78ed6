"""The machine's pace during a run: one fixed piece of work, timed before each benchmark.

This machine's cores are shared, and its speed changes from one hour to the next: the same
code rendered a cadre's visit list in 51 ms in one full run and in 21 ms an hour later, and
every figure of a run moved with it. ``measured`` times the same work of the kind the server
does (Python tuples and dictionaries, an SQLite table in memory; the best of ``REPEAT``) in a
new Python process, before each benchmark and after the last, and prints it to stderr; the
runner closes its figures with ``machine_pace_ms_start``, ``machine_pace_ms_end`` and
``machine_pace_ms_slowest`` (``runner.paced``). A run whose pace is above another's ran on a
slower machine, and a slowest pace well above the fastest shows a change during the run.
None is a target.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from bench.timing import best_seconds

REPO = Path(__file__).resolve().parent.parent

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


def measured(before: str) -> float:
    """The pace in ms now, timed in a new Python process (the machine's, not that of the
    benchmarks' process and what it holds by then), printed to stderr with what comes next."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.pace"], cwd=REPO, capture_output=True, text=True,
        check=True, timeout=120,
    )  # fmt: skip
    ms = round(float(done.stdout), 2)
    print(f"  machine pace before {before}: {ms:.1f} ms", file=sys.stderr)
    return ms


if __name__ == "__main__":
    print(best_seconds(work, REPEAT)[0] * 1000)
