"""Reports that do not mislead: early sending is confirmed, nothing is late before its due date,
no month to come is shown or made, and the report list agrees with the completeness page."""

import datetime as dt
import re

from django.test import override_settings
from django.urls import reverse

from impsmart.regions.models import Level, Region
from impsmart.reports import actions, completeness
from impsmart.reports.models import Report, Status
from impsmart.reports.workflow import WorkflowError
from tests.base import KABUPATEN, KECAMATAN_A, World

NOVEMBER = dt.date(2026, 11, 1)  # due for a desa on 5 December (the default calendar)
DECEMBER = dt.date(2026, 12, 1)
COUNTS = re.compile(r"(\d+) dari (\d+) desa sudah dikirim · (\d+) disetujui · (\d+) terlambat")


class EarlySubmissionTests(World):
    def draft(self, month):
        return actions.refresh_draft(
            actor=self.ppkbd_a, form="REKAP_PUS", region_code=self.desa_a.code, month=month
        )

    def send(self, report, **data):
        self.client.force_login(self.ppkbd_a)
        url = reverse("reports:step", args=[report.pk, "kirim"])
        return self.client.post(url, data, follow=True)

    @override_settings(IMPSMART_TODAY="2026-12-01")
    def test_sending_a_month_before_it_ends_asks_and_says_why(self):
        report = self.draft(DECEMBER)
        self.client.force_login(self.ppkbd_a)
        question = "Bulan Desember 2026 belum selesai; data bisa berubah sampai 31 Desember. "
        question += "Kirim juga?"
        detail = self.client.get(reverse("reports:detail", args=[report.pk]))
        self.assertContains(detail, question)
        self.assertContains(detail, 'name="kirim_juga"')
        self.assertContains(self.send(report), question)
        self.assertEqual(Report.objects.get(pk=report.pk).status, Status.DRAFT)
        self.send(report, kirim_juga="1")
        self.assertEqual(Report.objects.get(pk=report.pk).status, Status.SUBMITTED)

    def test_on_the_last_day_of_the_month_it_still_asks_and_the_next_day_it_does_not(self):
        with override_settings(IMPSMART_TODAY="2026-11-30"):
            report = self.draft(NOVEMBER)
            self.assertContains(self.send(report), "Bulan November 2026 belum selesai")
            self.assertEqual(Report.objects.get(pk=report.pk).status, Status.DRAFT)
        with override_settings(IMPSMART_TODAY="2026-12-01"):
            page = self.client.get(reverse("reports:detail", args=[report.pk]))
            self.assertNotContains(page, "belum selesai")
            self.send(report)
        report.refresh_from_db()
        self.assertEqual((report.status, report.late_reason), (Status.SUBMITTED, ""))

    @override_settings(IMPSMART_TODAY="2026-12-01")
    def test_a_month_that_has_not_begun_cannot_be_prepared(self):
        with self.assertRaisesMessage(WorkflowError, "Januari 2027 belum dimulai"):
            self.draft(dt.date(2027, 1, 1))
        self.assertFalse(Report.objects.exists())


class DueDayTests(World):
    """November's desa report is due on 5 December: never late before, late from the 6th."""

    def test_a_desa_report_is_late_only_after_its_due_day(self):
        for day, late in (("2026-12-01", False), ("2026-12-05", False), ("2026-12-06", True)):
            with self.subTest(day=day), override_settings(IMPSMART_TODAY=day):
                Report.objects.all().delete()
                report = actions.refresh_draft(
                    actor=self.ppkbd_a,
                    form="REKAP_PUS",
                    region_code=self.desa_a.code,
                    month=NOVEMBER,
                )
                self.client.force_login(self.ppkbd_a)
                detail = self.client.get(reverse("reports:detail", args=[report.pk]))
                self.assertEqual(detail.context["late_now"], late)
                if late:
                    with self.assertRaisesMessage(WorkflowError, "terlambat"):
                        actions.submit(actor=self.ppkbd_a, report=report)
                else:
                    report = actions.submit(actor=self.ppkbd_a, report=report)
                    self.assertEqual(report.late_reason, "")

    def heat(self, bulan=""):
        self.client.force_login(self.admin)
        url = reverse("reports:kabupaten_heat", args=[KABUPATEN])
        response = self.client.get(f"{url}?bulan={bulan}" if bulan else url)
        row = next(r for r in response.context["table"] if r["region"].code == KECAMATAN_A)
        return response, {c["month"]: c for c in row["cells"]}

    def test_the_heat_table_shows_a_month_not_yet_due_as_not_due_not_as_late(self):
        for day, not_due in (("2026-12-01", True), ("2026-12-05", True), ("2026-12-06", False)):
            with self.subTest(day=day), override_settings(IMPSMART_TODAY=day):
                response, cells = self.heat()
                self.assertEqual(cells[NOVEMBER]["not_due"], not_due)
                self.assertTrue(cells[DECEMBER]["not_due"])
                self.assertFalse(cells[dt.date(2026, 10, 1)]["not_due"])
                self.assertContains(response, "belum jatuh tempo")

    @override_settings(IMPSMART_TODAY="2026-12-01")
    def test_the_heat_table_shows_no_month_to_come(self):
        response, cells = self.heat("2027-06")
        self.assertEqual(max(cells), DECEMBER)
        self.assertEqual(response.context["months"][-1], DECEMBER)

    @override_settings(IMPSMART_TODAY="2026-12-01")
    def test_the_kecamatan_page_says_the_month_is_not_yet_due(self):
        self.client.force_login(self.koordinator_a)
        url = reverse("reports:kecamatan_status", args=[KECAMATAN_A]) + "?bulan=2026-11"
        self.assertContains(self.client.get(url), "batas PPKBD: 2026-12-05 (belum jatuh tempo)")
        url = reverse("reports:kecamatan_status", args=[KECAMATAN_A]) + "?bulan=2026-10"
        self.assertNotContains(self.client.get(url), "belum jatuh tempo")


def at(day: int) -> dt.datetime:
    return dt.datetime(2026, 12, day, 9, 0, tzinfo=dt.UTC)


@override_settings(IMPSMART_TODAY="2026-12-15")
class ListAndCompletenessAgreeTests(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b, c, d, e = Region.objects.filter(parent_id=KECAMATAN_A).order_by("code")[:5]
        cls.report(a, Status.APPROVED, at(4))
        cls.report(b, Status.APPROVED, at(8), late_reason="sinyal")  # late, approved
        cls.report(c, Status.RETURNED, at(2), returned_reason="PUS kurang")
        cls.report(d, Status.SUBMITTED, at(9), late_reason="sakit")  # late, in review
        # A correction in draft (version 2) keeps the approved version 1 in.
        first = cls.report(e, Status.APPROVED, at(5))
        cls.report(e, Status.DRAFT, None, version=2, supersedes=first)
        # Another kecamatan's report counts only there.
        other = Region.objects.filter(level=Level.DESA).exclude(code__startswith=KECAMATAN_A)
        cls.report(other.first(), Status.APPROVED, at(3))

    @classmethod
    def report(cls, desa, status, submitted_at, **extra):
        return Report.objects.create(
            form=completeness.FORM,
            region_code=desa.code,
            level=Level.DESA,
            month=NOVEMBER,
            status=status,
            submitted_at=submitted_at,
            figures={"rows": [], "breakdown": {}},
            **extra,
        )

    def counts(self, url):
        self.client.force_login(self.koordinator_a)
        found = COUNTS.findall(self.client.get(url).content.decode())
        self.assertEqual(len(found), 1, url)
        return tuple(int(n) for n in found[0])

    def test_the_report_list_and_the_completeness_page_show_the_same_counts(self):
        listed = self.counts(reverse("reports:list") + "?bulan=2026-11")
        status = self.counts(
            reverse("reports:kecamatan_status", args=[KECAMATAN_A]) + "?bulan=2026-11"
        )
        self.assertEqual(listed, status)
        desa = Region.objects.filter(parent_id=KECAMATAN_A, level=Level.DESA).count()
        self.assertEqual(listed, (4, desa, 3, 2))  # sent a, b, d, e; approved a, b, e; late b, d
