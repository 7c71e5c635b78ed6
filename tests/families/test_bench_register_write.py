"""bench/bench_register_write.py on the test world: the runner's keys, nothing left behind,
and a write issues as many queries with 120 stored months as with 24."""

from bench import bench_register_write as bench
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from impsmart import dates
from impsmart.accounts.models import AuditEvent
from impsmart.families import pus_months
from impsmart.families.models import ContraceptiveEpisode, IntentionRecord, PusMonth, PusMonthBuilt
from tests.families.world import FamilyWorld

KEYS = {"name", "value", "unit", "reference", "ratio"}


def state() -> list:
    months = sorted(PusMonthBuilt.objects.values_list("month", flat=True))
    models = (PusMonth, ContraceptiveEpisode, IntentionRecord, AuditEvent)
    return [months, *(model.objects.count() for model in models)]


class BenchRegisterWriteTests(FamilyWorld):
    def test_run_times_the_write_with_24_and_120_months_and_leaves_no_trace(self):
        self.assertTrue(pus_months.stored(dates.today()))
        before = state()
        short, long, *events = bench.run({"repeat": 1})
        self.assertEqual(state(), before)
        self.assertEqual(
            [e["name"] for e in events],
            ["register_write_intention_ms", "register_write_start_ms", "register_write_stop_ms"],
        )
        self.assertEqual({e["reference"] for e in events}, {30.0})
        self.assertEqual(
            [short["name"], long["name"]], ["register_write_24_months", "register_write_120_months"]
        )
        for result in (short, long):
            self.assertEqual(set(result), KEYS)
            self.assertGreater(result["value"], 0)
        self.assertEqual(long["reference"], short["value"])
        self.assertAlmostEqual(long["ratio"], long["value"] / short["value"], delta=0.02)

    def test_the_write_queries_the_same_whatever_the_months_stored(self):
        today = dates.today()
        wife = bench.pus_wife(today)
        self.assertIn(wife, (self.wife_a, self.wife_c))
        desa = ".".join(wife.family.region_code.split(".")[: bench.DESA_SEGMENTS])
        queries = []
        with transaction.atomic():
            for count in (bench.SHORT, bench.LONG):
                bench.store_months(count, desa, today)
                self.assertEqual(PusMonthBuilt.objects.count(), count)
                with CaptureQueriesContext(connection) as captured:
                    bench.write(self.admin, wife, today)
                queries.append(len(captured))
            transaction.set_rollback(True)
        self.assertEqual(queries[0], queries[1])
