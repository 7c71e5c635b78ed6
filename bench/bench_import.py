"""Importing a register: rows per second for a generated file in the template format.

The file (5,000 rows at full scale; at least 400, at most one row per demo family below
that) holds households of a head, a wife with a method and two children, all new, in a fresh
desa created for it. The import runs as the kabupaten's admin through the same code as the
upload page, then is rolled back so that later benchmarks see the demo as generated.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from typing import Any

from django.db import transaction

from bench.runner import timed
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.families.identity import nik_for
from impsmart.families.importer import import_file
from impsmart.families.importer_template import FIELDS
from impsmart.regions.models import Level, Region

FRESH_DESA = "2999"
HOUSEHOLD = [
    ("kepala", "L", 1984, "kawin"),
    ("istri", "P", 1989, "kawin"),
    ("anak", "L", 2012, "belum_kawin"),
    ("anak", "P", 2016, "belum_kawin"),
]


def rows(desa: Region, count: int) -> list[dict[str, str]]:
    kecamatan6 = desa.parent_id.replace(".", "")
    out = []
    for i in range(count):
        family, position = divmod(i, len(HOUSEHOLD))
        relation, sex, year, marital = HOUSEHOLD[position]
        born = dt.date(year, family % 12 + 1, family % 28 + 1)
        row = dict.fromkeys(FIELDS, "")
        row.update(
            kk_number=f"{kecamatan6}311299{family + 1:04d}",  # a date the demo never issues
            region_code=desa.code,
            nik=nik_for(kecamatan6, born, sex, 5000 + family),  # above the demo's serials
            name=f"Warga {family + 1}-{i % len(HOUSEHOLD) + 1}",
            sex=sex,
            birth_date=born.isoformat(),
            relation=relation,
            marital_status=marital,
            jkn="ya",
        )
        if relation == "istri":
            row.update(current_method="SUNTIK3", method_start="2024-06-01", jalur="pemerintah")
        out.append(row)
    return out


def run(ctx: Any) -> list[dict]:
    admin = User.objects.filter(role=Role.ADMIN_KABUPATEN).order_by("pk").first()
    kecamatan = Region.objects.filter(level=Level.KECAMATAN).order_by("code").first()
    count = min(5000, max(400, ctx.families))
    path = ctx.workdir / "import.csv"
    with transaction.atomic():
        desa = Region.objects.create(
            code=f"{kecamatan.code}.{FRESH_DESA}", name="Desa Uji", level=Level.DESA,
            parent=kecamatan,
        )  # fmt: skip
        with path.open("w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(rows(desa, count))
        started = time.perf_counter()
        result = import_file(
            actor=admin, region_code=desa.code, filename=path.name, content=path.read_bytes()
        )
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    if result.errors:
        raise RuntimeError(f"bench_import: {result.errors[:3]}")
    return [timed(f"import_{count}_rows", count / seconds, "rows/s")]
