"""The cadre's home answers "what do I do today": confirmations, then the ten most urgent visits."""

import datetime as dt
import re

from django.test import override_settings
from django.urls import reverse

from impsmart import dates
from impsmart.accounts.audit import acting_as
from impsmart.counseling import actions, visits
from impsmart.families import contraception
from tests.counseling.world import CounselingWorld
from tests.families.world import make_couple

DAY = dt.timedelta(days=1)
TODAY = dates.today()  # 2026-11-18, pinned by tests/conftest.py
VISIT_ROW = re.compile(r'<li id="visit-(\w+)-(\d+)">')


class CadreHomeTests(CounselingWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actor = cls.ppkbd_a
        # Thirteen women who stopped the pill 0..12 days ago: drop-outs to visit.
        cls.stopped = {}
        for days in range(13):
            _f, wife, _h = make_couple(actor, cls.dusun_a2.code, dt.date(1990 + days % 9, 2, 2))
            with acting_as(actor):
                contraception.start_method(
                    actor=actor, member=wife, method="PIL", start_date=dt.date(2024, 1, 1)
                )
                contraception.stop_method(
                    actor=actor, member=wife, end_date=TODAY - days * DAY, reason="efek_samping"
                )
            cls.stopped[days] = wife
        # wife_a was referred for an implant and served: it waits for the cadre's confirmation.
        with acting_as(actor):
            cls.referral = actions.create_referral(
                actor=actor,
                member=cls.wife_a,
                facility=cls.puskesmas_a,
                reason="Ingin implan",
                sent_on=TODAY - 10 * DAY,
                method_wanted="IMPLAN",
            )
        with acting_as(cls.mitra_a):
            actions.answer_referral(
                actor=cls.mitra_a,
                referral=cls.referral,
                served=True,
                served_on=TODAY - 2 * DAY,
                method="IMPLAN",
                jalur="pemerintah",
            )

    def rows(self, url: str) -> list[tuple[str, int]]:
        self.client.force_login(self.ppkbd_a)
        html = self.client.get(url).content.decode()
        return [(kind, int(pk)) for kind, pk in VISIT_ROW.findall(html)]

    def test_home_shows_the_confirmation_first_then_the_ten_most_urgent_visits(self):
        rows = self.rows(reverse("dashboard:home"))
        self.assertEqual(rows[0], ("confirm", self.wife_a.pk))
        self.assertEqual(
            rows[1:], [("drop_out", self.stopped[days].pk) for days in range(12, 2, -1)]
        )

    def test_home_links_to_the_full_list_which_holds_every_visit(self):
        self.client.force_login(self.ppkbd_a)
        home = self.client.get(reverse("dashboard:home"))
        self.assertContains(home, f'href="{reverse("counseling:visits")}">Lihat semua (14)')
        rows = self.rows(reverse("counseling:visits"))
        self.assertEqual(len(rows), 14)
        self.assertEqual(rows[0], ("confirm", self.wife_a.pk))
        self.assertEqual(rows[-1], ("drop_out", self.stopped[0].pk))

    def test_overdue_items_say_how_many_days_late_and_today_is_not_late(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("counseling:visits"))
        self.assertContains(page, "TERLAMBAT 12 hari")
        self.assertContains(page, "TERLAMBAT 1 hari")
        self.assertContains(page, "JATUH TEMPO hari ini", count=1)  # stopped today
        self.assertContains(page, "MENUNGGU KONFIRMASI ANDA", count=1)
        self.assertNotContains(page, "TERLAMBAT 0 hari")
        self.assertNotContains(page, "TERLAMBAT -")

    def test_no_late_item_is_due_today_or_later_on_any_day(self):
        for day in ("2026-11-01", "2026-11-30", "2026-12-01", "2027-01-31", "2027-02-15"):
            with self.subTest(day=day), override_settings(IMPSMART_TODAY=day):
                today = dates.today()
                for item in visits.visit_list(self.ppkbd_a):
                    self.assertGreaterEqual(item.days_late, 0)
                    self.assertGreaterEqual(item.days_left, 0)
                    if item.state in ("terlambat", "berisiko"):
                        self.assertLess(item.due, today, item)
                        self.assertGreater(item.days_late, 0, item)

    @override_settings(IMPSMART_TODAY="2026-12-01")
    def test_the_visit_form_offers_the_day_the_product_says_it_is(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("counseling:visits"))
        self.assertContains(page, 'name="date" value="2026-12-01" max="2026-12-01"')

    def test_the_family_page_asks_for_the_confirmation_until_it_is_given(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("families:detail", args=[self.family_a.pk])
        detail = reverse("counseling:referral_detail", args=[self.referral.pk])
        page = self.client.get(url)
        self.assertContains(page, "menunggu konfirmasi Anda")
        self.assertContains(page, f'href="{detail}"')
        self.client.post(reverse("counseling:referral_confirm", args=[self.referral.pk]))
        self.assertNotContains(self.client.get(url), "menunggu konfirmasi Anda")
        self.assertNotIn("confirm", [kind for kind, _pk in self.rows(reverse("dashboard:home"))])


class DataQualityPeriodTests(CounselingWorld):
    def page(self):
        self.client.force_login(self.ppkbd_a)
        return self.client.get(reverse("families:quality", args=[self.desa_a.code]))

    @override_settings(IMPSMART_TODAY="2026-12-01")
    def test_on_the_first_of_december_this_month_is_december_and_november_is_complete(self):
        page = self.page()
        self.assertContains(page, "1 Desember 2026 (bulan ini: Desember 2026)")
        self.assertContains(page, "bulan lengkap terakhir, November 2026")
        self.assertContains(page, "per 30 November 2026")
        self.assertNotContains(page, "31 Desember")

    @override_settings(IMPSMART_TODAY="2026-11-30")
    def test_on_the_last_day_of_a_month_that_month_is_not_yet_complete(self):
        page = self.page()
        self.assertContains(page, "(bulan ini: November 2026)")
        self.assertContains(page, "bulan lengkap terakhir, Oktober 2026")

    def test_what_she_can_fix_is_apart_from_what_is_information_only(self):
        _f, old, _h = make_couple(self.ppkbd_a, self.dusun_a1.code, dt.date(1970, 1, 1))
        html = self.page().content.decode()
        to_fix, information = html.split('id="informasi"')
        self.assertIn("Perlu Anda perbaiki", to_fix)
        wife_a, old = f'#anggota-{self.wife_a.pk}"', f'#anggota-{old.pk}"'
        self.assertIn(wife_a, to_fix)  # status unknown: record her method or wish
        self.assertNotIn(old, to_fix)
        self.assertIn(old, information)  # 56 and married: no longer a PUS
        self.assertNotIn(wife_a, information)
