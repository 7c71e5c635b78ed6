"""How the benchmarks time a piece of work: the fastest of a few runs. Free of Django, so
that ``bench/pace.py`` can use it in a bare Python process."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_seconds(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs in seconds, and the last result."""
    times, result = [], None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result
