"""bench/bench_monitoring.py on the test world: two timings against the 1 s target."""

from bench import bench_monitoring

from tests.dashboard import MapWorld


class BenchMonitoringTests(MapWorld):
    def test_scorecard_and_trends_are_timed_against_one_second(self):
        results = bench_monitoring.run({"repeat": 1, "kabupaten": "73.06"})
        self.assertEqual(
            [r["name"] for r in results],
            ["monitoring_scorecard_kabupaten", "monitoring_trends_24_months_kabupaten"],
        )
        for r in results:
            self.assertEqual(set(r), {"name", "value", "unit", "reference", "ratio"})
            self.assertGreater(r["value"], 0)
            self.assertEqual((r["unit"], r["reference"]), ("ms", 1000.0))
