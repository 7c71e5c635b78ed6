"""Report pages: who sees the list, a report, its review buttons and the PUS behind a figure."""

import datetime as dt

from django.urls import reverse

from impsmart.reports import actions
from impsmart.reports.models import Report
from tests.reports import ReportWorld

JUNE = dt.date(2026, 6, 1)


class ReportPageTests(ReportWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.report = actions.refresh_draft(
            actor=cls.ppkbd_a, form="REKAP_PUS", region_code=cls.desa_a.code, month=JUNE
        )

    def test_the_list_shows_reports_in_scope(self):
        url = reverse("reports:list") + "?bulan=2026-06"
        self.assertNotVisible(url, [None, self.mitra_a])
        self.assertVisible(url, [self.ppkbd_c])
        self.assertNotContains(self.client.get(url), self.desa_a.code)
        self.assertVisible(url, [self.ppkbd_a, self.pkb, self.koordinator_a, self.pimpinan])
        self.assertContains(self.client.get(url), self.desa_a.code)

    def test_a_leader_reads_the_region_name_and_the_rows_official_labels(self):
        self.client.force_login(self.pimpinan)
        listing = self.client.get(reverse("reports:list") + "?bulan=2026-06")
        self.assertContains(listing, f'{self.desa_a} <small class="code">{self.desa_a.code}')
        self.assertContains(listing, "Rekapitulasi PUS dan Peserta KB")
        page = self.client.get(reverse("reports:detail", args=[self.report.pk])).content.decode()
        self.assertIn("Peserta KB aktif (PA) seluruhnya", page)
        self.assertIn("Status belum diketahui", page)
        for code in ["pa_total", "pb_pil", "status_unknown", "REKAP_PUS"]:
            self.assertNotIn(f">{code}<", page)

    def test_preparing_a_report_is_for_the_cadre_of_that_region(self):
        url = reverse("reports:prepare")
        data = {"form": "REKAP_PUS", "region": self.desa_a.code, "bulan": "2026-06"}
        self.assertPostRefused(url, data, [None, self.ppkbd_c, self.mitra_a, self.pkb, self.admin])
        self.assertEqual(Report.objects.count(), 1)

    def test_the_detail_page_is_scoped_and_offers_the_allowed_step_only(self):
        url = reverse("reports:detail", args=[self.report.pk])
        self.assertNotVisible(url, [None, self.ppkbd_c, self.mitra_a, self.sub_ppkbd_a])
        self.assertVisible(url, [self.pkb, self.koordinator_a, self.pimpinan])
        self.assertNotContains(self.client.get(url), "Kirim laporan")
        self.assertVisible(url, [self.ppkbd_a])
        page = self.client.get(url).content.decode()
        self.assertIn("Kirim laporan", page)
        self.assertIn("Laporan terlambat", page)  # June is past its due date
        self.assertNotIn("Verifikasi</button>", page)
        self.assertIn("Jumlah PUS", page)

    def test_a_step_is_refused_outside_scope_and_role(self):
        url = reverse("reports:step", args=[self.report.pk, "kirim"])
        self.assertPostRefused(
            url,
            {"late_reason": "sinyal"},
            [None, self.ppkbd_c, self.pkb, self.pimpinan, self.mitra_a],
        )
        self.assertEqual(Report.objects.get(pk=self.report.pk).status, "draft")

    def test_figures_link_to_the_pus_behind_them_for_field_staff_only(self):
        url = reverse("reports:trace", args=[self.report.pk, "pa_total"])
        self.assertNotVisible(url, [None, self.ppkbd_c, self.pimpinan, self.mitra_a])
        self.assertVisible(url, [self.pkb, self.koordinator_a, self.ppkbd_a])
        page = self.client.get(url).content.decode()
        self.assertIn(self.w_first.name, page)
        self.assertNotIn(self.w_ias.name, page)
        detail = reverse("reports:detail", args=[self.report.pk])
        self.client.force_login(self.pimpinan)
        self.assertNotContains(self.client.get(detail), url)
        self.client.force_login(self.ppkbd_a)
        self.assertContains(self.client.get(detail), url)

    def test_downloads_reuse_the_exports_and_are_scoped(self):
        url = reverse("reports:download", args=[self.report.pk, "csv"])
        self.assertNotVisible(url, [None, self.ppkbd_c, self.mitra_a])
        self.assertVisible(url, [self.ppkbd_a, self.pimpinan])
        self.assertIn("pus", self.client.get(url).content.decode())
        for fmt in ("json", "xlsx", "pdf"):
            url = reverse("reports:download", args=[self.report.pk, fmt])
            self.assertEqual(self.client.get(url).status_code, 200, fmt)
        self.assertEqual(self.client.get(url.replace(".pdf", ".doc")).status_code, 404)
