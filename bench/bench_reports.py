"""Benchmarks of the monthly reporting engine (``impsmart bench`` runs ``run(ctx)``).

1. ``reports_rekap_pus_all_levels``: REKAP_PUS for every desa, every kecamatan and the
   kabupaten for the current month (``engine.compute_tree``: one pass of each indicator group
   over the kabupaten, every report folded from it), beside the status and family figures of
   the same reports computed by DuckDB over the same rows (copied into DuckDB first; only the
   computation is timed). Both must agree on every desa's PUS and the kabupaten's PUS and PA,
   or the benchmark fails.
2. ``report_rekap_pus_kecamatan``: one ``engine.compute`` of the kecamatan with most
   families, as a user's request would run it.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils import timezone

from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.families.status import month_end, years_before
from impsmart.regions.models import Deployment, Level, Region
from impsmart.reports.engine import compute, compute_tree

FORM = "REKAP_PUS"
LEVELS = ("desa", "kecamatan", "kabupaten")
TABLES: dict[str, tuple[Any, dict[str, str]]] = {
    "family": (
        Family,
        {"id": "BIGINT", "region_code": "VARCHAR", "registered_on": "DATE", "closed_on": "DATE"},
    ),
    "member": (
        Member,
        {
            "id": "BIGINT",
            "family_id": "BIGINT",
            "spouse_id": "BIGINT",
            "sex": "VARCHAR",
            "marital_status": "VARCHAR",
            "birth_date": "DATE",
            "joined_on": "DATE",
            "left_on": "DATE",
        },
    ),
    "episode": (
        ContraceptiveEpisode,
        {"member_id": "BIGINT", "method": "VARCHAR", "start_date": "DATE", "end_date": "DATE"},
    ),
    "pregnancy": (Pregnancy, {"member_id": "BIGINT", "start_date": "DATE", "outcome_date": "DATE"}),
    "intention": (
        IntentionRecord,
        {"id": "BIGINT", "member_id": "BIGINT", "recorded_on": "DATE", "intention": "VARCHAR"},
    ),
}
# domain.md §4 per PUS, then counted per desa and rolled up to kecamatan and kabupaten.
REPORT_SQL = """
WITH pus AS (
  SELECT w.id, array_to_string(string_split(f.region_code, '.')[1:4], '.') AS desa
  FROM member w
  JOIN member h ON h.id = w.spouse_id
  JOIN family f ON f.id = w.family_id
  WHERE w.sex = 'P' AND w.marital_status = 'kawin' AND h.family_id = w.family_id
    AND (w.joined_on IS NULL OR w.joined_on <= $day) AND (w.left_on IS NULL OR w.left_on > $day)
    AND (h.joined_on IS NULL OR h.joined_on <= $day) AND (h.left_on IS NULL OR h.left_on > $day)
    AND (f.closed_on IS NULL OR f.closed_on > $day)
    AND w.birth_date > $born_after AND w.birth_date <= $born_by
),
active AS (
  SELECT member_id, arg_max(method, start_date) AS method FROM episode
  WHERE start_date <= $day AND (end_date IS NULL OR end_date > $day) GROUP BY member_id
),
pregnant AS (
  SELECT DISTINCT member_id FROM pregnancy
  WHERE start_date <= $day AND (outcome_date IS NULL OR outcome_date > $day)
),
latest AS (
  SELECT member_id, intention FROM intention WHERE recorded_on <= $day
  QUALIFY row_number() OVER (PARTITION BY member_id ORDER BY recorded_on DESC, id DESC) = 1
),
status AS (
  SELECT pus.desa, coalesce(a.method, CASE WHEN p.member_id IS NOT NULL THEN 'H' END,
                            l.intention, '?') AS status
  FROM pus
  LEFT JOIN active a ON a.member_id = pus.id
  LEFT JOIN pregnant p ON p.member_id = pus.id
  LEFT JOIN latest l ON l.member_id = pus.id
)
SELECT array_to_string(string_split(desa, '.')[1:3], '.') AS kecamatan, desa,
       count(*) AS pus,
       count(*) FILTER (WHERE status NOT IN ('H', 'IAS', 'IAT', 'TIAL', '?')) AS pa_total
FROM status
GROUP BY GROUPING SETS ((kecamatan, desa), (kecamatan), ())
"""


def _option(ctx: Any, name: str, default: Any) -> Any:
    if isinstance(ctx, dict):
        return ctx.get(name, default)
    return getattr(ctx, name, default)


def best_seconds(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs in seconds, and the last result."""
    times, result = [], None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def copy_to_duckdb(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Copy the needed columns of every table into DuckDB (through CSV; not timed)."""
    for table, (model, columns) in TABLES.items():
        path = folder / f"{table}.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            rows = model.objects.order_by().values_list(*columns).iterator(chunk_size=20_000)
            writer.writerows(["" if v is None else v for v in row] for row in rows)
        types = ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items())
        con.execute(
            f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true, "
            f"nullstr = '', columns = {{{types}}})"
        )


def duckdb_figures(con: duckdb.DuckDBPyConnection, day: dt.date, kabupaten: str) -> dict:
    """{region code: {"pus", "pa_total"}} for every desa, kecamatan and the kabupaten."""
    params = {"day": day, "born_after": years_before(day, 50), "born_by": years_before(day, 15)}
    figures = {}
    for kecamatan, desa, pus, pa_total in con.execute(REPORT_SQL, params).fetchall():
        figures[desa or kecamatan or kabupaten] = {"pus": pus, "pa_total": pa_total}
    return figures


def _values(report: dict) -> dict:
    return {row["code"]: row["value"] for row in report["rows"]}


def check_agreement(tree: dict[str, dict], reference: dict[str, dict], kabupaten: str) -> None:
    ours = {code: _values(report) for code, report in tree.items()}
    for key in ("pus", "pa_total"):
        if ours[kabupaten][key] != reference.get(kabupaten, {}).get(key, 0):
            raise AssertionError(f"{kabupaten} {key}: {ours[kabupaten][key]} != DuckDB {reference}")
    for code, figures in ours.items():
        if code.count(".") == 3 and figures["pus"] != reference.get(code, {}).get("pus", 0):
            raise AssertionError(f"{code} pus: {figures['pus']} != DuckDB {reference.get(code)}")


def bench_all_levels(kabupaten: str, day: dt.date, repeat: int) -> dict:
    seconds, tree = best_seconds(lambda: compute_tree(FORM, kabupaten, day, LEVELS), repeat)
    con = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder:
        copy_to_duckdb(con, Path(folder))
    reference_seconds, reference = best_seconds(lambda: duckdb_figures(con, day, kabupaten), repeat)
    con.close()
    check_agreement(tree, reference, kabupaten)
    return {
        "name": "reports_rekap_pus_all_levels",
        "value": round(seconds, 3),
        "unit": "s",
        "reference": round(reference_seconds, 3),
        "ratio": round(seconds / reference_seconds, 1) if reference_seconds else None,
    }


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
    return {
        "name": "report_rekap_pus_kecamatan",
        "value": round(seconds, 3),
        "unit": "s",
        "reference": None,
        "ratio": None,
    }


def run(ctx: Any) -> list[dict]:
    home = Deployment.home_kabupaten() or Region.objects.filter(level=Level.KABUPATEN).first()
    if home is None:
        return []
    today = timezone.localdate()
    day = month_end(today.year, today.month)
    repeat = _option(ctx, "repeat", 3)
    results = [bench_all_levels(home.code, day, repeat)]
    kecamatan = bench_kecamatan(home.code, day, repeat)
    return results + ([kecamatan] if kecamatan else [])
