"""The calendar, desa states per kecamatan and the kabupaten heat table."""

import datetime as dt

from django.urls import reverse

from impsmart.regions.models import Level, Region
from impsmart.reports import calendar, completeness
from impsmart.reports.models import Report, ReportCalendar, Status
from tests.base import KABUPATEN, KECAMATAN_A, World

MAY = dt.date(2026, 5, 1)


def at(day: int, month: int = 6) -> dt.datetime:
    return dt.datetime(2026, month, day, 9, 0, tzinfo=dt.UTC)


class CompletenessWorld(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.desa = list(Region.objects.filter(parent_id=KECAMATAN_A).order_by("code"))
        a, b, c = cls.desa[:3]
        cls.on_time = cls.report(a, Status.APPROVED, at(4))
        cls.late = cls.report(b, Status.APPROVED, at(8), late_reason="sinyal")
        cls.returned = cls.report(c, Status.RETURNED, at(2), returned_reason="PUS kurang")
        # Desa D: approved on time, a correction (version 2) still in draft: still counts.
        d = cls.desa[3]
        first = cls.report(d, Status.APPROVED, at(5))
        cls.report(d, Status.DRAFT, None, version=2, supersedes=first)

    @classmethod
    def report(cls, desa, status, submitted_at, **extra):
        return Report.objects.create(
            form="REKAP_PUS",
            region_code=desa.code,
            level=Level.DESA,
            month=MAY,
            status=status,
            submitted_at=submitted_at,
            figures={"rows": [{"code": "pus", "label": "PUS", "value": 10}], "breakdown": {}},
            **extra,
        )


class CalendarTests(CompletenessWorld):
    def test_due_dates_follow_the_default_calendar(self):
        days = calendar.due_days(self.desa[0].code)
        self.assertEqual(calendar.due_date(MAY, "desa", days), dt.date(2026, 6, 5))
        self.assertEqual(
            calendar.due_date(dt.date(2026, 12, 1), "kabupaten", days), dt.date(2027, 1, 15)
        )
        self.assertTrue(calendar.submitted_on_time(self.on_time))
        self.assertFalse(calendar.submitted_on_time(self.late))

    def test_a_kabupaten_sets_its_own_due_days(self):
        ReportCalendar.objects.create(region_code=KABUPATEN, due_days={"desa": 10})
        self.assertTrue(calendar.submitted_on_time(self.late))
        self.assertEqual(calendar.due_days(self.desa[0].code)["kecamatan"], 10)


class DesaStateTests(CompletenessWorld):
    def test_each_desa_has_one_state_for_the_month(self):
        states = completeness.desa_states("REKAP_PUS", KECAMATAN_A, [MAY])
        by_desa = [states[(d.code, MAY)].state for d in self.desa]
        self.assertEqual(by_desa[:4], ["disetujui", "terlambat", "dikembalikan", "disetujui"])
        self.assertEqual(set(by_desa[4:]), {"belum"})
        self.assertEqual(states[(self.desa[1].code, MAY)].late_reason, "Sinyal/jaringan")

    def test_the_kecamatan_page_lists_every_desa(self):
        url = reverse("reports:kecamatan_status", args=[KECAMATAN_A]) + "?bulan=2026-05"
        self.assertNotVisible(url, [None, self.ppkbd_a, self.pkb, self.ppkbd_c, self.mitra_a])
        self.assertVisible(url, [self.koordinator_a, self.admin, self.pimpinan])
        page = self.client.get(url).content.decode()
        self.assertIn(f"2 dari {len(self.desa)} desa disetujui tepat waktu", page)
        self.assertIn("PUS kurang", page)
        self.assertIn("Sinyal/jaringan", page)
        self.assertIn("Belum lapor", page)

    def test_the_heat_table_shows_the_share_approved_on_time(self):
        months = completeness.last_months(dt.date(2026, 6, 1), 2)
        self.assertEqual(months, [MAY, dt.date(2026, 6, 1)])
        table = completeness.heat_table("REKAP_PUS", KABUPATEN, months)
        self.assertEqual(len(table), Region.objects.filter(parent_id=KABUPATEN).count())
        row = next(line for line in table if line["region"].code == KECAMATAN_A)
        may, june = row["cells"]
        self.assertEqual((may["done"], may["total"]), (2, len(self.desa)))
        self.assertEqual(may["pct"], round(200 / len(self.desa), 1))
        self.assertEqual(june["done"], 0)
        other = next(line for line in table if line["region"].code != KECAMATAN_A)
        self.assertEqual(other["cells"][0]["done"], 0)

    def test_the_heat_table_is_for_dinas_and_leaders(self):
        url = reverse("reports:kabupaten_heat", args=[KABUPATEN]) + "?bulan=2026-06"
        self.assertNotVisible(
            url, [None, self.koordinator_a, self.pkb, self.ppkbd_a, self.ppkbd_c, self.mitra_a]
        )
        self.assertVisible(url, [self.admin, self.pimpinan])
        self.assertContains(self.client.get(url), "Bontomarannu")
