"""The family list finds people by any member's name or NIK, the KK, the address or the dusun."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impsmart.families import actions, listing, search
from impsmart.families.identity import nik_for
from impsmart.families.listing import PAGE_SIZE
from tests.families.world import FamilyWorld


def add_daughter(actor, family, name: str, serial: int):
    born = dt.date(2016, 2, 2)
    return actions.add_member(
        actor=actor,
        family=family,
        name=name,
        sex="P",
        birth_date=born,
        relation="anak",
        marital_status="belum_kawin",
        nik=nik_for(family.region_code.replace(".", "")[:6], born, "P", serial),
    )


class FamilySearchTests(FamilyWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.daughter_a = add_daughter(cls.ppkbd_a, cls.family_a, "Siti Aminah", 501)
        cls.daughter_c = add_daughter(cls.ppkbd_c, cls.family_c, "Siti Aminah", 502)

    def search(self, query: str, user=None, **params):
        self.client.force_login(user or self.ppkbd_a)
        return self.client.get(reverse("families:list"), {"q": query, **params})

    def found(self, response) -> list[int]:
        return [family.pk for family in response.context["page"]]

    def test_a_member_who_is_not_the_head_is_found_by_name_and_shown(self):
        response = self.search("aminah")
        self.assertEqual(self.found(response), [self.family_a.pk])
        self.assertEqual(response.context["page"][0].people, [self.daughter_a])
        text = response.content.decode()
        self.assertIn(f"#anggota-{self.daughter_a.pk}", text)
        self.assertIn("<b>Siti Aminah</b></a> (anak)", text)
        self.assertIn(f"— KK {self.family_a.kk_number}, {self.dusun_a1}", text)
        self.assertIn(f"Kepala keluarga: {self.husband_a.name}", text)

    def test_a_member_is_found_by_nik_and_a_family_by_kk_number(self):
        by_nik = self.search(self.daughter_a.nik[:14])
        self.assertEqual(self.found(by_nik), [self.family_a.pk])
        self.assertEqual(by_nik.context["page"][0].people, [self.daughter_a])
        by_kk = self.search(self.family_a.kk_number[:12])
        self.assertEqual(self.found(by_kk), [self.family_a.pk])
        self.assertEqual(by_kk.context["page"][0].people, [])
        self.assertContains(by_kk, f"<b>{self.husband_a.name}</b></a> (kepala keluarga)")

    def test_a_family_is_found_by_address_and_by_dusun_name(self):
        self.assertEqual(self.found(self.search("poros malino")), [self.family_a.pk])
        self.assertEqual(self.found(self.search("bontoa")), [self.family_a.pk])
        self.assertEqual(self.found(self.search("tamalate", self.ppkbd_c)), [self.family_c.pk])

    def test_an_out_of_scope_family_is_never_found(self):
        detail_c = reverse("families:detail", args=[self.family_c.pk])
        for query in ("aminah", self.daughter_c.nik, self.family_c.kk_number, "tamalate"):
            response = self.search(query)
            self.assertNotIn(self.family_c.pk, self.found(response), query)
            self.assertNotContains(response, detail_c)
        self.assertEqual(self.found(self.search("aminah", self.ppkbd_c)), [self.family_c.pk])
        self.assertEqual(self.found(self.search("aminah", self.pkb)), [self.family_a.pk])
        self.assertEqual(self.found(self.search("bontoa", self.sub_ppkbd_a)), [self.family_a.pk])
        response = self.search("aminah", self.mitra_a)
        self.assertEqual(response.status_code, 403)

    def test_results_are_paginated_with_the_same_queries_for_every_page(self):
        self.search("aminah")  # signs in
        with CaptureQueriesContext(connection) as one_row:
            self.assertEqual(len(self.found(self.search("aminah"))), 1)
        for n in range(PAGE_SIZE):
            family = actions.create_family(
                actor=self.ppkbd_a,
                region_code=self.dusun_a2.code,
                kk_number=f"73060601019{n:05d}",
                registered_on=dt.date(2025, 1, 1),
            )
            add_daughter(self.ppkbd_a, family, f"Nur Aminah {n}", 600 + n)
        with CaptureQueriesContext(connection) as full_page:
            response = self.search("aminah")
        self.assertEqual(len(self.found(response)), PAGE_SIZE)
        self.assertEqual(len(full_page), len(one_row))
        self.assertEqual(response.context["page"].paginator.count, PAGE_SIZE + 1)
        second = self.found(self.search("aminah", page=2))
        self.assertEqual(len(second), 1)
        # A desa's matches are read in one go, a kecamatan's counted and paged: the same pages.
        self.assertEqual(self.found(self.search("aminah", self.koordinator_a, page=2)), second)

    def test_the_live_search_answers_with_the_results_alone(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(
            reverse("families:list"), {"q": "aminah"}, headers={"HX-Request": "true"}
        )
        self.assertTemplateUsed(response, "families/_family_results.html")
        self.assertTemplateNotUsed(response, "families/family_list.html")
        self.assertContains(response, "Siti Aminah")

    def test_names_matched_among_the_families_or_among_everyone_find_the_same(self):
        for user in (self.ppkbd_a, self.ppkbd_c, self.pkb, self.admin):
            families = listing.in_scope(user, "", "")
            for query in ("siti", "aminah", "7306", "Poros", "zzz", "suami"):
                with self.subTest(user=user.username, query=query):
                    few = search.find_families(families, query, few=True)
                    every = search.find_families(families, query, few=False)
                    self.assertEqual(
                        sorted(few.values_list("pk", flat=True)),
                        sorted(every.values_list("pk", flat=True)),
                    )
        found = search.find_families(listing.in_scope(self.ppkbd_a, "", ""), "aminah")
        self.assertEqual(list(found.values_list("pk", flat=True)), [self.family_a.pk])
