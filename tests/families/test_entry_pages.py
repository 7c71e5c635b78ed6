"""A cadre enters families, members and a woman's KB history from a phone."""

import datetime as dt

from django.urls import reverse

from impsmart.families.identity import nik_for
from impsmart.families.models import Family, Member
from tests.families.world import FamilyWorld

KK = "7306060101250099"


class CoupleEntryTests(FamilyWorld):
    def member_data(self, **changes):
        birth = dt.date(1996, 4, 9)
        data = {
            "name": "Hasnah",
            "nik": nik_for("730606", birth, "P", 77),
            "sex": "P",
            "birth_date": birth.isoformat(),
            "relation": "istri",
            "marital_status": "kawin",
        }
        return {**data, **changes}

    def test_a_ppkbd_adds_a_couple_and_switches_her_method(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.post(
            reverse("families:create"),
            {
                "region_code": self.dusun_a2.code,
                "kk_number": KK,
                "address": "Jl. Poros Malino 7",
                "jkn": "true",
                "registered_on": "2025-01-02",
            },
        )
        family = Family.objects.get(kk_number=KK)
        self.assertRedirects(response, reverse("families:detail", args=[family.pk]))
        add = reverse("families:member_create", args=[family.pk])
        self.assertEqual(self.client.post(add, self.member_data()).status_code, 302)
        wife = family.members.get(name="Hasnah")
        husband_birth = dt.date(1992, 8, 1)
        response = self.client.post(
            add,
            {
                "name": "Syamsul",
                "nik": nik_for("730606", husband_birth, "L", 78),
                "sex": "L",
                "birth_date": husband_birth.isoformat(),
                "relation": "kepala",
                "marital_status": "kawin",
                "spouse": wife.pk,
            },
        )
        self.assertEqual(response.status_code, 302)
        wife.refresh_from_db()
        self.assertEqual(wife.spouse.name, "Syamsul")

        start = reverse("families:woman_event", args=[wife.pk, "mulai"])
        self.assertContains(self.client.get(start), 'type="date"')
        self.client.post(
            start,
            {
                "method": "SUNTIK3",
                "start_date": "2025-02-01",
                "jalur": "pemerintah",
                "place": "puskesmas",
            },
        )
        switch = reverse("families:woman_event", args=[wife.pk, "ganti"])
        form = self.client.get(switch).context["form"]
        self.assertEqual(
            (form["jalur"].value(), form["place"].value()), ("pemerintah", "puskesmas")
        )
        response = self.client.post(
            switch,
            {
                "method": "IMPLAN",
                "start_date": "2025-06-01",
                "jalur": "pemerintah",
                "place": "puskesmas",
            },
        )
        self.assertRedirects(response, reverse("families:detail", args=[family.pk]))
        page = self.client.get(reverse("families:detail", args=[family.pk]))
        self.assertContains(page, '<span class="status">Implan</span>', html=True)
        self.assertContains(page, "Ganti cara")
        self.assertEqual(
            list(wife.episodes.values_list("method", "end_reason")),
            [("SUNTIK3", "ganti_cara"), ("IMPLAN", "")],
        )

    def test_a_bad_nik_is_explained_and_what_was_typed_stays(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("families:member_create", args=[self.family_a.pk])
        response = self.client.post(url, self.member_data(nik="73060612", name="Nur Aisyah"))
        self.assertContains(response, "NIK harus 16 angka")
        self.assertContains(response, 'value="Nur Aisyah"')
        self.assertContains(response, 'value="73060612"')
        self.assertFalse(Member.objects.filter(name="Nur Aisyah").exists())

    def test_a_nik_contradicting_the_birth_date_needs_the_confirm_box(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("families:member_create", args=[self.family_a.pk])
        data = self.member_data(
            birth_date="1996-05-09", relation="lainnya", marital_status="belum_kawin"
        )
        response = self.client.post(url, data)
        self.assertContains(response, "Tanggal lahir di NIK")
        self.assertContains(response, "Saya sudah memeriksa, tetap simpan")
        self.assertContains(response, 'value="1996-05-09"')
        self.assertFalse(Member.objects.filter(name="Hasnah").exists())
        response = self.client.post(url, {**data, "confirmed": "on"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Member.objects.get(name="Hasnah").nik_mismatch_confirmed)

    def test_a_husband_cannot_be_linked_to_another_man(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("families:member_create", args=[self.family_a.pk])
        data = self.member_data(
            name="Anak Laki", sex="L", nik="", relation="lainnya", spouse=self.husband_a.pk
        )
        response = self.client.post(url, data)
        self.assertContains(response, "Pilih istri (perempuan) dan suami (laki-laki).")
        self.assertFalse(Member.objects.filter(name="Anak Laki").exists())
