"""bench/bench_reports.py on a tiny database: the runner's keys, and DuckDB agrees with us."""

import tempfile
from pathlib import Path

import duckdb
from bench import bench_reports

from impsmart.reports.engine import compute_tree
from tests.base import KECAMATAN_A
from tests.reports import JUNE, ReportWorld

KEYS = {"name", "value", "unit", "reference", "ratio"}


class BenchReportsTests(ReportWorld):
    def test_run_returns_both_benchmarks_with_the_runners_keys(self):
        results = bench_reports.run({"repeat": 1})
        self.assertEqual(
            [r["name"] for r in results],
            ["reports_rekap_pus_all_levels", "report_rekap_pus_kecamatan"],
        )
        for result in results:
            self.assertEqual(set(result), KEYS)
            self.assertGreater(result["value"], 0)
        self.assertGreater(results[0]["reference"], 0)

    def test_duckdb_gives_our_figures_and_a_difference_fails_the_benchmark(self):
        con = duckdb.connect()
        with tempfile.TemporaryDirectory() as folder:
            bench_reports.copy_to_duckdb(con, Path(folder))
        reference = bench_reports.duckdb_figures(con, JUNE, self.kabupaten.code)
        self.assertEqual(reference[self.kabupaten.code], {"pus": 11, "pa_total": 7})
        self.assertEqual(reference[KECAMATAN_A], {"pus": 10, "pa_total": 6})
        self.assertEqual(reference[self.desa_a.code]["pus"], 9)
        tree = compute_tree("REKAP_PUS", self.kabupaten.code, JUNE, bench_reports.LEVELS)
        bench_reports.check_agreement(tree, reference, self.kabupaten.code)
        reference[self.desa_b.code]["pus"] += 1
        with self.assertRaisesMessage(AssertionError, self.desa_b.code):
            bench_reports.check_agreement(tree, reference, self.kabupaten.code)

    def test_the_largest_kecamatan_is_the_one_with_most_families(self):
        self.assertEqual(bench_reports.largest_kecamatan(self.kabupaten.code), KECAMATAN_A)
