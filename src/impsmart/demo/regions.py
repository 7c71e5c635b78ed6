"""Demo dusun/lingkungan under every desa/kelurahan (Gowa averages about 4.3 per desa)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from impsmart.demo.names import DUSUN_WORDS
from impsmart.regions.models import Level, Region

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext


def create_dusun(kabupaten: Region, rng: random.Random) -> int:
    desas = Region.objects.filter(level=Level.DESA, code__startswith=f"{kabupaten.code}.")
    created = []
    for desa in desas.order_by("code"):
        names = rng.sample(DUSUN_WORDS, rng.randint(3, 6))
        for i, word in enumerate(names, start=1):
            created.append(
                Region(
                    code=f"{desa.code}.{i:02d}",
                    name=word.replace("_", " "),
                    level=Level.DUSUN,
                    parent=desa,
                    lat=desa.lat,
                    lng=desa.lng,
                )
            )
    Region.objects.bulk_create(created, batch_size=1000)
    return len(created)


def step(ctx: DemoContext) -> str:
    return f"{create_dusun(ctx.kabupaten, ctx.rng)} dusun/lingkungan"
