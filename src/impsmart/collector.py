"""How the product's processes collect reference cycles: rarely.

A page allocates tens of thousands of objects (rows, querysets, template nodes) and an import
hundreds of thousands, few of them in cycles. At Python's default threshold (700 allocations)
the cycle collector ran dozens of times a page, and its full passes walked everything loaded
at startup. Collecting after 50,000 took 6-12 % less of a worker's CPU per request over the
load benchmark's pages (docs/operations.md, eighth pass); in a 5,000-row import the collector
took 0.13-0.19 s at the default threshold and 0.01-0.02 s at this one (eighteenth pass).
"""

from __future__ import annotations

import gc

THRESHOLD = (50_000, 50, 100)


def collect_rarely() -> None:
    """Collect young objects after ``THRESHOLD[0]`` allocations (process-wide)."""
    gc.set_threshold(*THRESHOLD)
