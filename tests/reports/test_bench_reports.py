"""bench/bench_reports.py on a tiny database: the runner's keys, and DuckDB agrees with us.

The June 2026 world of ``tests.reports`` (PB, PB after a birth, ganti cara, KB ulang, drop-out,
hamil, IAS, IAT, TIAL), and more:
- desa B: the same method resumed (no event), a PUS with nothing recorded, one turning 50 on a
  month's last day, methods stopped on a month's first day, a new method 92 days after the
  last one stopped (still ganti cara), a family closed in May and one
  registered in July;
- dusun A2: a new method while an old one was never closed (gap 0: ganti cara);
- desa C: an IUD fitted on the day of a birth (PB, though the pill ended long before).
"""

import copy
import datetime as dt

from bench import bench_reports
from bench import duckdb_reference as duck

from impsmart.families import actions
from impsmart.families import contraception as kb
from impsmart.families.models import ContraceptiveEpisode, PusMonthBuilt
from impsmart.reports.engine import compute_tree
from impsmart.reports.forms_catalog import get_form
from tests.base import KECAMATAN_A
from tests.reports import JUNE, ReportWorld

KEYS = {"name", "value", "unit", "reference", "ratio"}
D = dt.date
MONTHS = [D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31), JUNE, D(2026, 7, 31)]


class BenchWorld(ReportWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls._desa_b(cls.desa_b.code, cls.pkb)
        cls._births_and_overlaps()

    @classmethod
    def _desa_b(cls, b, pkb):
        cls.w_same = cls.wife(b, D(1995, 2, 2), actor=pkb)
        kb.start_method(actor=pkb, member=cls.w_same, method="PIL", start_date=D(2025, 8, 1))
        kb.stop_method(actor=pkb, member=cls.w_same, end_date=D(2026, 5, 20), reason="akses")
        kb.start_method(actor=pkb, member=cls.w_same, method="PIL", start_date=D(2026, 6, 3))
        cls.w_unknown = cls.wife(b, D(1999, 3, 3), actor=pkb)
        cls.w_fifty = cls.wife(b, D(1976, 6, 30), actor=pkb)  # 50 on 30 June: a PUS until May
        for end in [D(2026, 3, 1), D(2026, 4, 1)]:  # drop-outs in June and in July
            stopped = cls.wife(b, D(1992, 8, 8), actor=pkb)
            kb.start_method(actor=pkb, member=stopped, method="PIL", start_date=D(2025, 11, 1))
            kb.stop_method(actor=pkb, member=stopped, end_date=end, reason="efek_samping")
        cls.w_92_days = cls.wife(b, D(1991, 9, 9), actor=pkb)  # PIL 92 days after: a switch
        kb.start_method(actor=pkb, member=cls.w_92_days, method="SUNTIK3", start_date=D(2025, 9, 1))
        kb.stop_method(actor=pkb, member=cls.w_92_days, end_date=D(2026, 3, 10), reason="akses")
        kb.start_method(actor=pkb, member=cls.w_92_days, method="PIL", start_date=D(2026, 6, 10))
        closed = cls.wife(b, D(1996, 4, 4), actor=pkb)
        actions.update_family(actor=pkb, family=closed.family, closed_on=D(2026, 5, 1))
        late = cls.wife(b, D(1997, 5, 5), actor=pkb)
        actions.update_family(actor=pkb, family=late.family, registered_on=D(2026, 7, 15))

    @classmethod
    def _births_and_overlaps(cls):
        c = cls.ppkbd_c
        cls.w_birth_day = cls.wife(cls.dusun_c1.code, D(1994, 7, 7), actor=c)
        kb.start_method(actor=c, member=cls.w_birth_day, method="PIL", start_date=D(2025, 3, 1))
        pregnancy = kb.record_pregnancy(actor=c, member=cls.w_birth_day, start_date=D(2025, 9, 10))
        kb.record_outcome(
            actor=c, pregnancy=pregnancy, outcome_date=D(2026, 6, 4), outcome="lahir_hidup"
        )
        kb.start_method(actor=c, member=cls.w_birth_day, method="IUD", start_date=D(2026, 6, 4))
        # The actions refuse overlapping episodes; older registers may still hold them.
        cls.w_overlap = cls.wife(cls.dusun_a2.code, D(1993, 6, 6))
        for method, start in [("PIL", D(2025, 2, 1)), ("KONDOM", D(2026, 6, 8))]:
            ContraceptiveEpisode.objects.create(
                member=cls.w_overlap, method=method, start_date=start
            )


class BenchReportsTests(BenchWorld):
    def reference(self, day=JUNE):
        con = duck.load()
        try:
            return duck.report_figures(con, day, self.kabupaten.code)
        finally:
            con.close()

    def test_run_returns_both_benchmarks_with_the_runners_keys(self):
        results = bench_reports.run({"repeat": 1})
        self.assertEqual(
            [r["name"] for r in results],
            [
                "reports_rekap_pus_all_levels",
                "pus_month_store_kabupaten",
                "report_rekap_pus_kecamatan",
            ],
        )
        for result in results:
            self.assertEqual(set(result), KEYS)
            self.assertGreater(result["value"], 0)
        self.assertGreater(results[0]["reference"], 0)

    def test_storing_a_month_agrees_with_duckdb_row_by_row_and_is_rolled_back(self):
        con = duck.load()
        result = bench_reports.bench_store(JUNE, 1, con)
        self.assertEqual(set(result), KEYS)
        self.assertEqual(result["name"], "pus_month_store_kabupaten")
        self.assertFalse(PusMonthBuilt.objects.exists())
        con.execute("UPDATE intention SET intention = 'IAS'")  # DuckDB now disagrees
        with self.assertRaisesMessage(AssertionError, "rows only ours"):
            bench_reports.bench_store(JUNE, 1, con)
        con.close()

    def test_duckdb_counts_each_kind_of_event(self):
        reference = self.reference()
        desa_a = {
            "pus": 10,
            "pa_total": 6,
            "pa_pemerintah": 3,
            "pa_swasta": 2,
            "pb_total": 2,
            "pb_pil": 1,
            "pb_suntik3": 1,
            "ganti_cara": 3,  # a switch, a switch after a gap, a new method over an open one
            "kb_ulang": 1,
            "drop_out": 1,
            "hamil": 1,
            "ias": 1,
            "iat": 1,
            "tial": 1,
            "unmet_need": 2,
        }
        self.assertEqual({k: reference[self.desa_a.code][k] for k in desa_a}, desa_a)
        desa_b = {"keluarga": 7, "pus": 7, "pa_total": 3, "status_unknown": 4, "drop_out": 1}
        self.assertEqual({k: reference[self.desa_b.code][k] for k in desa_b}, desa_b)
        self.assertEqual(reference[self.desa_b.code]["ganti_cara"], 1)  # resuming PIL is none
        self.assertEqual(reference[KECAMATAN_A]["ganti_cara"], 4)
        desa_c = {"pus": 2, "pb_total": 1, "pb_iud": 1, "kb_ulang": 0, "status_unknown": 0}
        self.assertEqual({k: reference[self.desa_c.code][k] for k in desa_c}, desa_c)
        self.assertEqual(reference[self.desa_b.code]["pb_total"], 0)
        july = self.reference(D(2026, 7, 31))[self.desa_b.code]
        self.assertEqual((july["keluarga"], july["drop_out"]), (8, 1))
        self.assertEqual(self.reference(D(2026, 5, 31))[self.desa_b.code]["pus"], 8)

    def test_duckdb_agrees_with_the_engine_on_every_row_month_by_month(self):
        con = duck.load()
        for day in MONTHS:
            tree = compute_tree("REKAP_PUS", self.kabupaten.code, day, bench_reports.LEVELS)
            reference = duck.report_figures(con, day, self.kabupaten.code)
            self.assertIn(self.desa_c.code, tree)
            bench_reports.check_agreement(tree, reference)
        con.close()

    def test_a_difference_in_any_row_of_any_report_fails_the_benchmark(self):
        tree = compute_tree("REKAP_PUS", self.kabupaten.code, JUNE, bench_reports.LEVELS)
        reference = self.reference()
        regions = [self.desa_b.code, KECAMATAN_A, self.kabupaten.code]
        for i, row in enumerate(get_form("REKAP_PUS").rows):
            region = regions[i % len(regions)]
            changed = copy.deepcopy(reference)
            changed[region][row.code] = (changed[region][row.code] or 0) + 1
            with self.assertRaisesMessage(AssertionError, f"{region} {row.code}: engine"):
                bench_reports.check_agreement(tree, changed)
        unknown = {**reference, "73.06.99.9999": {**duck.empty_figures(), "keluarga": 1}}
        with self.assertRaisesMessage(AssertionError, "73.06.99.9999 keluarga"):
            bench_reports.check_agreement(tree, unknown)

    def test_the_largest_kecamatan_is_the_one_with_most_families(self):
        self.assertEqual(bench_reports.largest_kecamatan(self.kabupaten.code), KECAMATAN_A)
