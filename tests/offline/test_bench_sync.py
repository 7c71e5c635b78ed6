"""bench/bench_sync.py on the test world: the runner's keys, sizes that add up, no trace."""

from bench import bench_sync

from impsmart.accounts.models import User
from impsmart.counseling.models import Visit
from tests.offline.world import OfflineWorld


class TestBenchSync(OfflineWorld):
    def test_it_measures_both_syncs_of_the_largest_desa_and_leaves_nothing(self):
        self.assertEqual(bench_sync.largest_desa(), self.desa_a.code)
        visits = Visit.objects.count()
        rows = bench_sync.run(None)
        self.assertEqual([r["name"] for r in rows], [
            "sync_first_kb_gzip_3_families", "sync_first_seconds_3g",
            "sync_after_20_entries_kb", "sync_after_20_entries_seconds_3g",
        ])  # fmt: skip
        for row in rows:
            self.assertEqual(set(row), {"name", "value", "unit", "reference", "ratio"})
            self.assertGreater(row["value"], 0)
        self.assertGreater(rows[1]["value"], 3 * bench_sync.RTT)
        self.assertEqual(Visit.objects.count(), visits)
        self.assertFalse(User.objects.filter(username="bench_sync").exists())

    def test_link_time_is_round_trips_plus_bytes_at_400_kbps(self):
        self.assertAlmostEqual(bench_sync.link_seconds(0.1, 2, 0, 50_000), 0.1 + 1.2 + 1.0)
