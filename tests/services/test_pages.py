"""Every page of service days and PUP: who sees it (scope, role), and forms refusing bad
input with their message while keeping what was typed."""

import datetime as dt

from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.services import actions
from impsmart.services.models import Invitation, ServiceDay
from tests.services.world import ServiceWorld


class ServicePageScopeTests(ServiceWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with acting_as(cls.ppkbd_a):
            actions.invite(actor=cls.ppkbd_a, service_day=cls.day, members=[cls.wife_a, cls.mother])
            cls.couple = actions.add_couple(
                actor=cls.ppkbd_a, region_code=cls.desa_a.code, bride_name="Nur",
                bride_birth_date=dt.date(2008, 1, 1), groom_name="Budi",
                groom_birth_date=dt.date(2004, 1, 1), planned_on=dt.date(2027, 1, 10),
            )  # fmt: skip

    def url(self, name, *args):
        return reverse(f"services:{name}", args=args)

    def test_the_service_day_list_and_plan_form(self):
        self.assertVisible(self.url("day_list"), [self.ppkbd_a, self.pkb, self.mitra_a, self.admin])
        self.assertNotVisible(self.url("day_list"), [None, self.pimpinan])
        self.assertVisible(self.url("day_create"), [self.ppkbd_a, self.koordinator_a])
        self.assertNotVisible(self.url("day_create"), [None, self.pimpinan, self.mitra_a])

    def test_a_day_is_seen_in_its_region_and_by_its_facility(self):
        day = self.day.pk
        insiders = [self.ppkbd_a, self.sub_ppkbd_a, self.pkb, self.koordinator_a, self.mitra_a]
        outsiders = [None, self.ppkbd_c, self.mitra_c, self.pimpinan]
        for name in ("day_detail", "attendance"):
            self.assertVisible(self.url(name, day), insiders)
            self.assertNotVisible(self.url(name, day), outsiders)
        self.assertVisible(self.url("targets", day), [self.ppkbd_a, self.pkb])
        self.assertNotVisible(self.url("targets", day), [*outsiders, self.mitra_a])
        self.assertVisible(self.url("methods", day), [self.mitra_a])
        self.assertNotVisible(self.url("methods", day), [*outsiders, self.ppkbd_a])
        self.assertPostRefused(
            self.url("confirm", day), {}, [None, self.ppkbd_c, self.mitra_a, self.pimpinan]
        )

    def test_the_day_page_offers_the_invitation_to_send_before_the_day(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(self.url("day_detail", self.day.pk)).content.decode()
        self.assertIn("Tanggal: 18 November 2026", page)
        self.assertIn("Metode: IUD, Implan, Suntik 3 bulan", page)

    def test_the_day_shows_each_user_only_the_women_of_her_scope(self):
        url = self.url("day_detail", self.day.pk)
        for user, shown in ((self.mitra_a, True), (self.ppkbd_a, True), (self.sub_ppkbd_a, False)):
            self.client.force_login(user)
            page = self.client.get(url).content.decode()
            self.assertIn(self.wife_a.name, page, user)
            self.assertEqual(self.mother.name in page, shown, user)

    def test_the_pup_pages(self):
        desa_c = f"?wilayah={self.desa_c.code}"
        for name in ("pup", "youth", "mentoring_create", "couple_create"):
            self.assertVisible(self.url(name), [self.ppkbd_a, self.pkb])
            self.assertNotVisible(self.url(name), [None, self.pimpinan, self.mitra_a])
            self.assertNotVisible(self.url(name) + desa_c, [self.ppkbd_a])
        marry = self.url("couple_marry", self.couple.pk)
        self.assertVisible(marry, [self.ppkbd_a, self.koordinator_a])
        self.assertNotVisible(marry, [None, self.ppkbd_c, self.pimpinan, self.mitra_a])

    def test_inviting_a_woman_outside_the_scope_is_forbidden(self):
        self.client.force_login(self.ppkbd_a)
        url = self.url("targets", self.day.pk)
        response = self.client.post(url, {"members": [self.wife_c.pk]})
        self.assertEqual(response.status_code, 403)
        response = self.client.post(url, {"members": [self.pill.pk]})
        self.assertContains(response, "bukan sasaran pelayanan ini")
        self.assertEqual(Invitation.objects.count(), 2)


class ServiceFormTests(ServiceWorld):
    def test_a_day_dated_years_back_is_refused_and_the_form_keeps_what_was_typed(self):
        self.client.force_login(self.ppkbd_a)
        data = {
            "date": "2016-11-18", "region_code": self.desa_a.code, "place": "Masjid Raya",
            "facility": self.puskesmas_a.pk, "medical_staff": "Bidan Sari", "methods": ["IUD"],
        }  # fmt: skip
        response = self.client.post(reverse("services:day_create"), data)
        self.assertContains(response, "sudah lebih dari 90 hari yang lalu")
        self.assertContains(response, 'value="Masjid Raya"')
        self.assertEqual(ServiceDay.objects.count(), 1)

    def test_the_facility_is_told_which_methods_the_day_offers(self):
        with acting_as(self.ppkbd_a):
            actions.invite(actor=self.ppkbd_a, service_day=self.day, members=[self.wife_a])
        invitation = Invitation.objects.get()
        self.client.force_login(self.mitra_a)
        self.client.post(
            reverse("services:attendance", args=[self.day.pk]), {"present": [invitation.pk]}
        )
        response = self.client.post(
            reverse("services:methods", args=[self.day.pk]),
            {f"method_{invitation.pk}": "MOW", "jalur": "pemerintah"},
        )
        self.assertContains(response, "Pilih salah satu dari: IUD, Implan, Suntik 3 bulan")
        invitation.refresh_from_db()
        self.assertEqual((invitation.attended, invitation.method), (True, ""))
