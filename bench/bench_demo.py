"""Generating the demo: the runner builds it before any benchmark and times it (``ctx``)."""

from __future__ import annotations

from typing import Any

from bench.runner import timed
from impsmart.families.models import Family


def run(ctx: Any) -> list[dict]:
    seconds = ctx.timings["demo"]
    families = Family.objects.count()
    return [
        timed(f"demo_generation_{families}_families", seconds),
        timed("demo_families_per_second", families / seconds if families else 0.001, "families/s"),
    ]
