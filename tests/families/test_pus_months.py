"""The stored PUS months always equal the live status of the registers, whatever is written."""

import datetime as dt
from unittest import mock

from django.db import transaction
from django.db.models import Count, Max, Min, Value
from django.db.models.functions import Coalesce, ExtractYear

from impsmart.accounts.audit import acting_as
from impsmart.dates import month_end
from impsmart.families import actions, contraception, pus_months
from impsmart.families.models import Member, PusMonth, PusMonthBuilt, PusTally, PusYear
from impsmart.families.status import with_month_facts
from impsmart.reports.engine import compute
from tests.families.world import FamilyWorld, make_couple

MONTHS = [dt.date(2026, m, 1) for m in (5, 6, 7, 8, 9, 10, 11)]
JUNE = dt.date(2026, 6, 1)


def stored_rows(month: dt.date) -> set[tuple]:
    rows = PusMonth.objects.filter(month=month)
    return set(rows.values_list("member_id", "region_code", "status", "jalur", "drop_out"))


def tally_is_stored_count(month: dt.date) -> bool:
    """``PusTally`` holds exactly the stored rows of the month counted per region, status,
    jalur ("" for none) and drop-out."""
    rows = PusMonth.objects.filter(month=month).order_by()
    rows = rows.values_list("region_code", "status", Coalesce("jalur", Value("")), "drop_out")
    counted = {tuple(key): n for *key, n in rows.annotate(n=Count("pk"))}
    tally = PusTally.objects.filter(month=month).exclude(n=0)
    tally = tally.values_list("region_code", "status", "jalur", "drop_out", "n")
    return {tuple(key): n for *key, n in tally} == counted


def years_are_stored_firsts() -> bool:
    """``PusYear`` holds exactly each member's first stored month of each year, with the
    family and region code of her stored months."""
    rows = PusMonth.objects.order_by().values_list("member_id", ExtractYear("month"))
    rows = rows.annotate(Max("family_id"), Max("region_code"), Min("month"))
    years = PusYear.objects.values_list(
        "member_id", "year", "family_id", "region_code", "first_month"
    )
    return set(years) == set(rows)


def live_rows(month: dt.date) -> set[tuple]:
    facts = with_month_facts(Member.objects.all(), month_end(month.year, month.month))
    values = facts.values_list("pk", "family__region_code", "status", "jalur", "drop_out")
    return set(values)


class PusMonthTests(FamilyWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.family_b, cls.wife_b, cls.husband_b = make_couple(
            cls.ppkbd_a, cls.desa_a.code, dt.date(1988, 1, 20)
        )
        with acting_as(cls.ppkbd_a):
            contraception.start_method(
                actor=cls.ppkbd_a,
                member=cls.wife_a,
                method="PIL",
                start_date=dt.date(2026, 2, 3),
                jalur="pemerintah",
            )
            contraception.record_intention(
                actor=cls.ppkbd_a,
                member=cls.wife_b,
                intention="TIAL",
                recorded_on=dt.date(2026, 4, 1),
            )

    def store(self):
        for month in MONTHS:
            self.assertTrue(pus_months.stored(month))

    def assertStoredIsLive(self):
        for month in MONTHS:
            self.assertEqual(stored_rows(month), live_rows(month), month)
            self.assertTrue(tally_is_stored_count(month), month)
        self.assertTrue(years_are_stored_firsts())

    def test_a_month_is_stored_once_with_every_pus(self):
        self.store()
        self.assertStoredIsLive()
        self.assertEqual(len(stored_rows(dt.date(2026, 6, 1))), 3)
        self.assertEqual(PusMonthBuilt.objects.count(), len(MONTHS))
        self.assertTrue(pus_months.stored(dt.date(2026, 6, 15)))  # already there: no rebuild
        self.assertEqual(PusMonth.objects.filter(month=dt.date(2026, 6, 1)).count(), 3)

    def test_a_year_keeps_its_first_month_whatever_order_its_months_are_built_in(self):
        later_first = [dt.date(2026, 6, 1), dt.date(2025, 12, 1), dt.date(2026, 2, 1)]
        for month in [*later_first, dt.date(2025, 11, 1)]:
            self.assertTrue(pus_months.stored(month))
            self.assertTrue(years_are_stored_firsts(), month)
        firsts = PusYear.objects.filter(member=self.wife_a).values_list("year", "first_month")
        self.assertEqual(dict(firsts), {2025: dt.date(2025, 11, 1), 2026: dt.date(2026, 2, 1)})
        with acting_as(self.ppkbd_a):  # regroups 2026 from February on, keeps 2025
            contraception.stop_method(
                actor=self.ppkbd_a,
                member=self.wife_a,
                end_date=dt.date(2026, 6, 10),
                reason="efek_samping",
            )
        self.assertTrue(years_are_stored_firsts())
        self.wife_b.left_on = dt.date(2026, 3, 2)  # gone before June: 2026 from February only
        self.wife_b.save()
        self.assertTrue(years_are_stored_firsts())
        firsts = PusYear.objects.filter(member=self.wife_b).values_list("year", "first_month")
        self.assertEqual(dict(firsts), {2025: dt.date(2025, 11, 1), 2026: dt.date(2026, 2, 1)})

    def test_months_before_the_registers_or_in_the_future_are_not_stored(self):
        self.assertFalse(pus_months.stored(dt.date(2023, 12, 1)))
        self.assertFalse(pus_months.stored(dt.date(2026, 12, 1)))
        self.assertFalse(PusMonth.objects.exists())

    def test_every_register_write_refreshes_the_stored_months(self):
        self.store()
        ppkbd = self.ppkbd_a
        with acting_as(ppkbd):
            contraception.stop_method(
                actor=ppkbd,
                member=self.wife_a,
                end_date=dt.date(2026, 7, 10),
                reason="efek_samping",
            )
        self.assertStoredIsLive()  # a drop-out three months later
        self.assertTrue(PusMonth.objects.get(member=self.wife_a, month=MONTHS[5]).drop_out)
        with acting_as(ppkbd):
            pregnancy = contraception.record_pregnancy(
                actor=ppkbd, member=self.wife_b, start_date=dt.date(2026, 6, 1)
            )
            contraception.record_outcome(
                actor=ppkbd,
                pregnancy=pregnancy,
                outcome_date=dt.date(2026, 9, 30),
                outcome="lahir_hidup",
            )
        self.assertStoredIsLive()
        with acting_as(ppkbd):
            actions.record_exit(
                actor=ppkbd, member=self.husband_b, left_on=dt.date(2026, 8, 2), reason="meninggal"
            )
        self.assertStoredIsLive()  # widowed: no longer a PUS from August
        with acting_as(self.admin):
            actions.update_family(
                actor=self.admin, family=self.family_a, region_code=self.desa_c.code
            )
        self.assertStoredIsLive()  # moved: her rows follow the family's region
        self.family_c.closed_on = dt.date(2026, 9, 1)
        self.family_c.save()
        self.assertStoredIsLive()

    def test_a_member_moving_to_another_family_refreshes_both(self):
        self.store()
        self.husband_a.family = self.family_b
        self.husband_a.save()  # his wife stays behind: no longer a PUS with him
        self.assertStoredIsLive()
        self.assertFalse(PusMonth.objects.filter(member=self.wife_a).exists())

    def test_a_separation_ends_her_stored_months_from_that_day_only(self):
        self.store()
        with acting_as(self.ppkbd_a):
            actions.separate(
                actor=self.ppkbd_a,
                member=self.wife_b,
                event=actions.DIVORCE,
                on=dt.date(2026, 8, 15),
                leaving=self.husband_b,
            )
        self.assertStoredIsLive()
        months = PusMonth.objects.filter(member=self.wife_b).values_list("month", flat=True)
        self.assertEqual(sorted(months), MONTHS[:3])  # May, June, July

    def test_deleting_history_and_members_refreshes_too(self):
        self.store()
        self.wife_a.episodes.get().delete()
        self.assertStoredIsLive()
        self.wife_b.intentions.get().delete()
        self.husband_b.delete()
        self.assertStoredIsLive()

    def test_a_rolled_back_write_leaves_the_stored_months_as_they_were(self):
        self.store()
        before = {month: stored_rows(month) for month in MONTHS}
        with self.assertRaises(RuntimeError), transaction.atomic():
            self.husband_a.left_on = dt.date(2026, 5, 2)
            self.husband_a.save()
            raise RuntimeError
        self.assertEqual({month: stored_rows(month) for month in MONTHS}, before)

    def test_deferred_refreshes_once_at_the_end(self):
        self.store()
        with pus_months.deferred():
            self.family_b.closed_on = dt.date(2026, 6, 1)
            self.family_b.save()
            self.family_a.closed_on = dt.date(2026, 6, 1)
            self.family_a.save()
            self.assertNotEqual(stored_rows(MONTHS[3]), live_rows(MONTHS[3]))  # not yet
        self.assertStoredIsLive()

    def test_reports_agree_whether_the_month_is_stored_or_not(self):
        with acting_as(self.ppkbd_a):
            contraception.stop_method(
                actor=self.ppkbd_a,
                member=self.wife_a,
                end_date=dt.date(2026, 3, 5),
                reason="efek_samping",
            )
        with mock.patch.object(pus_months, "stored", return_value=False):
            live = compute("REKAP_PUS", self.kabupaten.code, JUNE)
        self.assertFalse(PusMonth.objects.exists())
        stored = compute("REKAP_PUS", self.kabupaten.code, JUNE)
        self.assertTrue(PusMonthBuilt.objects.filter(month=JUNE).exists())
        self.assertEqual(live, stored)
        figures = {row["code"]: row["value"] for row in stored["rows"]}
        self.assertEqual((figures["pus"], figures["drop_out"], figures["tial"]), (3, 1, 1))

    def test_a_month_before_the_registers_is_computed_live(self):
        report = compute("REKAP_PUS", self.kabupaten.code, dt.date(2023, 12, 1))
        self.assertEqual(report["rows"][1], {"code": "pus", "label": "Jumlah PUS", "value": 3})
        self.assertFalse(PusMonth.objects.exists())
