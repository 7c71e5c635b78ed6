"""bench/bench_load.py: the write check catches a lost or a doubled write; a tiny load run
(2 cadres, 3 s) end to end through ``impsmart bench --load`` against ``impsmart serve``."""

import datetime as dt
import json
import subprocess
import sys

from bench import bench_load
from django.test import SimpleTestCase

DAY = dt.date(2026, 11, 18)
SEEN = [(1, DAY, "IAT"), (2, DAY, "IAS"), (2, DAY - dt.timedelta(days=1), "TIAL")]


class WriteCheckTests(SimpleTestCase):
    def test_every_write_seen_stored_once_passes(self):
        self.assertEqual(bench_load.write_check(SEEN, list(SEEN)), {"lost": [], "duplicated": []})

    def test_a_write_answered_as_stored_but_missing_is_lost(self):
        check = bench_load.write_check(SEEN, SEEN[:2])
        self.assertEqual(check, {"lost": [SEEN[2]], "duplicated": []})

    def test_a_write_stored_with_another_value_is_lost(self):
        stored = [SEEN[0], (2, DAY, "IAT"), SEEN[2]]
        self.assertEqual(bench_load.write_check(SEEN, stored)["lost"], [SEEN[1]])

    def test_a_write_stored_twice_is_duplicated(self):
        check = bench_load.write_check(SEEN, [*SEEN, SEEN[1]])
        self.assertEqual(check, {"lost": [], "duplicated": [SEEN[1]]})

    def test_writes_of_one_cadre_never_share_a_woman_and_day(self):
        cadre = bench_load.Cadre("kader", "73.06.01.1001.01", [1], [10, 11, 12])
        keys = [bench_load.write_for(cadre, n, DAY)[2][:2] for n in range(60)]
        self.assertEqual(len(set(keys)), 60)


class LoadRunTests(SimpleTestCase):
    def test_two_cadres_for_three_seconds_lose_nothing(self):
        done = subprocess.run(
            [sys.executable, "-m", "impsmart.cli", "bench", "--families", "300", "--load",
             "--load-clients", "2", "--load-seconds", "3", "--format", "json"],
            capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
        self.assertEqual(done.returncode, 0, done.stderr[-3000:])
        figures = {b["name"]: b for b in json.loads(done.stdout)["benchmarks"]}
        for page in bench_load.PAGES:
            self.assertEqual(figures[f"load_p95_ms_{page}"]["reference"], 500.0)
            self.assertGreater(figures[f"load_p50_ms_{page}"]["value"], 0)
        self.assertGreater(figures["load_requests_per_s"]["value"], 0)
        self.assertGreater(figures["load_writes_stored"]["value"], 0)
        for count in ("load_errors", "load_writes_lost", "load_writes_duplicated"):
            self.assertEqual(figures[count]["value"], 0, done.stderr[-3000:])
        self.assertLess(figures["load_worker_rss_mb_max"]["value"], 250)
