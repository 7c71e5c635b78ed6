"""Benchmarks of the monthly reporting engine (``impsmart bench`` runs ``run(ctx)``).

1. ``reports_rekap_pus_all_levels``: REKAP_PUS for every desa, every kecamatan and the
   kabupaten for the current month (``engine.compute_tree``: one pass of each indicator group
   over the kabupaten, every report folded from it), beside every row of the same reports
   computed by DuckDB over the same rows (``duckdb_reference``; copied into DuckDB first, only
   the computation is timed). Both must agree on every row of every report, or the benchmark
   fails. The month is stored (``families/pus_months.py``) before the clock starts, as it is
   once any report, map or register of the month has been opened.
2. ``pus_month_store_kabupaten``: what storing a month costs once (deriving every PUS's
   status and drop-out from the histories and writing the rows), for a month the demo has
   not stored, rolled back after each run; beside DuckDB materialising the same facts.
3. ``report_rekap_pus_kecamatan``: one ``engine.compute`` of the kecamatan with most
   families, as a user's request would run it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count
from django.db.models.functions import Substr

from bench import duckdb_reference as duck
from bench.runner import timed
from bench.timing import best_seconds
from impsmart import dates, vacuum
from impsmart.dates import month_end, months_back
from impsmart.families import pus_months
from impsmart.families.models import Family, PusMonth, PusMonthBuilt
from impsmart.regions.models import Deployment, Level, Region
from impsmart.reports.engine import compute, compute_tree
from impsmart.reports.forms_catalog import COUNT, get_form

FORM = "REKAP_PUS"
LEVELS = ("desa", "kecamatan", "kabupaten")
STORED = ("member_id", "region_code", "status", "jalur", "drop_out")
DUCK_STORED = ("id", "region_code", "status", "jalur", "drop_out")
STORE_MONTHS_BACK = 30  # older than the demo's 24 months of reports, within its registrations


def check_agreement(tree: dict[str, dict], reference: dict[str, dict[str, Any]]) -> None:
    """Every row of every report in ``tree`` equals DuckDB's, or AssertionError says where."""
    rows = get_form(FORM).rows
    unknown = [r.code for r in rows if r.kind == COUNT and r.code not in duck.COUNT_ROWS]
    if unknown:
        raise AssertionError(f"{FORM} rows without a DuckDB reference: {', '.join(unknown)}")
    for region in sorted(set(tree) | set(reference)):
        ours = {r["code"]: r["value"] for r in tree[region]["rows"]} if region in tree else {}
        theirs = reference.get(region) or duck.empty_figures()
        for row in rows:
            if ours.get(row.code, 0 if row.kind == COUNT else None) != theirs[row.code]:
                raise AssertionError(
                    f"{FORM} {region} {row.code}: engine {ours.get(row.code)}"
                    f" != DuckDB {theirs[row.code]}"
                )


def bench_all_levels(kabupaten: str, day: dt.date, repeat: int, con) -> dict:
    pus_months.stored(day)
    seconds, tree = best_seconds(lambda: compute_tree(FORM, kabupaten, day, LEVELS), repeat)
    reference_seconds, reference = best_seconds(
        lambda: duck.report_figures(con, day, kabupaten), repeat
    )
    check_agreement(tree, reference)
    return duck.compared("reports_rekap_pus_all_levels", seconds, reference_seconds, "s")


def _store_anew(day: dt.date, keep: list | None = None) -> None:
    """Store the month in a transaction rolled back at once (its rows into ``keep``)."""
    with vacuum.rolled_back():
        if not pus_months.stored(day):
            raise AssertionError(f"{day:%Y-%m} cannot be stored (before the first registration?)")
        if keep is not None:
            rows = PusMonth.objects.filter(month=day.replace(day=1)).values_list(*STORED)
            keep.extend(
                (member, region, status, jalur or None, drop)
                for member, region, status, jalur, drop in rows
            )


def bench_store(day: dt.date, repeat: int, con) -> dict | None:
    """``pus_month_store_kabupaten``; fails unless DuckDB stores the very same rows."""
    if PusMonthBuilt.objects.filter(month=day.replace(day=1)).exists():
        return None
    seconds, _ = best_seconds(lambda: _store_anew(day), repeat)
    reference_seconds, _ = best_seconds(lambda: duck.store_month(con, day), repeat)
    ours: list = []
    _store_anew(day, keep=ours)
    theirs = set(con.execute(f"SELECT {', '.join(DUCK_STORED)} FROM pus_month").fetchall())
    if set(ours) != theirs:
        raise AssertionError(
            f"stored {day:%Y-%m}: {len(set(ours) - theirs)} rows only ours, "
            f"{len(theirs - set(ours))} only DuckDB's, e.g. "
            f"{sorted(set(ours) - theirs)[:1]} != {sorted(theirs - set(ours))[:1]}"
        )
    return duck.compared("pus_month_store_kabupaten", seconds, reference_seconds, "s")


def largest_kecamatan(kabupaten: str) -> str | None:
    per_kecamatan = (
        Family.objects.within(kabupaten)
        .annotate(kecamatan=Substr("region_code", 1, len(kabupaten) + 3))
        .order_by()
        .values("kecamatan")
        .annotate(n=Count("pk"))
        .order_by("-n", "kecamatan")
    )
    first = per_kecamatan.first()
    return first["kecamatan"] if first else None


def bench_kecamatan(kabupaten: str, day: dt.date, repeat: int) -> dict | None:
    code = largest_kecamatan(kabupaten)
    if code is None or not Region.objects.filter(code=code, level=Level.KECAMATAN).exists():
        return None
    seconds, _ = best_seconds(lambda: compute(FORM, code, day), repeat)
    return timed("report_rekap_pus_kecamatan", seconds)


def run(ctx: Any) -> list[dict]:
    home = Deployment.home_kabupaten() or Region.objects.filter(level=Level.KABUPATEN).first()
    if home is None:
        return []
    today = dates.today()
    day = month_end(today.year, today.month)
    repeat = ctx.get("repeat", 3)
    con = duck.load(ctx.get("workdir"))
    results = [
        bench_all_levels(home.code, day, repeat, con),
        bench_store(months_back(day, STORE_MONTHS_BACK)[1], repeat, con),
        bench_kecamatan(home.code, day, repeat),
    ]
    con.close()
    return [result for result in results if result]
