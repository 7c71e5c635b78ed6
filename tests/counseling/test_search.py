"""“Cari ibu (PUS)” offers the PUS of today only, by name or NIK, inside the user's scope."""

import datetime as dt

from django.urls import reverse

from impsmart import dates
from impsmart.families import actions
from tests.counseling.world import CounselingWorld
from tests.families.world import make_couple


class ClientSearchTests(CounselingWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        rename = {"name": "Siti Aminah"}
        cls.mother = actions.update_member(actor=cls.ppkbd_a, member=cls.wife_a, **rename)
        cls.daughter = actions.add_member(
            actor=cls.ppkbd_a,
            family=cls.family_a,
            name="Nur Aminah",
            sex="P",
            birth_date=dates.years_before(dates.today(), 12),
            relation="anak",
            marital_status="belum_kawin",
        )
        _f, cls.grandmother, _h = make_couple(cls.ppkbd_a, cls.dusun_a1.code, dt.date(1971, 5, 5))
        actions.update_member(actor=cls.ppkbd_a, member=cls.grandmother, name="Hj. Aminah")
        actions.update_member(actor=cls.ppkbd_c, member=cls.wife_c, name="Sitti Aminah")

    def found(self, query: str, user=None) -> list[int]:
        self.client.force_login(user or self.ppkbd_a)
        response = self.client.get(reverse("counseling:index"), {"q": query})
        return [m.pk for m in response.context["found"]]

    def test_only_a_pus_is_offered_not_a_daughter_nor_a_woman_past_49(self):
        self.assertEqual(self.found("aminah"), [self.mother.pk])
        self.assertEqual(self.found(self.mother.nik), [self.mother.pk])
        self.assertEqual(self.found(self.grandmother.nik), [])

    def test_a_married_woman_without_a_linked_husband_is_not_offered(self):
        actions.add_member(
            actor=self.ppkbd_a,
            family=self.family_a,
            name="Rahmawati Aminah",
            sex="P",
            birth_date=dt.date(1996, 1, 1),
            relation="menantu",
            marital_status="kawin",
        )
        self.assertEqual(self.found("aminah"), [self.mother.pk])

    def test_a_pus_outside_the_scope_is_never_offered(self):
        self.assertEqual(self.found("aminah", self.ppkbd_c), [self.wife_c.pk])
        self.assertEqual(self.found(self.wife_c.nik), [])
        self.assertEqual(self.found("aminah", self.pkb), [self.mother.pk])

    def test_the_live_search_answers_with_the_results_alone(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(
            reverse("counseling:index"), {"q": "nur aminah"}, headers={"HX-Request": "true"}
        )
        self.assertTemplateUsed(response, "counseling/_search_results.html")
        self.assertContains(response, "Tidak ada PUS yang cocok dengan “nur aminah”.")
