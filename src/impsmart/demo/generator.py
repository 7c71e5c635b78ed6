"""The synthetic-data generator: a whole kabupaten, deterministic by seed.

Each domain adds its own step to ``STEPS``; a step takes the ``DemoContext`` and returns a
short summary line. Everything written here is synthetic and labelled so.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import transaction

from impsmart.accounts import audit
from impsmart.accounts.models import User
from impsmart.demo import counseling as demo_counseling
from impsmart.demo import families as demo_families
from impsmart.demo import regions as demo_regions
from impsmart.demo import reports as demo_reports
from impsmart.demo import users as demo_users
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


def _dusun(ctx: DemoContext) -> str:
    return f"{demo_regions.create_dusun(ctx.kabupaten, ctx.rng)} dusun/lingkungan"


def _users(ctx: DemoContext) -> str:
    ctx.logins = demo_users.create_users(ctx.kabupaten, ctx.rng, ctx.password)
    return f"{User.objects.count()} pengguna"


def _families(ctx: DemoContext) -> str:
    rng = random.Random(ctx.rng.getrandbits(64))  # own stream: later steps don't shift it
    return demo_families.create_families(ctx.kabupaten, rng, ctx.families)


def _reports(ctx: DemoContext) -> str:
    return demo_reports.create_reports(ctx.kabupaten, random.Random(ctx.rng.getrandbits(64)))


def _counseling(ctx: DemoContext) -> str:
    rng = random.Random(ctx.rng.getrandbits(64))
    return demo_counseling.create_counseling(ctx.kabupaten, rng)


STEPS: list[tuple[str, Callable[[DemoContext], str]]] = [
    ("dusun/lingkungan", _dusun),
    ("pengguna", _users),
    ("keluarga", _families),
    ("laporan bulanan", _reports),
    ("KIE dan konseling", _counseling),
]


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
    progress = progress or Progress(len(STEPS) + 1)
    kabupaten = load_kabupaten(kabupaten_code).kabupaten
    progress.step(f"wilayah {kabupaten}")
    ctx = DemoContext(
        kabupaten=kabupaten, rng=random.Random(seed), families=families, password=password
    )
    summaries = []
    with transaction.atomic():
        for label, step in STEPS:
            summaries.append(step(ctx))
            progress.step(label)
        audit.record(
            "event",
            "demo.Demo",
            seed,
            kabupaten.code,
            None,
            {"demo": kabupaten.code, "seed": seed, "families": families, "summary": summaries},
        )
    return ctx
