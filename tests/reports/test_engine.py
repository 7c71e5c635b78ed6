"""The engine: the report shape, the balance rule, totals as sums of columns, scope, errors."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from impsmart.families.models import Member
from impsmart.regions.models import Region
from impsmart.reports.engine import ReportError, compute, compute_tree, load_or_compute, trace
from impsmart.reports.forms_catalog import FORMS, PERCENT
from tests.base import KECAMATAN_A
from tests.reports import JUNE, ReportWorld

BALANCE = ["pa_total", "hamil", "ias", "iat", "tial", "status_unknown"]


def values(figures):
    return {row["code"]: row["value"] for row in figures} if isinstance(figures, list) else figures


class EngineTests(ReportWorld):
    def assertBalanced(self, report):
        for column in [values(report["rows"]), *report["breakdown"].values()]:
            self.assertEqual(column["pus"], sum(column[code] for code in BALANCE), report)

    def test_the_balance_rule_holds_at_every_level_form_and_month(self):
        regions = [self.dusun_a1.code, self.desa_a.code, KECAMATAN_A, self.kabupaten.code]
        pus_forms = [code for code, form in FORMS.items() if "pus" in {r.code for r in form.rows}]
        for month in [dt.date(2025, 1, 31), dt.date(2026, 3, 31), JUNE]:
            for form in pus_forms:
                for region in regions:
                    self.assertBalanced(compute(form, region, month))

    def test_a_kecamatan_total_is_the_sum_of_its_desa_columns(self):
        report = compute("REKAP_PUS", KECAMATAN_A, JUNE)
        desa = list(Region.objects.filter(parent_id=KECAMATAN_A).values_list("code", flat=True))
        self.assertEqual(list(report["breakdown"]), sorted(desa))
        self.assertEqual(report["breakdown"][self.desa_a.code]["pus"], 9)
        self.assertEqual(report["breakdown"][self.desa_b.code]["pa_iud"], 1)
        form = FORMS["REKAP_PUS"]
        for row in report["rows"]:
            if form.row(row["code"]).kind == PERCENT:
                continue
            columns = sum(c[row["code"]] for c in report["breakdown"].values())
            self.assertEqual(row["value"], columns, row["code"])
        self.assertEqual(values(report["rows"])["mcpr"], 60.0)  # 6 / 10, not a sum of columns

    def test_a_desa_is_broken_down_by_dusun_and_families_on_the_desa_itself(self):
        report = compute("REKAP_PUS", self.desa_a.code, JUNE)
        breakdown = report["breakdown"]
        self.assertEqual(
            list(breakdown), [self.dusun_a1.code, self.dusun_a2.code, self.desa_a.code]
        )
        self.assertEqual([breakdown[c]["pus"] for c in breakdown], [4, 4, 1])
        self.assertEqual(breakdown[self.desa_a.code]["tial"], 1)

    def test_a_kabupaten_has_a_column_per_kecamatan(self):
        report = compute("REKAP_PUS", self.kabupaten.code, JUNE)
        self.assertEqual(len(report["breakdown"]), 18)
        self.assertEqual(values(report["rows"])["pus"], 11)
        self.assertEqual(report["breakdown"][KECAMATAN_A]["pus"], 10)

    def test_one_pass_over_the_kabupaten_gives_every_report_compute_gives(self):
        levels = ("desa", "kecamatan", "kabupaten")
        for form in FORMS:
            if form == "F_I_DAL":  # desa only: F_II_DAL's tree gives its desa reports
                continue
            tree = compute_tree(form, self.kabupaten.code, JUNE, levels)
            self.assertEqual(len(tree), 167 + 18 + 1)
            for code in [self.desa_a.code, self.desa_c.code, KECAMATAN_A, self.kabupaten.code]:
                desa = code in (self.desa_a.code, self.desa_c.code)
                expected = compute("F_I_DAL" if desa and form == "F_II_DAL" else form, code, JUNE)
                self.assertEqual({**tree[code], "form": expected["form"]}, expected, code)

    def test_the_report_has_the_contract_shape(self):
        report = load_or_compute("REKAP_PUS", self.desa_a.code, dt.date(2026, 6, 1))
        self.assertEqual(set(report), {"form", "region", "month", "status", "rows", "breakdown"})
        self.assertEqual((report["month"], report["status"]), ("2026-06", "draft"))
        self.assertEqual(set(report["rows"][0]), {"code", "label", "value"})
        self.assertEqual(
            [r["code"] for r in report["rows"]], [r.code for r in FORMS["REKAP_PUS"].rows]
        )

    def test_a_kecamatan_report_takes_a_handful_of_queries(self):
        compute("REKAP_PUS", KECAMATAN_A, JUNE)  # the first report of a month stores it
        with CaptureQueriesContext(connection) as queries:
            compute("REKAP_PUS", KECAMATAN_A, JUNE)
        self.assertLessEqual(len(queries), 7)
        with CaptureQueriesContext(connection) as kabupaten:
            compute("REKAP_KELUARGA", self.kabupaten.code, JUNE)
        self.assertLessEqual(len(kabupaten), 7)

    def test_scoped_members_limit_the_figures(self):
        mine = Member.objects.visible_to(self.ppkbd_a)
        report = compute("REKAP_PUS", KECAMATAN_A, JUNE, members=mine)
        self.assertEqual(values(report["rows"])["pus"], 9)
        self.assertEqual(values(report["rows"])["keluarga"], 10)
        self.assertEqual(report["breakdown"][self.desa_b.code]["pus"], 0)
        nothing = compute(
            "REKAP_PUS", KECAMATAN_A, JUNE, members=Member.objects.visible_to(self.ppkbd_c)
        )
        self.assertEqual(values(nothing["rows"])["pus"], 0)
        self.assertEqual(trace("pus", KECAMATAN_A, JUNE, members=mine).count(), 9)

    def test_unknown_forms_regions_and_levels_are_refused_in_indonesian(self):
        with self.assertRaisesMessage(ReportError, "Formulir 'F_X' tidak dikenal"):
            compute("F_X", self.desa_a.code, JUNE)
        with self.assertRaisesMessage(ReportError, "Wilayah dengan kode '73.99' tidak ditemukan"):
            compute("REKAP_PUS", "73.99", JUNE)
        with self.assertRaisesMessage(ReportError, "tidak dibuat untuk tingkat Provinsi"):
            compute("REKAP_PUS", "73", JUNE)
        with self.assertRaisesMessage(ReportError, "tidak dapat ditelusuri"):
            trace("keluarga", self.desa_a.code, JUNE)
