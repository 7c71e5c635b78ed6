"""The machine's pace during a run: one fixed piece of work, timed before each benchmark.

This machine's cores are shared, and its speed changes from one hour to the next: the same
code rendered a cadre's visit list in 51 ms in one full run and in 21 ms an hour later, and
every figure of a run moved with it. ``measured`` times the same work of the kind the server
does (Python tuples and dictionaries, an SQLite table in memory; the best of ``REPEAT``) in a
new Python process, before each benchmark and after the last, and prints it to stderr;
``machine_pace_ms_start``, ``machine_pace_ms_end`` and ``machine_pace_ms_slowest`` close the
figures. A run whose pace is above another's ran on a slower machine, and a slowest pace
well above the fastest shows a change during the run. None is a target.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

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


def best_ms() -> float:
    """The fastest of ``REPEAT`` runs of ``work``, in ms."""
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def measured(before: str) -> float:
    """The pace in ms now, timed in a new Python process (the machine's, not that of the
    benchmarks' process and what it holds by then), printed to stderr with what comes next."""
    done = subprocess.run(
        [sys.executable, __file__], capture_output=True, text=True, check=True, timeout=120
    )
    ms = float(done.stdout)
    print(f"  machine pace before {before}: {ms:.1f} ms", file=sys.stderr)
    return ms


def figures(paces: list[float]) -> list[dict]:
    """``machine_pace_ms_start`` (before the first benchmark), ``machine_pace_ms_end``
    (after the last; its reference is the start) and ``machine_pace_ms_slowest`` (of those
    taken before each benchmark and at the end; its reference is the fastest of them)."""
    return [
        _figure("start", paces[0], None),
        _figure("end", paces[-1], paces[0]),
        _figure("slowest", max(paces), min(paces)),
    ]


def _figure(when: str, value: float, reference: float | None) -> dict:
    value, reference = round(value, 2), (round(reference, 2) if reference else None)
    return {
        "name": f"machine_pace_ms_{when}",
        "value": value,
        "unit": "ms",
        "reference": reference,
        "ratio": round(value / reference, 3) if reference else None,
    }


if __name__ == "__main__":
    print(best_ms())
