"""Institution, board and partner writes through the pages: audited, checked, never deleted."""

import datetime as dt

from django.urls import reverse

from impsmart.accounts.models import AuditEvent
from impsmart.organization.models import BoardSeat, Institution, Partner, PartnerActivity
from tests.organization.world import OrganizationWorld


class InstitutionWriteTests(OrganizationWorld):
    def test_a_pkb_adds_an_institution_in_her_desa_binaan(self):
        self.client.force_login(self.pkb)
        response = self.client.post(
            reverse("organization:institution_create"),
            {
                "level": "ppkbd",
                "region_code": self.desa_b.code,
                "name": "PPKBD B",
                "funding": ["add"],
            },
        )
        made = Institution.objects.get(name="PPKBD B")
        self.assertRedirects(response, reverse("organization:institution_detail", args=[made.pk]))
        self.assertEqual(made.code, f"ppkbd.{self.desa_b.code}")
        event = AuditEvent.objects.get(model="organization.Institution", object_pk=str(made.pk))
        self.assertEqual(event.actor, self.pkb)

    def test_the_level_must_fit_the_region(self):
        self.client.force_login(self.admin)
        response = self.client.post(
            reverse("organization:institution_create"),
            {"level": "sub_ppkbd", "region_code": self.desa_b.code, "name": "Sub salah"},
        )
        self.assertContains(response, "dibentuk di Dusun/Lingkungan atau RW")
        self.assertFalse(Institution.objects.filter(name="Sub salah").exists())

    def test_deactivating_keeps_the_institution_and_ends_its_tenures(self):
        self.client.force_login(self.koordinator_a)
        self.client.post(reverse("organization:institution_deactivate", args=[self.ppkbd.pk]))
        self.ppkbd.refresh_from_db()
        self.assertFalse(self.ppkbd.active)
        self.assertEqual(self.ppkbd.deactivated_on, dt.date(2026, 11, 18))
        self.seat_ketua.refresh_from_db()
        self.assertEqual(self.seat_ketua.ended_on, dt.date(2026, 11, 18))
        self.assertTrue(
            AuditEvent.objects.filter(model="organization.Institution", action="update").exists()
        )
        listed = self.client.get(reverse("organization:institution_list"), {"aktif": "tidak"})
        self.assertContains(listed, "PPKBD A")

    def test_a_new_holder_ends_the_previous_tenure_and_history_stays(self):
        self.client.force_login(self.pkb)
        url = reverse("organization:seat_assign", args=[self.ppkbd.pk])
        response = self.client.post(
            url,
            {"seat": "ketua", "member_nik": self.wife_a.nik, "started_on": "2026-06-01"},
        )
        self.assertRedirects(
            response, reverse("organization:institution_detail", args=[self.ppkbd.pk])
        )
        self.seat_ketua.refresh_from_db()
        self.assertEqual(self.seat_ketua.ended_on, dt.date(2026, 6, 1))
        new = BoardSeat.objects.get(ended_on__isnull=True, seat="ketua")
        self.assertEqual((new.member, new.name), (self.wife_a, self.wife_a.name))
        page = self.client.get(reverse("organization:institution_detail", args=[self.ppkbd.pk]))
        self.assertContains(page, "Riwayat pengurus")
        self.assertContains(page, "tunggal")
        # A member of another region's register is not found.
        response = self.client.post(
            url, {"seat": "sekretaris", "member_nik": self.wife_c.nik, "started_on": "2026-06-01"}
        )
        self.assertContains(response, "tidak ada di register wilayah")
        # A typed name; then ending a tenure.
        self.client.post(
            url, {"seat": "sekretaris", "name": "Ibu Sekretaris", "started_on": "2026-06-01"}
        )
        self.client.post(
            url, {"seat": "bendahara", "name": "Ibu Bendahara", "started_on": "2026-06-01"}
        )
        page = self.client.get(reverse("organization:institution_detail", args=[self.ppkbd.pk]))
        self.assertContains(page, "kolektif")
        seat = BoardSeat.objects.get(name="Ibu Sekretaris")
        self.client.post(
            reverse("organization:seat_end", args=[seat.pk]), {"ended_on": "2026-10-01"}
        )
        seat.refresh_from_db()
        self.assertEqual(seat.ended_on, dt.date(2026, 10, 1))
        self.assertEqual(
            AuditEvent.objects.filter(model="organization.BoardSeat", actor=self.pkb).count(), 5
        )

    def test_a_successor_cannot_start_before_the_holder(self):
        self.client.force_login(self.pkb)
        response = self.client.post(
            reverse("organization:seat_assign", args=[self.ppkbd.pk]),
            {"seat": "ketua", "name": "Terlalu awal", "started_on": "2023-01-01"},
        )
        self.assertContains(response, "tidak boleh sebelumnya")
        self.assertFalse(BoardSeat.objects.filter(name="Terlalu awal").exists())

    def test_the_list_filters_by_level_region_and_grade(self):
        self.client.force_login(self.admin)
        url = reverse("organization:institution_list")
        page = self.client.get(url, {"tingkat": "sub_ppkbd"})
        self.assertContains(page, "Sub-PPKBD A1")
        self.assertNotContains(page, "PPKBD C")
        page = self.client.get(url, {"wilayah": "73.06.01"})
        self.assertContains(page, "PPKBD C")
        self.assertNotContains(page, "Sub-PPKBD A1")
        page = self.client.get(url, {"kelas": "belum"})
        self.assertContains(page, "PPKBD C")
        self.assertNotContains(self.client.get(url, {"kelas": "mandiri"}), "PPKBD C")


class PartnerWriteTests(OrganizationWorld):
    def test_contacts_and_activities_are_recorded_and_counted_per_month(self):
        self.client.force_login(self.koordinator_a)
        self.client.post(
            reverse("organization:contact_add", args=[self.partner_a.pk]),
            {"name": "dr. Ani", "position": "Kepala Puskesmas", "phone": "0812 3456 789"},
        )
        for day in ("2026-10-03", "2026-11-05", "2026-11-05"):  # the repeat stores once
            self.client.post(
                reverse("organization:activity_add", args=[self.partner_a.pk]),
                {"kind": "pelayanan_kb", "date": day, "region_code": self.desa_a.code},
            )
        self.assertEqual(self.partner_a.contacts.get().name, "dr. Ani")
        self.assertEqual(PartnerActivity.objects.count(), 2)
        self.assertEqual(AuditEvent.objects.filter(model="organization.PartnerActivity").count(), 2)
        listed = self.client.get(reverse("organization:partner_list"))
        self.assertContains(listed, "11/2026: <b>1</b>", html=False)

    def test_a_bad_phone_is_refused(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(
            reverse("organization:contact_add", args=[self.partner_a.pk]),
            {"name": "Pak Babinsa", "phone": "telepon saya"},
        )
        self.assertContains(response, "angka saja")
        self.assertFalse(self.partner_a.contacts.exists())

    def test_a_puskesmas_partner_links_its_facility(self):
        self.client.force_login(self.koordinator_a)
        self.client.post(
            reverse("organization:partner_create"),
            {
                "kind": "bidan_desa",
                "name": "Bidan Desa A",
                "region_code": self.desa_a.code,
                "facility": self.puskesmas_a.pk,
            },
        )
        partner = Partner.objects.get(name="Bidan Desa A")
        self.assertEqual(partner.facility, self.puskesmas_a)
        page = self.client.get(reverse("organization:partner_detail", args=[partner.pk]))
        self.assertContains(page, "Puskesmas Bontomarannu")
