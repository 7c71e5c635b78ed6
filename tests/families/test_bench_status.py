"""bench/bench_status.py on a tiny database: the runner's keys, and DuckDB agrees with us."""

import datetime as dt
import tempfile
from pathlib import Path

import duckdb
from bench import bench_status

from impsmart.families.models import Member
from impsmart.families.status import month_end, status_counts
from tests.families.test_register import RegisterWorld

KEYS = {"name", "value", "unit", "reference", "ratio"}


class BenchStatusTests(RegisterWorld):
    def test_run_returns_both_benchmarks_with_the_runners_keys(self):
        results = bench_status.run({"repeat": 1})
        self.assertEqual(
            [r["name"] for r in results], ["status_counts_kabupaten", "register_page_largest_desa"]
        )
        for result in results:
            self.assertEqual(set(result), KEYS)
            self.assertGreater(result["value"], 0)
        status = results[0]
        self.assertGreater(status["reference"], 0)
        self.assertAlmostEqual(status["ratio"], status["value"] / status["reference"], delta=0.02)

    def test_duckdb_gives_our_counts_month_by_month(self):
        con = duckdb.connect()
        with tempfile.TemporaryDirectory() as folder:
            bench_status.copy_to_duckdb(con, Path(folder))
        for month in range(1, 13):
            day = month_end(2025, month)
            ours = status_counts(Member.objects.all(), day)
            self.assertEqual(bench_status.duckdb_counts(con, day), ours, day)
        self.assertEqual(bench_status.duckdb_counts(con, dt.date(2025, 1, 31))["H"], 1)
        # Desa A's three (wife 4 turned 50 in August) and desa C's one.
        self.assertEqual(sum(bench_status.duckdb_counts(con, dt.date(2025, 8, 31)).values()), 4)

    def test_the_largest_desa_is_the_one_with_most_families(self):
        self.assertEqual(bench_status.largest_desa(), self.desa_a.code)
