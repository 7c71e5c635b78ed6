"""``impsmart bench`` end to end on a small demo (Kota Parepare): the JSON contract and positive
values, the machine's pace around the figures, and the load run's write check."""

import json
import subprocess
import sys

from bench import bench_load
from django.test import SimpleTestCase

KEYS = {"name", "value", "unit", "reference", "ratio"}


class BenchCommandTests(SimpleTestCase):
    def test_bench_prints_the_benchmarks_as_json(self):
        done = subprocess.run(
            [sys.executable, "-m", "impsmart.cli", "bench", "--kabupaten", "73.72", "--families",
             "300", "--format", "json", "--repeat", "1", "--load-clients", "2",
             "--load-seconds", "2"],
            capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
        self.assertEqual(done.returncode, 0, done.stderr[-3000:])
        benchmarks = json.loads(done.stdout)["benchmarks"]
        names = [b["name"] for b in benchmarks]
        self.assertIn("demo_generation_300_families", names)
        self.assertIn("import_400_rows", names)
        self.assertEqual(benchmarks[names.index("import_400_rows")]["reference"], 3000.0)
        # The machine's pace after the figures: the end's reference is the start, the
        # slowest's the fastest of those taken before each module and at the end.
        start, end, slowest = benchmarks[-3:]
        self.assertEqual(
            [start["name"], end["name"], slowest["name"]],
            ["machine_pace_ms_start", "machine_pace_ms_end", "machine_pace_ms_slowest"],
        )
        self.assertEqual(end["reference"], start["value"])
        self.assertGreaterEqual(slowest["value"], max(start["value"], end["value"]))
        self.assertLessEqual(slowest["reference"], min(start["value"], end["value"]))
        self.assertIn("machine pace before bench_import", done.stderr)
        for benchmark in benchmarks:
            self.assertEqual(set(benchmark), KEYS)
            least = 0 if benchmark["unit"] == "count" else 1e-12  # errors, lost writes: 0
            self.assertGreaterEqual(benchmark["value"], least, benchmark["name"])
            if benchmark["unit"] == "count":
                continue  # a count's target is 0: no ratio
            if benchmark["reference"] is not None:
                self.assertGreater(benchmark["reference"], 0)
                self.assertGreater(benchmark["ratio"], 0)
        self.assertLoadLostNothing({b["name"]: b for b in benchmarks}, done.stderr)

    def assertLoadLostNothing(self, figures: dict, stderr: str) -> None:
        """The load run (two cadres here) answered every page, and every write it saw is
        stored exactly once."""
        for page in bench_load.PAGES:
            self.assertEqual(figures[f"load_p95_ms_{page}"]["reference"], 500.0)
            self.assertGreater(figures[f"load_p50_ms_{page}"]["value"], 0)
        self.assertGreater(figures["load_requests_per_s"]["value"], 0)
        self.assertGreater(figures["load_requests_per_s_slowest_window"]["value"], 0)
        best, worst = (figures[f"load_p95_ms_{end}_window"]["value"] for end in ("best", "worst"))
        self.assertLessEqual(best, worst)
        self.assertGreater(figures["load_server_cpu_ms_per_request"]["value"], 0)
        self.assertGreater(figures["load_client_cpu_ms_per_request"]["value"], 0)
        self.assertGreater(figures["load_writes_stored"]["value"], 0)
        for count in ("load_errors", "load_writes_lost", "load_writes_duplicated"):
            self.assertEqual(figures[count]["value"], 0, stderr[-3000:])
        self.assertLess(figures["load_worker_rss_mb_max"]["value"], 250)
