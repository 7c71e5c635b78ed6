"""``household.members_of``: a family's members for its page from compiled queries, as the
ORM's select_related and prefetches gave them, inside the user's scope."""

import datetime as dt
from unittest import mock

from django.urls import reverse

from impsmart import compiled
from impsmart.families import actions, contraception, household
from tests.families.world import FamilyWorld, make_couple

D = dt.date


def values(record) -> list | None:
    return record and [getattr(record, f.attname) for f in record._meta.concrete_fields]


class HouseholdTests(FamilyWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actor = cls.ppkbd_a
        for method, start, end in [
            ("PIL", D(2023, 1, 1), D(2023, 6, 1)),
            ("SUNTIK3", D(2024, 3, 1), D(2025, 1, 5)),
        ]:
            contraception.start_method(
                actor=actor, member=cls.wife_a, method=method, start_date=start
            )
            contraception.stop_method(
                actor=actor, member=cls.wife_a, end_date=end, reason="ingin_hamil"
            )
        contraception.record_intention(
            actor=actor, member=cls.wife_a, intention="IAT", recorded_on=D(2025, 2, 2)
        )
        contraception.record_pregnancy(actor=actor, member=cls.wife_a, start_date=D(2025, 2, 10))
        cls.child = actions.add_member(
            actor=actor,
            family=cls.family_a,
            name="Anak A",
            sex="P",
            birth_date=D(2021, 1, 1),
            relation="anak",
            marital_status="belum_kawin",
        )
        actions.record_exit(
            actor=actor, member=cls.husband_a, left_on=D(2026, 1, 1), reason="pindah"
        )
        cls.family_b, cls.wife_b, _ = make_couple(actor, cls.dusun_a2.code, D(1992, 4, 4))

    def test_members_come_as_the_orm_gave_them(self):
        for family in (self.family_a, self.family_b):
            orm = list(
                family.members.select_related("spouse")
                .prefetch_related("episodes", "pregnancies", "intentions")
                .order_by("left_on", "birth_date")
            )
            found = household.members_of(self.ppkbd_a, family.pk)
            self.assertEqual(found, orm)
            for new, old in zip(found, orm, strict=True):
                self.assertEqual(values(new), values(old))
                self.assertEqual(values(new.spouse), values(old.spouse))
                self.assertEqual(new.episode_list, list(old.episodes.all()))
                self.assertEqual(new.pregnancy_list, list(old.pregnancies.all()))
                self.assertEqual(new.intention_list, list(old.intentions.all()))
        wife = next(
            m for m in household.members_of(self.ppkbd_a, self.family_a.pk) if m == self.wife_a
        )
        self.assertEqual([e.method for e in wife.episode_list], ["PIL", "SUNTIK3"])
        self.assertEqual(len(wife.intention_list) + len(wife.pregnancy_list), 2)

    def test_a_family_outside_the_scope_has_no_members(self):
        self.assertEqual(household.members_of(self.ppkbd_c, self.family_a.pk), [])
        self.assertEqual(household.members_of(self.pimpinan, self.family_a.pk), [])
        self.assertTrue(household.members_of(self.ppkbd_c, self.family_c.pk))

    def test_another_family_compiles_nothing_new(self):
        self.client.force_login(self.ppkbd_a)
        self.client.get(reverse("families:detail", args=[self.family_a.pk]))
        with mock.patch.object(compiled.Compiled, "of") as compile_again:
            response = self.client.get(reverse("families:detail", args=[self.family_b.pk]))
        compile_again.assert_not_called()
        self.assertContains(response, self.wife_b.name)
