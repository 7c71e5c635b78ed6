"""The smaller entry pages: search, family edit with GPS, KS indicators, mutasi, KB events."""

import datetime as dt

from django.urls import reverse

from impsmart import dates
from impsmart.families.ks import INDICATORS
from tests.families.world import FamilyWorld


class EntryFormTests(FamilyWorld):
    def setUp(self):
        self.client.force_login(self.ppkbd_a)

    def event(self, name, data):
        url = reverse("families:woman_event", args=[self.wife_a.pk, name])
        return self.client.post(url, data)

    def test_the_list_searches_by_name_nik_and_kk_and_answers_htmx_with_the_fragment(self):
        url = reverse("families:list")
        for query in (self.wife_a.name.lower(), self.wife_a.nik, self.family_a.kk_number[:10]):
            self.assertContains(self.client.get(url, {"q": query}), self.family_a.kk_number)
        self.assertNotContains(self.client.get(url, {"q": "tidak ada"}), self.family_a.kk_number)
        fragment = self.client.get(url, {"q": "Istri"}, headers={"HX-Request": "true"})
        self.assertNotContains(fragment, "<html")
        self.assertContains(fragment, self.husband_a.name)
        self.assertContains(fragment, "2 anggota")

    def test_gps_needs_both_coordinates(self):
        url = reverse("families:edit", args=[self.family_a.pk])
        data = {"region_code": self.dusun_a1.code, "address": "Jl. Baru", "lat": "-5.2"}
        self.assertContains(self.client.post(url, data), "Isi lintang dan bujur bersama")
        self.client.post(url, {**data, "lng": "119.6", "jkn": "false"})
        self.family_a.refresh_from_db()
        self.assertEqual(
            (self.family_a.address, self.family_a.lat, self.family_a.lng, self.family_a.jkn),
            ("Jl. Baru", -5.2, 119.6, False),
        )
        self.assertContains(self.client.get(url), "families/location.js")

    def test_ks_indicators_set_the_stage(self):
        ks1 = {code: "on" for code, stage, _ in INDICATORS if stage == "ks1"}
        self.client.post(reverse("families:ks", args=[self.family_a.pk]), ks1)
        self.family_a.refresh_from_db()
        self.assertEqual(self.family_a.ks_stage, "ks1")
        page = self.client.get(reverse("families:ks", args=[self.family_a.pk]))
        self.assertEqual(len(page.context["form"].groups()), 4)
        self.assertTrue(page.context["form"]["ks1_makan"].value())

    def test_a_member_leaves_the_family(self):
        url = reverse("families:member_exit", args=[self.husband_a.pk])
        response = self.client.post(url, {"left_on": "1980-01-01", "reason": "meninggal"})
        self.assertContains(response, "sebelum tanggal lahir Suami")
        self.client.post(url, {"left_on": "2025-03-01", "reason": "meninggal"})
        self.husband_a.refresh_from_db()
        self.assertEqual(self.husband_a.left_reason, "meninggal")
        page = self.client.get(reverse("families:detail", args=[self.family_a.pk]))
        self.assertContains(page, "Meninggal")

    def test_stop_pregnancy_outcome_and_intention_are_a_few_taps_each(self):
        self.event("mulai", {"method": "PIL", "start_date": "2024-02-01"})
        self.assertContains(
            self.event("berhenti", {"end_date": "2024-01-01", "reason": "ingin_hamil"}),
            "Tanggal berhenti harus sesudah tanggal mulai",
        )
        self.event("berhenti", {"end_date": "2024-06-01", "reason": "ingin_hamil"})
        self.assertContains(
            self.event("hasil", {"outcome": "lahir_hidup", "outcome_date": "2024-09-01"}),
            "Tidak ada kehamilan yang sedang berjalan.",
        )
        self.event("hamil", {"start_date": "2024-07-01"})
        self.event("hasil", {"outcome": "lahir_hidup", "outcome_date": "2025-03-20"})
        self.event("keinginan", {"intention": "IAT", "recorded_on": "2025-04-01"})
        self.assertEqual(self.wife_a.pregnancies.get().outcome, "lahir_hidup")
        self.assertEqual(self.wife_a.intentions.get().intention, "IAT")
        page = self.client.get(reverse("families:detail", args=[self.family_a.pk]))
        self.assertContains(page, '<span class="status">Ingin anak ditunda (IAT)</span>', html=True)

    def test_poktan_targets_follow_the_members_ages(self):
        page = self.client.get(reverse("families:detail", args=[self.family_a.pk]))
        self.assertEqual(page.context["targets"], [])
        today = dates.today()
        url = reverse("families:member_create", args=[self.family_a.pk])
        people = (("Balita", 3, "anak"), ("Remaja", 15, "anak"), ("Nenek", 65, "orang_tua"))
        for name, years, relation in people:
            birth = today.replace(year=today.year - years, day=1)
            self.client.post(
                url,
                {
                    "name": name,
                    "sex": "P",
                    "birth_date": birth.isoformat(),
                    "relation": relation,
                    "marital_status": "belum_kawin",
                },
            )
        page = self.client.get(reverse("families:detail", args=[self.family_a.pk]))
        self.assertEqual(page.context["targets"], ["BKB", "BKR", "BKL"])

    def test_the_date_defaults_to_today_and_a_future_date_is_refused(self):
        page = self.client.get(reverse("families:woman_event", args=[self.wife_a.pk, "hamil"]))
        self.assertContains(page, f'value="{dates.today():%Y-%m-%d}"')
        tomorrow = dates.today() + dt.timedelta(days=1)
        self.assertContains(
            self.event("hamil", {"start_date": tomorrow.isoformat()}), "belum terjadi"
        )

    def test_a_method_after_mow_asks_for_confirmation(self):
        self.event("mulai", {"method": "MOW", "start_date": "2020-01-01"})
        self.event("berhenti", {"end_date": "2021-01-01", "reason": "lainnya"})
        response = self.event("mulai", {"method": "PIL", "start_date": "2022-01-01"})
        self.assertContains(response, "Sudah tercatat MOW/MOP")
        self.assertContains(response, "Saya sudah memeriksa, tetap simpan")
        self.event("mulai", {"method": "PIL", "start_date": "2022-01-01", "confirmed": "on"})
        self.assertEqual(self.wife_a.episodes.count(), 2)

    def test_home_and_region_pages_link_the_family_list(self):
        list_url = reverse("families:list")
        self.assertContains(self.client.get(reverse("dashboard:home")), list_url)
        region = self.client.get(reverse("regions:detail", args=[self.desa_a.code]))
        self.assertContains(region, f"{list_url}?wilayah={self.desa_a.code}")
        self.assertContains(region, reverse("families:quality", args=[self.desa_a.code]))
        self.client.force_login(self.pimpinan)
        self.assertNotContains(self.client.get(reverse("dashboard:home")), list_url)
