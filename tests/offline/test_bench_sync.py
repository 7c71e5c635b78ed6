"""bench/bench_sync.py's parts that need no browser: whom it measures and how it counts.

The measurement itself (Chromium on a throttled link against the served demo) runs in
``impsmart bench --only bench_sync``; its figures are in CHANGELOG.md."""

from bench import bench_sync
from bench.runner import figure

from impsmart import dates
from impsmart.counseling import actions as counseling
from tests.offline.world import OfflineWorld


class TestBenchSync(OfflineWorld):
    def test_it_signs_in_as_the_ppkbd_of_the_largest_desa_and_visits_its_wives(self):
        desa = bench_sync.largest_desa()
        self.assertEqual(desa, self.desa_a.code)
        self.assertEqual(bench_sync.cadre_of(desa), self.ppkbd_a)
        self.assertIn(self.wife_a.pk, bench_sync.wives(desa))
        # A reused database holds an earlier run's visits of the day: she is left out.
        counseling.record_visit(
            actor=self.ppkbd_a, member=self.wife_a, kind="unmet", outcome="bertemu",
            date=dates.today(),
        )  # fmt: skip
        self.assertNotIn(self.wife_a.pk, bench_sync.wives(desa))
        with self.assertRaisesMessage(RuntimeError, "no PPKBD"):
            bench_sync.cadre_of("99.99.99.9999")

    def test_the_link_is_chromes_slow_3g_and_the_figures_carry_their_targets(self):
        self.assertEqual(bench_sync.SLOW_3G["downloadThroughput"], 400_000 // 8)
        self.assertEqual(bench_sync.SLOW_3G["uploadThroughput"], 400_000 // 8)
        self.assertEqual(bench_sync.SLOW_3G["latency"], 400)
        row = figure("sync_first_install_kb", 512.004, "KB", 1024.0)
        self.assertEqual(row, {"name": "sync_first_install_kb", "value": 512.0, "unit": "KB",
                               "reference": 1024.0, "ratio": 0.5})  # fmt: skip

    def test_the_wire_counts_bodies_sent_and_bytes_received_per_address(self):
        wire = bench_sync.Wire()
        wire.request({"requestId": "1", "request": {"url": "/api/v1/sync", "postData": "é"}})
        wire.request({"requestId": "2", "request": {"url": "/luring/"}})
        wire.finished({"requestId": "1", "encodedDataLength": 300})
        wire.finished({"requestId": "2", "encodedDataLength": 1000.0})
        self.assertEqual((wire.sent, wire.received), (2, 1300))
        self.assertEqual(wire.by_url, {"/api/v1/sync": 300, "/luring/": 1000})
        wire.reset()
        self.assertEqual((wire.sent, wire.received, wire.by_url), (0, 0, {}))
