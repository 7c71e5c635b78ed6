"""The family list finds people by any member's name or NIK, the KK, the address or the dusun."""

import datetime as dt

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.families import actions, family_text, listing, search
from impsmart.families.identity import nik_for
from impsmart.families.listing import PAGE_SIZE
from impsmart.families.models import Family, FamilyText
from impsmart.regions.models import Level, Region
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

    def test_the_stored_text_finds_what_the_members_and_addresses_hold(self):
        dusun = dict(Region.objects.filter(level=Level.DUSUN).values_list("code", "name"))

        def defined(user, query: str) -> list[int]:
            """Families in scope with a member's name, the address, the dusun's name or the
            KK/NIK matching (the world's families live in a dusun)."""
            found = []
            for family in listing.in_scope(user, "", "").prefetch_related("members"):
                texts = [family.address, dusun[family.region_code]]
                texts += [m.name for m in family.members.all()]
                numbers = [family.kk_number, *(m.nik for m in family.members.all())]
                if query.isdigit():
                    matched = any(n.startswith(query) for n in numbers)
                else:
                    matched = any(query.lower() in text.lower() for text in texts)
                if matched:
                    found.append(family.pk)
            return sorted(found)

        for user in (self.ppkbd_a, self.ppkbd_c, self.pkb, self.admin):
            families = listing.in_scope(user, "", "")
            for query in ("siti", "AMINAH", "7306", "Poros", "zzz", "suami", "Bontoa", "i a"):
                with self.subTest(user=user.username, query=query):
                    found = search.find_families(families, query, user.scope_codes)
                    self.assertEqual(
                        sorted(found.values_list("pk", flat=True)), defined(user, query)
                    )
        found = search.find_families(listing.in_scope(self.ppkbd_a, "", ""), "aminah", ["73.06"])
        self.assertEqual(list(found.values_list("pk", flat=True)), [self.family_a.pk])

    def test_every_write_keeps_the_stored_text(self):
        def stored() -> set[tuple]:
            rows = FamilyText.objects.values_list("family_id", "region_code", "text")
            return {(pk, code, tuple(sorted(text.split("\n")))) for pk, code, text in rows}

        def defined() -> set[tuple]:
            rows = set()
            for family in Family.objects.prefetch_related("members"):
                names = [m.name.upper() for m in family.members.all()]
                lines = [family.address.upper(), *(names or [""])]
                rows.add((family.pk, family.region_code, tuple(sorted(lines))))
            return rows

        ppkbd = self.ppkbd_a
        self.assertEqual(stored(), defined())
        self.assertEqual(self.found(self.search("nurhayati")), [])
        with acting_as(ppkbd):
            actions.update_member(actor=ppkbd, member=self.daughter_a, name="Nurhayati")
        self.assertEqual(stored(), defined())
        self.assertEqual(self.found(self.search("nurhayati")), [self.family_a.pk])
        self.assertEqual(self.found(self.search("aminah")), [])
        with acting_as(ppkbd):
            actions.update_family(actor=ppkbd, family=self.family_a, address="Jl. Kenanga 3")
            actions.update_family(actor=ppkbd, family=self.family_a, region_code=self.dusun_a2.code)
            moved = add_daughter(ppkbd, self.family_a, "Rahmawati", 503)
            family = actions.create_family(
                actor=ppkbd,
                region_code=self.dusun_a1.code,
                kk_number="7306060101990001",
                registered_on=dt.date(2025, 1, 1),
            )
        self.assertEqual(stored(), defined())
        self.assertEqual(self.found(self.search("kenanga")), [self.family_a.pk])
        self.assertEqual(self.found(self.search("poros malino")), [])
        moved.family = family
        moved.save()
        self.assertEqual(stored(), defined())
        self.assertEqual(self.found(self.search("rahmawati")), [family.pk])
        moved.delete()
        self.assertEqual(stored(), defined())
        self.assertEqual(self.found(self.search("rahmawati")), [])
        with transaction.atomic():  # a write rolled back leaves the text as it was
            self.daughter_a.name = "Sitti Hajar"
            self.daughter_a.save()
            transaction.set_rollback(True)
        self.assertEqual(self.found(self.search("hajar")), [])
        family_text.rebuild()
        self.assertEqual(stored(), defined())
