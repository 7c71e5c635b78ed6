"""bench/bench_load.py: the write check catches a lost or a doubled write. The tiny load run
end to end (2 cadres against ``impsmart serve``) is checked with the other benchmarks in
tests/ops/test_bench.py."""

import datetime as dt

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

    def test_a_pair_written_again_needs_only_its_last_value(self):
        """Past RECENT_DAYS rounds a cadre's write corrects the row of an earlier one."""
        seen = [*SEEN, (SEEN[0][0], DAY, "TIAL")]
        stored = [(SEEN[0][0], DAY, "TIAL"), *SEEN[1:]]
        self.assertEqual(bench_load.write_check(seen, stored), {"lost": [], "duplicated": []})
        check = bench_load.write_check(seen, list(SEEN))
        self.assertEqual(check["lost"], [seen[-1]])

    def test_a_write_stored_twice_is_duplicated(self):
        check = bench_load.write_check(SEEN, [*SEEN, SEEN[1]])
        self.assertEqual(check, {"lost": [], "duplicated": [SEEN[1]]})

    def test_writes_of_one_cadre_never_share_a_woman_and_day(self):
        cadre = bench_load.Cadre("kader", "73.06.01.1001.01", [1], [10, 11, 12])
        keys = [bench_load.write_for(cadre, n, DAY)[2][:2] for n in range(60)]
        self.assertEqual(len(set(keys)), 60)


class WindowTests(SimpleTestCase):
    """A run cut into windows: each whole window's requests/s and p95 from what was answered
    in it; the unfinished last stretch and answers outside the run are left out, and a
    window without an answer shows as one (a stalled server is the slowest window)."""

    def test_each_window_counts_what_was_answered_in_it(self):
        answered = [(100.5, 0.1), (101.0, 0.3), (105.0, 0.2), (112.0, 0.9), (119.9, 0.5)]
        found = bench_load.windows(answered, start=100.0, seconds=20.0, width=10.0)
        self.assertEqual(found, [(0.3, 300.0), (0.2, 900.0)])

    def test_answers_before_the_run_and_in_its_unfinished_end_are_left_out(self):
        answered = [(99.0, 5.0), (100.0, 0.1), (121.0, 7.0)]
        found = bench_load.windows(answered, start=100.0, seconds=25.0, width=10.0)
        self.assertEqual(found, [(0.1, 100.0), (0.0, None)])
