"""bench/bench_pages.py on the test world: every role's heaviest page, beside its target."""

from bench import bench_pages
from django.core.exceptions import PermissionDenied

from tests.dashboard import MapWorld

KEYS = {"name", "value", "unit", "reference", "ratio"}


class BenchPagesTests(MapWorld):
    def test_each_role_gets_its_time_and_weight_against_the_targets(self):
        results = {r["name"]: r for r in bench_pages.run({"repeat": 1})}
        for role in bench_pages.PAGES:
            time, weight = results[f"page_ms_{role}"], results[f"page_gzip_kb_{role}"]
            self.assertEqual(set(time), KEYS)
            target = 50.0 if role in ("ppkbd", "sub_ppkbd") else 1000.0
            self.assertEqual((time["unit"], time["reference"]), ("ms", target))
            self.assertEqual((weight["unit"], weight["reference"]), ("KB", 100.0))
            self.assertGreater(time["value"], 0)
            self.assertLess(weight["value"], 100)
            self.assertAlmostEqual(weight["ratio"], weight["value"] / 100, delta=0.001)
        self.assertEqual(len(results), 2 * len(bench_pages.PAGES))

    def test_a_role_is_measured_as_an_account_holding_the_largest_desa(self):
        self.assertEqual(bench_pages.account("ppkbd", self.desa_a.code), self.ppkbd_a)
        self.assertEqual(bench_pages.account("ppkbd", self.desa_c.code), self.ppkbd_c)
        self.assertIsNone(bench_pages.account("nobody", self.desa_a.code))

    def test_a_page_the_account_may_not_open_stops_the_benchmark(self):
        with self.assertRaises(PermissionDenied):
            bench_pages.measure("/keluarga/", self.pimpinan, 1)
