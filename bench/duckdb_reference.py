"""The reference engine of the benchmarks: the same figures, computed by DuckDB.

The rows the figures need are copied into an in-memory DuckDB (through CSV; not timed). The
SQL below is written from domain.md §4–§5 and the event rules of
``impsmart.reports.indicators``, independently of the ORM engine, so that each benchmark both
times our engine against DuckDB and checks that the two agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

from impsmart.dates import months_back, years_before
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.reports.indicators import ratio

# The columns the figures need, per table, with their DuckDB types.
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
        {
            "id": "BIGINT",
            "member_id": "BIGINT",
            "method": "VARCHAR",
            "jalur": "VARCHAR",  # blank (no jalur) becomes NULL
            "start_date": "DATE",
            "end_date": "DATE",
        },
    ),
    "pregnancy": (Pregnancy, {"member_id": "BIGINT", "start_date": "DATE", "outcome_date": "DATE"}),
    "intention": (
        IntentionRecord,
        {"id": "BIGINT", "member_id": "BIGINT", "recorded_on": "DATE", "intention": "VARCHAR"},
    ),
}

# domain.md §4: one row per PUS on $day with her status and the jalur of her active episode.
# Where two episodes or intentions tie on their date, the later record (higher id) wins.
STATUS_CTE = """
pus AS (
  SELECT w.id, f.region_code FROM member w
  JOIN member h ON h.id = w.spouse_id
  JOIN family f ON f.id = w.family_id
  WHERE w.sex = 'P' AND w.marital_status = 'kawin' AND h.family_id = w.family_id
    AND (w.joined_on IS NULL OR w.joined_on <= $day) AND (w.left_on IS NULL OR w.left_on > $day)
    AND (h.joined_on IS NULL OR h.joined_on <= $day) AND (h.left_on IS NULL OR h.left_on > $day)
    AND (f.closed_on IS NULL OR f.closed_on > $day)
    AND w.birth_date > $born_after AND w.birth_date <= $born_by
),
active AS (
  SELECT member_id, method, jalur FROM episode
  WHERE start_date <= $day AND (end_date IS NULL OR end_date > $day)
  QUALIFY row_number() OVER (PARTITION BY member_id ORDER BY start_date DESC, id DESC) = 1
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
  SELECT pus.id, pus.region_code, a.jalur,
         coalesce(a.method, CASE WHEN p.member_id IS NOT NULL THEN 'H' END, l.intention, '?')
           AS status
  FROM pus
  LEFT JOIN active a ON a.member_id = pus.id
  LEFT JOIN pregnant p ON p.member_id = pus.id
  LEFT JOIN latest l ON l.member_id = pus.id
)"""

STATUS_SQL = f"WITH {STATUS_CTE}\nSELECT status, count(*) FROM status GROUP BY status"

# What ``families/pus_months.py`` stores for a month: each PUS's facts, drop-out included.
STORE_SQL = f"""
CREATE OR REPLACE TEMP TABLE pus_month AS
WITH {STATUS_CTE},
last_episode AS (
  SELECT member_id, end_date AS last_end FROM episode WHERE start_date <= $day
  QUALIFY row_number() OVER (PARTITION BY member_id ORDER BY start_date DESC, id DESC) = 1
)
SELECT s.id, s.region_code, s.status, s.jalur,
       coalesce(l.last_end BETWEEN $dropped_from AND $dropped_to, false) AS drop_out
FROM status s LEFT JOIN last_episode l ON l.member_id = s.id
"""

# domain.md §5: every count row of REKAP_PUS as facts (region code, row code), counted per
# desa (the first four segments of the code) and rolled up to kecamatan and kabupaten.
REPORT_SQL = f"""
WITH {STATUS_CTE},
status_facts AS (
  SELECT region_code, unnest(list_filter([
    'pus',
    CASE WHEN is_pa THEN 'pa_total' END,
    CASE WHEN is_pa THEN 'pa_' || lower(status) END,
    CASE WHEN is_pa THEN CASE WHEN status IN ('IUD', 'MOW', 'MOP', 'IMPLAN')
                              THEN 'pa_mkjp' ELSE 'pa_non_mkjp' END END,
    CASE WHEN status IN ('SUNTIK1', 'SUNTIK3') THEN 'pa_suntik' END,
    CASE WHEN is_pa THEN 'pa_' || jalur END,
    CASE WHEN NOT is_pa THEN CASE status WHEN 'H' THEN 'hamil' WHEN '?' THEN 'status_unknown'
                                         ELSE lower(status) END END,
    CASE WHEN status IN ('IAT', 'TIAL') THEN 'unmet_need' END
  ], lambda c: c IS NOT NULL)) AS code
  FROM (SELECT *, status NOT IN ('H', 'IAS', 'IAT', 'TIAL', '?') AS is_pa FROM status)
),
started AS (  -- the month's new episodes, each with the member's latest one begun before it
  SELECT s.member_id, s.method, s.start_date,
         p.start_date AS prev_start, p.end_date AS prev_end, p.method AS prev_method
  FROM episode s
  LEFT JOIN episode p ON p.member_id = s.member_id AND p.start_date < s.start_date
  WHERE s.start_date >= date_trunc('month', $day) AND s.start_date <= $day
  QUALIFY row_number() OVER (PARTITION BY s.id ORDER BY p.start_date DESC, p.id DESC) = 1
),
event_facts AS (
  SELECT f.region_code, unnest(CASE
    WHEN s.prev_start IS NULL OR EXISTS (
      SELECT 1 FROM pregnancy g WHERE g.member_id = s.member_id
        AND g.outcome_date > s.prev_start AND g.outcome_date <= s.start_date
    ) THEN ['pb_total', 'pb_' || lower(s.method)]
    -- an open previous episode leaves no gap (the engine's Coalesce(prev_end, start_date))
    WHEN s.start_date - coalesce(s.prev_end, s.start_date) > 92 THEN ['kb_ulang']
    WHEN s.method <> s.prev_method THEN ['ganti_cara']
    ELSE [] END) AS code
  FROM started s JOIN member m ON m.id = s.member_id JOIN family f ON f.id = m.family_id
),
last_episode AS (
  SELECT member_id, end_date FROM episode WHERE start_date <= $day
  QUALIFY row_number() OVER (PARTITION BY member_id ORDER BY start_date DESC, id DESC) = 1
),
drop_out_facts AS (  -- PUS whose latest episode ended in month M-3
  SELECT pus.region_code, 'drop_out' AS code
  FROM pus JOIN last_episode l ON l.member_id = pus.id
  WHERE l.end_date >= date_trunc('month', $day) - INTERVAL 3 MONTH
    AND l.end_date < date_trunc('month', $day) - INTERVAL 2 MONTH
),
family_facts AS (
  SELECT region_code, 'keluarga' AS code FROM family
  WHERE registered_on <= $day AND (closed_on IS NULL OR closed_on > $day)
),
by_code AS (  -- counted per record's own code first: far fewer rows to place
  SELECT region_code, code, count(*) AS n FROM (
    SELECT * FROM status_facts UNION ALL SELECT * FROM event_facts
    UNION ALL SELECT * FROM drop_out_facts UNION ALL SELECT * FROM family_facts
  )
  WHERE region_code = $kabupaten OR starts_with(region_code, $kabupaten || '.')
  GROUP BY region_code, code
),
placed AS (
  SELECT CASE WHEN len(parts) >= 3 THEN array_to_string(parts[1:3], '.') END AS kecamatan,
         CASE WHEN len(parts) >= 4 THEN array_to_string(parts[1:4], '.') END AS desa, code, n
  FROM (SELECT string_split(region_code, '.') AS parts, code, n FROM by_code)
),
counted AS (
  SELECT CASE WHEN grouping(kecamatan) = 1 THEN $kabupaten
              WHEN grouping(desa) = 1 THEN kecamatan ELSE desa END AS region,
         code, sum(n) AS n
  FROM placed
  GROUP BY GROUPING SETS ((kecamatan, desa, code), (kecamatan, code), (code))
)
SELECT region, code, n FROM counted WHERE region IS NOT NULL
"""

METHODS = ("iud", "mow", "mop", "implan", "suntik1", "suntik3", "pil", "kondom", "mal")
COUNT_ROWS = (
    "keluarga",
    "pus",
    "pa_total",
    *(f"pa_{m}" for m in METHODS),
    "pa_suntik",
    "pa_mkjp",
    "pa_non_mkjp",
    "pa_pemerintah",
    "pa_swasta",
    "hamil",
    "ias",
    "iat",
    "tial",
    "status_unknown",
    "unmet_need",
    "pb_total",
    *(f"pb_{m}" for m in METHODS),
    "ganti_cara",
    "kb_ulang",
    "drop_out",
)
PERCENT_ROWS = {
    "mcpr": ("pa_total", "pus"),
    "pct_mkjp": ("pa_mkjp", "pa_total"),
    "pct_unmet": ("unmet_need", "pus"),
}


def compared(name: str, value: float, reference: float, unit: str, digits: int = 3) -> dict:
    """A benchmark result beside its DuckDB reference, with the runner's keys."""
    return {
        "name": name,
        "value": round(value, digits),
        "unit": unit,
        "reference": round(reference, digits),
        "ratio": round(value / reference, 2) if reference else None,
    }


def copy_to_duckdb(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Copy the needed columns of every table into DuckDB (through CSV)."""
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


def load(workdir: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB holding a copy of the database's rows."""
    con = duckdb.connect()
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        copy_to_duckdb(con, Path(folder))
    return con


def _ages(day: dt.date) -> dict[str, dt.date]:
    return {"day": day, "born_after": years_before(day, 50), "born_by": years_before(day, 15)}


def status_counts(con: duckdb.DuckDBPyConnection, day: dt.date) -> dict[str, int]:
    """How many PUS have each status on ``day`` (statuses nobody has are left out)."""
    return dict(con.execute(STATUS_SQL, _ages(day)).fetchall())


def store_month(con: duckdb.DuckDBPyConnection, day: dt.date) -> None:
    """Materialise the month's per-PUS facts as the table ``pus_month``."""
    dropped_from, dropped_to = months_back(day, 3)
    con.execute(STORE_SQL, {**_ages(day), "dropped_from": dropped_from, "dropped_to": dropped_to})


def report_figures(
    con: duckdb.DuckDBPyConnection, day: dt.date, kabupaten: str
) -> dict[str, dict[str, Any]]:
    """{region: {row: value}}: every REKAP_PUS row of each desa, kecamatan and the kabupaten.

    Regions with no record at all are left out (their counts are all zero).
    """
    rows = con.execute(REPORT_SQL, {**_ages(day), "kabupaten": kabupaten}).fetchall()
    figures: dict[str, dict[str, Any]] = defaultdict(lambda: dict.fromkeys(COUNT_ROWS, 0))
    for region, code, n in rows:
        figures[region][code] = n
    for values in figures.values():
        values.update({code: ratio(values[a], values[b]) for code, (a, b) in PERCENT_ROWS.items()})
    return dict(figures)


def empty_figures() -> dict[str, Any]:
    """The figures of a region without records."""
    return {**dict.fromkeys(COUNT_ROWS, 0), **dict.fromkeys(PERCENT_ROWS)}
