"""bench/bench_register_write.py on the test world: the runner's keys, nothing left behind,
and a write issues as many queries with 120 stored months as with 24."""

import datetime as dt

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
    def test_run_times_the_write_with_24_and_120_months_and_keeps_only_its_kept_wishes(self):
        self.assertTrue(pus_months.stored(dates.today()))
        wife = bench.pus_wife(dates.today())
        before = state()
        short, long, *events = bench.run({"repeat": 1})
        kept = bench.KEPT + 1  # the first one warms the connection
        months, stored, episodes, intentions, audited = state()
        self.assertEqual([months, stored, episodes], before[:3])
        self.assertEqual([intentions, audited], [before[3] + kept, before[4] + kept])
        days = IntentionRecord.objects.filter(member=wife).order_by("-recorded_on")[:kept]
        first_kept = dates.today() - dt.timedelta(days=2)  # the rolled-back writes' days left
        self.assertEqual(days[0].recorded_on, first_kept)
        self.assertEqual(
            [e["name"] for e in events],
            [
                "register_write_intention_ms",
                "register_write_start_ms",
                "register_write_stop_ms",
                "register_write_intention_kept_ms",
            ],
        )
        self.assertEqual({e["reference"] for e in events}, {30.0})
        self.assertEqual(
            [short["name"], long["name"]], ["register_write_24_months", "register_write_120_months"]
        )
        for result in (short, long, *events):
            self.assertEqual(set(result), KEYS)
            self.assertGreater(result["value"], 0)
        self.assertEqual(long["reference"], short["value"])
        self.assertAlmostEqual(long["ratio"], long["value"] / short["value"], delta=0.02)
        bench.run({"repeat": 1})  # again: each kept wish changes its day's, a write again
        self.assertEqual(state()[3:], [before[3] + kept, before[4] + 2 * kept])

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
