"""bench/bench_status.py on a tiny database: the runner's keys, and DuckDB agrees with us.

The 2025 register of desa A (SUNTIK3 from March, IUD, pregnant then IAT, IAS until she turns
50), plus a TIAL wife in desa C, so that every status shows up in some month.
"""

import datetime as dt

from bench import bench_status
from bench import duckdb_reference as duck

from impsmart.dates import month_end
from impsmart.families import contraception
from impsmart.families.models import Member
from impsmart.families.status import status_counts
from tests.families.test_register import RegisterWorld
from tests.families.world import make_couple

KEYS = {"name", "value", "unit", "reference", "ratio"}


class BenchStatusTests(RegisterWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        _, cls.wife_tial, _ = make_couple(cls.ppkbd_c, cls.dusun_c1.code, dt.date(1984, 9, 9))
        june = dt.date(2025, 6, 1)
        contraception.record_intention(
            actor=cls.ppkbd_c, member=cls.wife_tial, intention="TIAL", recorded_on=june
        )

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
        con = duck.load()
        seen = set()
        for month in range(1, 13):
            day = month_end(2025, month)
            ours = status_counts(Member.objects.all(), day)
            counts = bench_status.duckdb_counts(con, day)
            self.assertEqual(counts, ours, day)
            seen |= {status for status, n in counts.items() if n}
        august = bench_status.duckdb_counts(con, month_end(2025, 8))
        con.close()
        self.assertEqual(seen, {"SUNTIK3", "IUD", "H", "IAS", "IAT", "TIAL", "?"})
        # Desa A's three (wife 4 turned 50 in August), desa C's wife_c and the TIAL wife.
        self.assertEqual(sum(august.values()), 5)

    def test_the_largest_desa_is_the_one_with_most_families(self):
        self.assertEqual(bench_status.largest_desa(), self.desa_a.code)
