"""Each indicator of domain.md §5 for desa A in June 2026 (the world is described in __init__)."""

import datetime as dt

from impsmart.families import contraception as kb
from impsmart.groups.models import Group, Membership
from impsmart.regions.models import Region
from impsmart.reports.engine import compute, trace
from tests.reports import JUNE, ReportWorld

JULY, MAY = dt.date(2026, 7, 31), dt.date(2026, 5, 31)


class IndicatorTests(ReportWorld):
    def figures(self, month=JUNE, form="REKAP_PUS", region=None):
        report = compute(form, region or self.desa_a.code, month)
        return {row["code"]: row["value"] for row in report["rows"]}

    def test_the_status_of_every_pus_is_counted_once(self):
        f = self.figures()
        self.assertEqual(f["pus"], 9)  # w_old is 50: not a PUS
        self.assertEqual(f["keluarga"], 10)
        self.assertEqual(
            [f["pa_pil"], f["pa_implan"], f["pa_iud"], f["pa_suntik1"], f["pa_suntik3"]],
            [1, 1, 1, 1, 1],
        )
        self.assertEqual(
            [f["pa_total"], f["pa_suntik"], f["pa_mkjp"], f["pa_non_mkjp"]], [5, 2, 2, 3]
        )
        self.assertEqual([f["pa_pemerintah"], f["pa_swasta"]], [3, 2])
        self.assertEqual(
            [f["hamil"], f["ias"], f["iat"], f["tial"], f["status_unknown"]], [1, 1, 1, 1, 0]
        )
        self.assertEqual(f["unmet_need"], 2)

    def test_new_acceptors_are_first_ever_or_first_after_a_pregnancy(self):
        f = self.figures()
        self.assertEqual([f["pb_total"], f["pb_pil"], f["pb_suntik3"]], [2, 1, 1])
        self.assertEqual(f["pb_implan"] + f["pb_iud"] + f["pb_suntik1"], 0)
        members = set(trace("pb_total", self.desa_a.code, JUNE))
        self.assertEqual(members, {self.w_first, self.w_postpartum})
        # The switching woman was a new acceptor when she first started, in January 2025.
        self.assertEqual(self.figures(dt.date(2025, 1, 31))["pb_suntik3"], 1)

    def test_a_switch_within_3_months_is_ganti_cara_and_a_longer_gap_kb_ulang(self):
        f = self.figures()
        self.assertEqual(f["ganti_cara"], 2)
        self.assertEqual(f["kb_ulang"], 1)
        self.assertEqual(
            set(trace("ganti_cara", self.desa_a.code, JUNE)), {self.w_switch, self.w_gap_switch}
        )
        self.assertEqual(list(trace("kb_ulang", self.desa_a.code, JUNE)), [self.w_restart])

    def test_the_same_method_again_within_3_months_is_neither(self):
        wife = self.wife(self.dusun_a1.code, dt.date(1995, 5, 5))
        kb.start_method(
            actor=self.ppkbd_a, member=wife, method="PIL", start_date=dt.date(2025, 1, 1)
        )
        kb.stop_method(
            actor=self.ppkbd_a, member=wife, end_date=dt.date(2026, 5, 1), reason="akses"
        )
        kb.start_method(
            actor=self.ppkbd_a, member=wife, method="PIL", start_date=dt.date(2026, 6, 1)
        )
        f = self.figures()
        self.assertEqual([f["pb_total"], f["ganti_cara"], f["kb_ulang"]], [2, 2, 1])

    def test_a_drop_out_counts_three_months_after_stopping_and_only_then(self):
        self.assertEqual(self.figures()["drop_out"], 1)
        self.assertEqual(list(trace("drop_out", self.desa_a.code, JUNE)), [self.w_dropout])
        self.assertEqual(self.figures(JULY)["drop_out"], 0)
        self.assertEqual(self.figures(MAY)["drop_out"], 0)

    def test_a_woman_back_on_a_method_is_no_drop_out(self):
        kb.start_method(
            actor=self.ppkbd_a, member=self.w_dropout, method="PIL", start_date=dt.date(2026, 6, 29)
        )
        self.assertEqual(self.figures()["drop_out"], 0)

    def test_percentages_are_recomputed_and_rounded_to_one_decimal(self):
        f = self.figures()
        self.assertEqual(f["mcpr"], 55.6)  # 5 / 9
        self.assertEqual(f["pct_mkjp"], 40.0)  # 2 / 5
        self.assertEqual(f["pct_unmet"], 22.2)  # 2 / 9
        empty = (
            Region.objects.filter(level="desa")
            .exclude(code__in=[self.desa_a.code, self.desa_b.code, self.desa_c.code])
            .first()
        )
        self.assertEqual(self.figures(region=empty.code)["pus"], 0)
        self.assertIsNone(self.figures(region=empty.code)["mcpr"])

    def test_status_figures_trace_to_the_pus_behind_them(self):
        code = self.desa_a.code
        self.assertEqual(list(trace("hamil", code, JUNE)), [self.w_pregnant])
        self.assertEqual(set(trace("unmet_need", code, JUNE)), {self.w_dropout, self.w_tial})
        self.assertEqual(
            set(trace("pa_swasta", code, JUNE)), {self.w_gap_switch, self.w_postpartum}
        )
        self.assertEqual(trace("pus", code, JUNE).count(), 9)

    def test_poktan_targets_and_members_come_from_the_families(self):
        f = self.figures(form="REKAP_KELUARGA")
        # w_ias (born 8 August 2001) is 24: her family is a BKR target; nobody is under 6 or 60+.
        self.assertEqual([f["sasaran_bkb"], f["sasaran_bkr"], f["sasaran_bkl"]], [0, 1, 0])
        family = self.w_first.family
        group = Group.objects.create(
            code="BKB-x", kind="BKB", name="BKB", region_code=self.desa_a.code
        )
        Membership.objects.create(group=group, family=family, started_on=dt.date(2026, 7, 1))
        self.assertEqual(self.figures(form="REKAP_KELUARGA")["anggota_bkb"], 0)  # not yet in June
        Membership.objects.filter(family=family).update(started_on=dt.date(2026, 6, 30))
        self.assertEqual(self.figures(form="REKAP_KELUARGA")["anggota_bkb"], 1)
