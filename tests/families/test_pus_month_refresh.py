"""A register write refreshes the stored months it can alter, and only those.

Every month from the first registration (January 2024) to today is stored; after writes
dated in an old month, in a recent month, moved later or earlier, every stored month still
equals the live status, and the number of months re-inserted follows the write's date.
"""

import datetime as dt
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from impsmart import dates
from impsmart.accounts.audit import acting_as
from impsmart.dates import add_months
from impsmart.families import actions, contraception, pus_months
from tests.families.test_pus_months import live_rows, stored_rows, tally_is_stored_count
from tests.families.world import FamilyWorld, make_couple

FIRST = dt.date(2024, 1, 1)


def months_from(first: dt.date) -> list[dt.date]:
    """The first day of every month from ``first``'s to the current one."""
    months, month = [], first.replace(day=1)
    while month <= dates.today():
        months.append(month)
        month = add_months(month, 1)
    return months


class RefreshSinceTests(FamilyWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.family_b, cls.wife_b, cls.husband_b = make_couple(
            cls.ppkbd_a, cls.desa_a.code, dt.date(1988, 1, 20)
        )
        with acting_as(cls.ppkbd_a):
            cls.episode = contraception.start_method(
                actor=cls.ppkbd_a, member=cls.wife_a, method="PIL",
                start_date=dt.date(2024, 6, 3), jalur="pemerintah",
            )  # fmt: skip

    def setUp(self):
        for month in months_from(FIRST):
            self.assertTrue(pus_months.stored(month))

    def assertStoredIsLive(self):
        for month in months_from(FIRST):
            self.assertEqual(stored_rows(month), live_rows(month), month)
            self.assertTrue(tally_is_stored_count(month), month)

    def refreshed_months(self, write) -> int:
        """How many months ``write`` re-inserted (for one family); all of them in one
        INSERT … SELECT."""
        spy = mock.patch.object(pus_months, "_insert_months", wraps=pus_months._insert_months)
        capture = CaptureQueriesContext(connection)
        with spy as inserted, capture as queries, acting_as(self.ppkbd_a):
            write()
        self.assertStoredIsLive()
        calls = [call.args[1] for call in inserted.call_args_list if call.args[1]]
        months = sum(len(months) for months in calls)
        statements = sum("INSERT INTO families_pusmonth" in q["sql"] for q in queries)
        self.assertEqual(statements, len(calls))
        return months

    def test_a_recent_write_refreshes_only_the_months_from_its_date(self):
        def stop():
            contraception.stop_method(
                actor=self.ppkbd_a, member=self.wife_a,
                end_date=dt.date(2026, 10, 5), reason="efek_samping",
            )  # fmt: skip

        self.assertEqual(self.refreshed_months(stop), len(months_from(dt.date(2026, 10, 5))))

    def test_a_write_in_an_old_month_refreshes_from_that_month(self):
        def intention():
            contraception.record_intention(
                actor=self.ppkbd_a, member=self.wife_b, intention="IAT",
                recorded_on=dt.date(2024, 5, 10), confirmed=True,  # over two years back
            )  # fmt: skip

        self.assertEqual(self.refreshed_months(intention), len(months_from(dt.date(2024, 5, 1))))

    def test_a_date_moved_later_or_earlier_refreshes_from_the_earlier_one(self):
        def moved(start):
            def write():
                self.episode.start_date = start
                self.episode.save()

            return write

        later = self.refreshed_months(moved(dt.date(2025, 9, 1)))
        self.assertEqual(later, len(months_from(dt.date(2024, 6, 1))))
        earlier = self.refreshed_months(moved(dt.date(2025, 2, 1)))
        self.assertEqual(earlier, len(months_from(dt.date(2025, 2, 1))))

    def test_an_end_moved_from_a_recent_month_to_an_old_one_and_a_drop_out(self):
        def stop_in_august():
            contraception.stop_method(
                actor=self.ppkbd_a, member=self.wife_a,
                end_date=dt.date(2026, 8, 10), reason="ingin_hamil",
            )  # fmt: skip

        self.refreshed_months(stop_in_august)
        november = {row[0]: row[4] for row in stored_rows(dt.date(2026, 11, 1))}
        self.assertTrue(november[self.wife_a.pk])  # a drop-out three months after August

        def end_earlier():
            self.episode.refresh_from_db()
            self.episode.end_date = dt.date(2024, 9, 1)
            self.episode.save()

        self.assertEqual(self.refreshed_months(end_earlier), len(months_from(dt.date(2024, 9, 1))))

    def test_a_husband_who_joined_later_ends_her_earlier_months(self):
        """A start date set where there was none alters the months before it, not after."""

        def joined():
            self.husband_b.joined_on = dt.date(2025, 6, 1)
            self.husband_b.save()

        self.assertEqual(self.refreshed_months(joined), len(months_from(FIRST)))
        self.assertNotIn(self.wife_b.pk, {row[0] for row in stored_rows(dt.date(2025, 5, 1))})

    def test_an_old_exit_and_an_old_deletion(self):
        def exit_and_delete():
            actions.record_exit(
                actor=self.ppkbd_a, member=self.husband_a, left_on=dt.date(2024, 4, 2),
                reason="pindah",
            )  # fmt: skip
            self.episode.delete()

        self.refreshed_months(exit_and_delete)

    def test_a_field_the_status_does_not_read_refreshes_nothing(self):
        def rename():
            actions.update_member(actor=self.ppkbd_a, member=self.wife_b, name="Istri Baru")
            self.episode.place = "puskesmas"
            self.episode.save()

        self.assertEqual(self.refreshed_months(rename), 0)
