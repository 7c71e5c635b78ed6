"""Benchmarks of the monthly PUS status engine (``impsmart bench`` runs ``run(ctx)``).

1. ``status_counts`` over every member of the database for the current month, beside the same
   computation in DuckDB over the same rows (copied into DuckDB first; only the computation is
   timed). Both must give the same counts, or the benchmark fails.
2. The Register PUS page of the desa with the most families, rendered for the current year as
   an admin of the kabupaten (view and template, without the network).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.db.models import Count
from django.test import RequestFactory, override_settings

from bench import duckdb_reference as duck
from bench.runner import figure
from bench.timing import best_seconds
from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.dates import month_end
from impsmart.families.models import Family, Member
from impsmart.families.status import STATUSES, status_counts
from impsmart.families.views_register import register_page

DESA_SEGMENTS = 4  # 73.06.06.2001
PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def best_ms(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs in milliseconds, and the last result."""
    seconds, result = best_seconds(func, repeat)
    return seconds * 1000, result


def duckdb_counts(con: duckdb.DuckDBPyConnection, day: dt.date) -> dict[str, int]:
    """DuckDB's count of each status on ``day`` (every status present, zeros included)."""
    return {**dict.fromkeys(STATUSES, 0), **duck.status_counts(con, day)}


def bench_status_counts(day: dt.date, repeat: int, workdir: Path | None = None) -> dict:
    members = Member.objects.all()
    ours_ms, ours = best_ms(lambda: status_counts(members, day), repeat)
    con = duck.load(workdir)
    reference_ms, reference = best_ms(lambda: duckdb_counts(con, day), repeat)
    con.close()
    if ours != reference:
        raise AssertionError(f"status_counts {ours} != DuckDB {reference} on {day}")
    return duck.compared("status_counts_kabupaten", ours_ms, reference_ms, "ms", 2)


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
    return figure("register_page_largest_desa", ms, "ms")


def run(ctx: Any) -> list[dict]:
    today = dates.today()
    repeat = ctx.get("repeat", 3)
    day = month_end(today.year, today.month)
    results = [bench_status_counts(day, repeat, ctx.get("workdir"))]
    register = bench_register_page(today.year, repeat)
    return results + ([register] if register else [])
