"""The row an update replaces is read once for the audit trail and the stored PUS months;
a register event's twin is looked up by its key alone."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from impsmart import once
from impsmart.accounts.audit import acting_as
from impsmart.accounts.models import AuditEvent
from impsmart.families.contraception import EPISODE_KEY, start_method
from impsmart.families.models import ContraceptiveEpisode, Member
from tests.families.world import FamilyWorld


class StoredRowTests(FamilyWorld):
    def setUp(self):
        self.first_event = AuditEvent.objects.order_by("pk").last().pk + 1

    def updates(self, member: Member) -> list[tuple[str, str]]:
        """(before, after) of each name this test's updates of ``member`` recorded."""
        events = AuditEvent.objects.filter(
            model="families.Member", object_pk=str(member.pk), action="update",
            pk__gte=self.first_event,
        ).order_by("pk")  # fmt: skip
        return [(event.before["name"], event.after["name"]) for event in events]

    def test_an_update_reads_the_stored_row_once(self):
        member = Member.objects.get(pk=self.wife_a.pk)
        member.name = "Istri Baru"
        table = Member._meta.db_table
        with CaptureQueriesContext(connection) as queries, acting_as(self.ppkbd_a):
            member.save()
        reads = [
            q["sql"] for q in queries
            if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
        ]  # fmt: skip
        self.assertEqual(len(reads), 1, reads)
        self.assertNotIn("JOIN", reads[0])  # one row by its key, not in the register's order
        self.assertEqual(self.updates(member), [(self.wife_a.name, "Istri Baru")])

    def test_each_save_of_one_instance_compares_with_the_row_the_last_one_stored(self):
        member = Member.objects.get(pk=self.wife_a.pk)
        with acting_as(self.ppkbd_a):
            member.name = "Satu"
            member.save()
            member.name = "Dua"
            member.save()
        self.assertEqual(self.updates(member), [(self.wife_a.name, "Satu"), ("Satu", "Dua")])

    def test_a_twin_is_looked_up_by_its_key_alone(self):
        with acting_as(self.ppkbd_a):
            stored = start_method(
                actor=self.ppkbd_a, member=self.wife_a, method="PIL",
                start_date=dt.date(2025, 1, 6),
            )  # fmt: skip
        again = ContraceptiveEpisode(member=self.wife_a, start_date=dt.date(2025, 1, 6))
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(once.stored(again, EPISODE_KEY), stored)
        self.assertNotIn("JOIN", queries[0]["sql"])
