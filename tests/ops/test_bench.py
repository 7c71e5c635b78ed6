"""``impsmart bench`` end to end on a small demo: the JSON contract and positive values."""

import json
import subprocess
import sys

from django.test import SimpleTestCase

KEYS = {"name", "value", "unit", "reference", "ratio"}


class BenchCommandTests(SimpleTestCase):
    def test_bench_prints_the_benchmarks_as_json(self):
        done = subprocess.run(
            [sys.executable, "-m", "impsmart.cli", "bench", "--families", "300", "--format",
             "json", "--repeat", "1", "--load-clients", "2", "--load-seconds", "2"],
            capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
        self.assertEqual(done.returncode, 0, done.stderr[-3000:])
        benchmarks = json.loads(done.stdout)["benchmarks"]
        names = [b["name"] for b in benchmarks]
        self.assertIn("demo_generation_300_families", names)
        self.assertIn("import_400_rows", names)
        for benchmark in benchmarks:
            self.assertEqual(set(benchmark), KEYS)
            least = 0 if benchmark["unit"] == "count" else 1e-12  # errors, lost writes: 0
            self.assertGreaterEqual(benchmark["value"], least, benchmark["name"])
            if benchmark["unit"] == "count":
                continue  # a count's target is 0: no ratio
            if benchmark["reference"] is not None:
                self.assertGreater(benchmark["reference"], 0)
                self.assertGreater(benchmark["ratio"], 0)
