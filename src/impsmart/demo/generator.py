"""The synthetic-data generator: a whole kabupaten, deterministic by seed.

Each app declares its steps on its ``AppConfig`` (``demo_steps``, see ``impsmart.plugins``),
run in their order; a step takes the ``DemoContext`` and returns a short summary line.
Everything written here is synthetic and labelled so.
"""

import random
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import connection, transaction

from impsmart import plugins
from impsmart.accounts import audit
from impsmart.demo.progress import Progress
from impsmart.regions.loader import load_kabupaten
from impsmart.regions.models import Region

DEFAULT_PASSWORD = "kader-gowa-2026"


@dataclass
class DemoContext:
    kabupaten: Region
    rng: random.Random
    families: int
    password: str
    logins: dict = field(default_factory=dict)


def reset_database() -> None:
    """Start afresh: the demo replaces whatever the database held."""
    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def build_demo(
    *,
    kabupaten_code: str,
    families: int,
    seed: int,
    password: str,
    progress: Progress | None = None,
) -> DemoContext:
    reset_database()
    steps = plugins.demo_steps()
    progress = progress or Progress(len(steps) + 1)
    kabupaten = load_kabupaten(kabupaten_code).kabupaten
    progress.step(f"wilayah {kabupaten}")
    ctx = DemoContext(
        kabupaten=kabupaten, rng=random.Random(seed), families=families, password=password
    )
    summaries = []
    with transaction.atomic():
        for step in steps:
            summaries.append(step.function(ctx))
            progress.step(step.label)
        audit.record(
            "event",
            "demo.Demo",
            seed,
            kabupaten.code,
            None,
            {"demo": kabupaten.code, "seed": seed, "families": families, "summary": summaries},
        )
    if connection.vendor == "postgresql":
        # What autovacuum does minutes after a bulk load: without statistics the planner
        # walks whole tables for a desa's page (the first benchmarks paid seconds for it).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return ctx
