import datetime as dt

from impsmart.accounts.audit import acting_as
from impsmart.dates import parse_month
from impsmart.families import actions, contraception
from impsmart.families.models import Member
from impsmart.families.status import STATUSES, status_counts, statuses_of_family, with_status
from tests.families.world import FamilyWorld, make_couple

OCT = dt.date(2025, 10, 31)


class MonthlyStatusTests(FamilyWorld):
    def status(self, wife, day=OCT):
        row = with_status(Member.objects.filter(pk=wife.pk), day).first()
        return row.status if row else None

    def test_an_active_episode_on_the_last_day_makes_her_pa_with_that_method(self):
        contraception.start_method(
            actor=self.ppkbd_a,
            member=self.wife_a,
            method="SUNTIK3",
            start_date=dt.date(2025, 10, 31),
            jalur="pemerintah",
        )
        self.assertEqual(self.status(self.wife_a), "SUNTIK3")
        self.assertEqual(self.status(self.wife_a, dt.date(2025, 9, 30)), "?")

    def test_the_order_is_method_then_pregnancy_then_intention(self):
        wife = self.wife_a
        contraception.record_intention(
            actor=self.ppkbd_a, member=wife, intention="IAS", recorded_on=dt.date(2025, 1, 10)
        )
        self.assertEqual(self.status(wife, dt.date(2025, 1, 31)), "IAS")
        contraception.record_pregnancy(
            actor=self.ppkbd_a, member=wife, start_date=dt.date(2025, 2, 1)
        )
        self.assertEqual(self.status(wife, dt.date(2025, 2, 28)), "H")
        pregnancy = wife.pregnancies.get()
        contraception.record_outcome(
            actor=self.ppkbd_a,
            pregnancy=pregnancy,
            outcome_date=dt.date(2025, 10, 20),
            outcome="lahir_hidup",
        )
        self.assertEqual(self.status(wife, OCT), "IAS")  # latest intention again
        contraception.start_method(
            actor=self.ppkbd_a, member=wife, method="IMPLAN", start_date=dt.date(2025, 10, 25)
        )
        self.assertEqual(self.status(wife, OCT), "IMPLAN")

    def test_an_episode_ending_on_the_last_day_no_longer_counts(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=dt.date(2025, 6, 1)
        )
        contraception.stop_method(
            actor=self.ppkbd_a,
            member=self.wife_a,
            end_date=dt.date(2025, 10, 31),
            reason="ingin_hamil",
        )
        self.assertEqual(self.status(self.wife_a, dt.date(2025, 10, 30)), "PIL")
        self.assertEqual(self.status(self.wife_a, OCT), "?")

    def test_pus_are_married_women_aged_15_to_49_living_with_their_husband(self):
        _, older, _ = make_couple(self.ppkbd_a, self.dusun_a1.code, dt.date(1975, 11, 1))
        self.assertEqual(self.status(older, dt.date(2025, 10, 31)), "?")  # 49 that day
        self.assertIsNone(self.status(older, dt.date(2025, 11, 30)))  # 50
        with acting_as(self.ppkbd_a):
            actions.record_exit(
                actor=self.ppkbd_a,
                member=self.husband_a,
                left_on=dt.date(2025, 9, 1),
                reason="meninggal",
            )
        self.assertIsNone(self.status(self.wife_a))
        self.assertEqual(self.status(self.wife_a, dt.date(2025, 8, 31)), "?")

    def test_the_balance_rule_holds_for_a_region(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="IUD", start_date=dt.date(2024, 3, 1)
        )
        for birth in [dt.date(1988, 1, 1), dt.date(2001, 6, 1), dt.date(1999, 2, 2)]:
            make_couple(self.ppkbd_a, self.dusun_a2.code, birth)
        members = Member.objects.visible_to(self.ppkbd_a)
        counts = status_counts(members, OCT)
        self.assertEqual(set(counts), set(STATUSES))
        pus = with_status(members, OCT).count()
        self.assertEqual(pus, 4)
        self.assertEqual(sum(counts.values()), pus)
        self.assertEqual(counts["IUD"], 1)
        self.assertEqual(counts["?"], 3)

    def test_scope_limits_the_counts(self):
        self.assertEqual(with_status(Member.objects.visible_to(self.ppkbd_c), OCT).count(), 1)
        self.assertEqual(with_status(Member.objects.visible_to(self.pimpinan), OCT).count(), 0)
        self.assertEqual(with_status(Member.objects.visible_to(self.admin), OCT).count(), 2)

    def test_months_are_parsed_with_a_clear_message(self):
        self.assertEqual(parse_month("2024-02"), dt.date(2024, 2, 29))
        with self.assertRaisesMessage(ValueError, "TTTT-BB"):
            parse_month("Okt 2025")


class FamilyStatusesTests(FamilyWorld):
    """``statuses_of_family``: one query compiled per user and day, run for each family."""

    def test_each_family_gets_its_own_members_statuses(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=dt.date(2025, 6, 1)
        )
        for family in (self.family_a, self.family_c, self.family_a):
            expected = dict(with_status(family.members.all(), OCT).values_list("pk", "status"))
            found = statuses_of_family(self.admin, family.pk, OCT)
            self.assertEqual(found, expected)
            self.assertTrue(found)
        self.assertEqual(
            statuses_of_family(self.admin, self.family_a.pk, OCT)[self.wife_a.pk], "PIL"
        )
