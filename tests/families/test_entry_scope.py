"""Every family page answers only inside the user's scope; refused writes change nothing.

ppkbd_a, pkb, koordinator_a and admin see family_a (dusun A1); sub_ppkbd_a too (its dusun);
ppkbd_c sees only family_c; mitra_a and pimpinan see no personal data at all.
"""

from django.urls import reverse

from impsmart.families.models import ContraceptiveEpisode, Family, Member
from tests.families.world import FamilyWorld


class FamilyPageScopeTests(FamilyWorld):
    def outsiders(self):
        return [None, self.ppkbd_c, self.mitra_a, self.pimpinan]

    def family_urls(self):
        pk, wife = self.family_a.pk, self.wife_a.pk
        return [
            reverse("families:detail", args=[pk]),
            reverse("families:edit", args=[pk]),
            reverse("families:ks", args=[pk]),
            reverse("families:member_create", args=[pk]),
            reverse("families:member_edit", args=[wife]),
            reverse("families:member_exit", args=[wife]),
            *[
                reverse("families:woman_event", args=[wife, e])
                for e in ("mulai", "ganti", "berhenti", "hamil", "hasil", "keinginan")
            ],
        ]

    def test_family_pages_are_seen_inside_scope_only(self):
        for url in self.family_urls():
            self.assertVisible(url, [self.ppkbd_a, self.pkb, self.sub_ppkbd_a, self.admin])
            self.assertNotVisible(url, self.outsiders())

    def test_out_of_scope_family_pages_are_not_found(self):
        for user in (self.ppkbd_c, self.mitra_a, self.pimpinan):
            self.client.force_login(user)
            for url in self.family_urls():
                self.assertEqual(self.client.get(url).status_code, 404, f"{user} {url}")

    def test_refused_posts_change_nothing(self):
        before = (
            Family.objects.count(),
            Member.objects.count(),
            ContraceptiveEpisode.objects.count(),
        )
        posts = {
            reverse("families:edit", args=[self.family_a.pk]): {
                "region_code": self.dusun_c1.code,
                "address": "Pindah",
            },
            reverse("families:ks", args=[self.family_a.pk]): {"ks1_makan": "on"},
            reverse("families:member_create", args=[self.family_a.pk]): {
                "name": "Penyusup",
                "sex": "L",
                "birth_date": "2000-01-01",
                "relation": "anak",
                "marital_status": "belum_kawin",
            },
            reverse("families:member_edit", args=[self.wife_a.pk]): {"name": "Diubah"},
            reverse("families:member_exit", args=[self.wife_a.pk]): {
                "left_on": "2025-01-01",
                "reason": "pindah",
            },
            reverse("families:woman_event", args=[self.wife_a.pk, "mulai"]): {
                "method": "PIL",
                "start_date": "2025-01-01",
            },
        }
        for url, data in posts.items():
            self.assertPostRefused(url, data, self.outsiders())
        self.assertPostRefused(
            reverse("families:create"),
            {
                "region_code": self.desa_a.code,
                "kk_number": "7306060101250077",
                "registered_on": "2025-01-01",
            },
            [None, self.mitra_a, self.pimpinan],
        )
        after = (
            Family.objects.count(),
            Member.objects.count(),
            ContraceptiveEpisode.objects.count(),
        )
        self.assertEqual(before, after)
        self.family_a.refresh_from_db()
        name = self.wife_a.name
        self.wife_a.refresh_from_db()
        self.assertEqual(
            (self.family_a.address, self.family_a.ks_answers), ("Jl. Poros Malino", {})
        )
        self.assertEqual((self.wife_a.name, self.wife_a.left_on), (name, None))

    def test_the_list_shows_families_in_scope_only(self):
        url = reverse("families:list")
        self.assertVisible(url, [self.ppkbd_a, self.pkb, self.sub_ppkbd_a, self.admin])
        self.assertNotVisible(url, [None, self.mitra_a, self.pimpinan])
        self.client.force_login(self.ppkbd_a)
        self.assertContains(self.client.get(url), self.family_a.kk_number)
        self.assertNotContains(self.client.get(url), self.family_c.kk_number)
        region_list = f"{url}?wilayah={self.desa_c.code}"
        self.assertNotVisible(region_list, [self.ppkbd_a, self.pkb, self.mitra_a])
        self.assertVisible(region_list, [self.ppkbd_c, self.admin])

    def test_a_family_is_added_only_inside_scope(self):
        url = reverse("families:create")
        self.assertVisible(url, [self.ppkbd_a, self.sub_ppkbd_a, self.admin])
        self.assertNotVisible(url, [None, self.mitra_a, self.pimpinan])
        self.client.force_login(self.ppkbd_a)
        response = self.client.post(
            url,
            {
                "region_code": self.desa_c.code,
                "kk_number": "7306010101250077",
                "registered_on": "2025-01-01",
            },
        )
        self.assertContains(response, "Pilih dusun/desa di wilayah kerja Anda.")
        self.assertFalse(Family.objects.filter(kk_number="7306010101250077").exists())
        choices = dict(response.context["form"].fields["region_code"].choices)
        self.assertEqual(set(choices), {self.desa_a.code, self.dusun_a1.code, self.dusun_a2.code})
