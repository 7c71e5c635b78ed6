"""Benchmarks of the monthly PUS status engine (``impsmart bench`` runs ``run(ctx)``).

1. ``status_counts`` over every member of the database for the current month, beside the same
   computation in DuckDB over the same rows (copied into DuckDB first; only the computation is
   timed). Both must give the same counts, or the benchmark fails.
2. The Register PUS page of the desa with the most families, rendered for the current year as
   an admin of the kabupaten (view and template, without the network).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.db.models import Count
from django.test import RequestFactory, override_settings
from django.utils import timezone

from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.families.status import STATUSES, month_end, status_counts, years_before
from impsmart.families.views_register import register_page

DESA_SEGMENTS = 4  # 73.06.06.2001
PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# The columns the status needs, per table, with their DuckDB types.
TABLES: dict[str, tuple[Any, dict[str, str]]] = {
    "family": (Family, {"id": "BIGINT", "closed_on": "DATE"}),
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
    "pregnancy": (
        Pregnancy,
        {"member_id": "BIGINT", "start_date": "DATE", "outcome_date": "DATE"},
    ),
    "intention": (
        IntentionRecord,
        {"id": "BIGINT", "member_id": "BIGINT", "recorded_on": "DATE", "intention": "VARCHAR"},
    ),
}
# domain.md §4 in SQL: the same rules as impsmart.families.status.with_status.
STATUS_SQL = """
WITH pus AS (
  SELECT w.id FROM member w
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
)
SELECT coalesce(a.method, CASE WHEN p.member_id IS NOT NULL THEN 'H' END, l.intention, '?'),
       count(*)
FROM pus
LEFT JOIN active a ON a.member_id = pus.id
LEFT JOIN pregnant p ON p.member_id = pus.id
LEFT JOIN latest l ON l.member_id = pus.id
GROUP BY 1
"""


def best_ms(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs in milliseconds, and the last result."""
    times, result = [], None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
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


def duckdb_counts(con: duckdb.DuckDBPyConnection, day: dt.date) -> dict[str, int]:
    params = {"day": day, "born_after": years_before(day, 50), "born_by": years_before(day, 15)}
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(dict(con.execute(STATUS_SQL, params).fetchall()))
    return counts


def bench_status_counts(day: dt.date, repeat: int, workdir: Path | None = None) -> dict:
    members = Member.objects.all()
    ours_ms, ours = best_ms(lambda: status_counts(members, day), repeat)
    con = duckdb.connect()
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        copy_to_duckdb(con, Path(folder))
    reference_ms, reference = best_ms(lambda: duckdb_counts(con, day), repeat)
    con.close()
    if ours != reference:
        raise AssertionError(f"status_counts {ours} != DuckDB {reference} on {day}")
    return {
        "name": "status_counts_kabupaten",
        "value": round(ours_ms, 2),
        "unit": "ms",
        "reference": round(reference_ms, 2),
        "ratio": round(ours_ms / reference_ms, 2) if reference_ms else None,
    }


def largest_desa() -> str | None:
    """The desa with the most families (families sit in a desa or a unit below it)."""
    per_code = Family.objects.order_by().values_list("region_code").annotate(n=Count("pk"))
    per_desa: Counter[str] = Counter()
    for code, n in per_code:
        per_desa[".".join(code.split(".")[:DESA_SEGMENTS])] += n
    return per_desa.most_common(1)[0][0] if per_desa else None


def _admin(kabupaten: str) -> User:
    """An admin of the kabupaten: the demo's own, or an unsaved one (nothing is written)."""
    admin = User.objects.filter(
        role=Role.ADMIN_KABUPATEN, region_code=kabupaten, is_active=True
    ).first()
    return admin or User(username="bench", role=Role.ADMIN_KABUPATEN, region_code=kabupaten)


def bench_register_page(year: int, repeat: int) -> dict | None:
    code = largest_desa()
    if code is None:
        return None
    request = RequestFactory().get(f"/register/{code}/", {"tahun": year})
    request.user = _admin(".".join(code.split(".")[:2]))

    def render() -> int:
        response = register_page(request, code=code)
        if response.status_code != 200:
            raise AssertionError(f"register page of {code}: HTTP {response.status_code}")
        return len(response.content)

    # Static file names do not matter to the server time; the runner need not collectstatic.
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": PLAIN_STATIC}):
        ms, _size = best_ms(render, repeat)
    return {
        "name": "register_page_largest_desa",
        "value": round(ms, 2),
        "unit": "ms",
        "reference": None,
        "ratio": None,
    }


def run(ctx: Any) -> list[dict]:
    today = timezone.localdate()
    repeat = ctx.get("repeat", 3)
    day = month_end(today.year, today.month)
    results = [bench_status_counts(day, repeat, ctx.get("workdir"))]
    register = bench_register_page(today.year, repeat)
    return results + ([register] if register else [])
