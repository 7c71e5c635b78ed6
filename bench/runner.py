"""Finds the ``bench_*.py`` modules, runs each ``run(ctx)``, and checks what they return.

Each module returns a list of ``{"name", "value", "unit", "reference", "ratio"}``; ``reference``
and ``ratio`` (value / reference) are ``None`` unless a reference computation ran beside it.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import pace

KEYS = {"name", "value", "unit", "reference", "ratio"}
HERE = Path(__file__).resolve().parent


@dataclass
class Context:
    """What every benchmark gets: the prepared database is Django's default connection."""

    families: int
    kabupaten: str
    workdir: Path
    repeat: int = 3
    password: str = ""  # the demo accounts' password (bench_load logs in as them)
    load_clients: int = 50
    load_seconds: float = 60.0
    timings: dict[str, float] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name, default)


def modules(only: list[str] | None = None) -> list[Any]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        names = [n for n in names if n in only or n.removeprefix("bench_") in only]
    found = [importlib.import_module(f"bench.{name}") for name in names]
    # A module with ``ORDER = 1`` (it leaves rows behind) runs after the others.
    return sorted(found, key=lambda module: getattr(module, "ORDER", 0))


def check(module: str, result: dict) -> dict:
    if set(result) != KEYS:
        raise ValueError(f"{module}: a benchmark must have exactly the keys {sorted(KEYS)}")
    value = result["value"]
    # A count (errors, lost writes) may be zero; every other figure is positive.
    least_ok = 0 if result["unit"] == "count" else 1e-12
    if not isinstance(value, (int, float)) or value < least_ok:
        raise ValueError(f"{module}: {result['name']} has no positive value")
    return result


def run_all(ctx: Context, only: list[str] | None = None) -> list[dict]:
    """Every module's figures, then the machine's pace (``bench/pace.py``), taken before
    each module and after the last."""
    results, paces = [], []
    for module in modules(only):
        paces.append(pace.measured(module.__name__.removeprefix("bench.")))
        started = time.perf_counter()
        for result in module.run(ctx):
            results.append(check(module.__name__, result))
        ctx.timings[module.__name__] = time.perf_counter() - started
    paces.append(pace.measured("the end"))
    return [*results, *paced(paces)]


def paced(paces: list[float]) -> list[dict]:
    """The machine's pace before the first module (``machine_pace_ms_start``), after the
    last (``_end``, against the start) and the slowest of all (``_slowest``, against the
    fastest)."""
    return [
        figure("machine_pace_ms_start", paces[0], "ms"),
        figure("machine_pace_ms_end", paces[-1], "ms", paces[0]),
        figure("machine_pace_ms_slowest", max(paces), "ms", min(paces)),
    ]


def figure(name: str, value: float, unit: str, target: float | None = None) -> dict:
    """A figure with its ``target`` as reference and ``ratio`` value / target (None without a
    target, and for a count, whose target is 0)."""
    value = round(value, 2)
    ratio = round(value / target, 3) if target else None
    return {"name": name, "value": value, "unit": unit, "reference": target, "ratio": ratio}


def timed(name: str, seconds: float, unit: str = "s") -> dict:
    return {
        "name": name,
        "value": round(seconds, 3),
        "unit": unit,
        "reference": None,
        "ratio": None,
    }
