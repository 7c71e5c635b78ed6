"""The stored listed members always equal their definition, and the visit list read through
them is the list of every member of the region (counseling/listed.py)."""

import datetime as dt
import random
from unittest import mock

from django.db import transaction

from impsmart import compiled, dates
from impsmart.accounts.audit import acting_as
from impsmart.accounts.roles import Role
from impsmart.counseling import actions as counseling_actions
from impsmart.counseling import listed, visits
from impsmart.counseling.models import ListedMember, Visit
from impsmart.demo.counseling import create_counseling
from impsmart.demo.families import create_families
from impsmart.families import actions, contraception, pus_months
from impsmart.families.models import Member, Pregnancy
from impsmart.families.status import with_status
from impsmart.regions.models import Region
from tests.base import make_user
from tests.counseling.world import CounselingWorld
from tests.families.world import make_couple

DAY = dt.timedelta(days=1)


def stored_rows() -> set[tuple]:
    fields = ("member_id", "family_id", "region_code", "kk_number", "birth_date", *listed.FACTS)
    return set(ListedMember.objects.values_list(*fields))


def live_rows() -> set[tuple]:
    rows = listed.live(Member.objects.all())
    fields = ("family_id", "family__region_code", "family__kk_number", "birth_date")
    return set(rows.values_list("pk", *fields, *listed.FACTS))


class ListedMemberTests(CounselingWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.family_b, cls.wife_b, cls.husband_b = make_couple(
            cls.ppkbd_a, cls.desa_a.code, dt.date(1990, 3, 1)
        )

    def assertStoredIsLive(self):
        self.assertEqual(stored_rows(), live_rows())

    def test_every_kind_of_write_keeps_the_rows(self):
        ppkbd, today = self.ppkbd_a, dates.today()
        self.assertStoredIsLive()
        self.assertFalse(ListedMember.objects.filter(member=self.wife_b).exists())
        with acting_as(ppkbd):  # wanting a child soon is no unmet need: not listed for it
            contraception.record_intention(
                actor=ppkbd, member=self.wife_b, intention="IAS", recorded_on=today - 20 * DAY
            )
        self.assertStoredIsLive()
        self.assertFalse(ListedMember.objects.filter(member=self.wife_b).exists())
        with acting_as(ppkbd):
            contraception.record_intention(
                actor=ppkbd, member=self.wife_b, intention="IAT", recorded_on=today - 9 * DAY
            )
        self.assertStoredIsLive()
        self.assertEqual(
            ListedMember.objects.get(member=self.wife_b).region_code, self.family_b.region_code
        )
        with acting_as(ppkbd):
            contraception.start_method(
                actor=ppkbd, member=self.wife_a, method="SUNTIK3", start_date=today - 80 * DAY
            )
        self.assertStoredIsLive()
        with acting_as(ppkbd):
            contraception.stop_method(
                actor=ppkbd, member=self.wife_a, end_date=today - 5 * DAY, reason="efek_samping"
            )
            pregnancy = contraception.record_pregnancy(
                actor=ppkbd, member=self.wife_a, start_date=today - 4 * DAY
            )
        self.assertStoredIsLive()
        pregnancy.delete()  # audit-ok: test
        self.wife_a.episodes.get().delete()  # audit-ok: test
        self.assertStoredIsLive()
        self.assertFalse(ListedMember.objects.filter(member=self.wife_a).exists())
        with acting_as(ppkbd):
            referral = counseling_actions.create_referral(
                actor=ppkbd,
                member=self.husband_a,
                facility=self.puskesmas_a,
                reason="Ingin MOP",
                sent_on=today - 3 * DAY,
            )
        self.assertStoredIsLive()
        self.assertTrue(ListedMember.objects.get(member=self.husband_a).has_referral)
        referral.delete()  # audit-ok: test
        self.assertStoredIsLive()
        self.assertFalse(ListedMember.objects.filter(member=self.husband_a).exists())

    def test_moves_exits_and_deletions_keep_the_rows(self):
        ppkbd, today = self.ppkbd_a, dates.today()
        with acting_as(ppkbd):
            for wife in (self.wife_a, self.wife_b):
                contraception.record_intention(
                    actor=ppkbd, member=wife, intention="TIAL", recorded_on=today - 30 * DAY
                )
        with acting_as(self.admin):
            actions.update_family(
                actor=self.admin, family=self.family_a, region_code=self.desa_c.code
            )
        self.assertStoredIsLive()  # her row follows the family's region
        self.assertEqual(ListedMember.objects.get(member=self.wife_a).region_code, self.desa_c.code)
        with acting_as(self.admin):  # and its KK number, and her birth date (her place in order)
            actions.update_family(
                actor=self.admin, family=self.family_a, kk_number="7306999999990001"
            )
            actions.update_member(
                actor=self.admin, member=self.wife_a, birth_date=dt.date(1991, 2, 3), confirmed=True
            )
        self.assertStoredIsLive()
        row = ListedMember.objects.get(member=self.wife_a)
        self.assertEqual((row.kk_number, row.birth_date), ("7306999999990001", dt.date(1991, 2, 3)))
        self.wife_b.family = self.family_c
        self.wife_b.save()  # audit-ok: test (a member moved to another family)
        self.assertStoredIsLive()
        self.assertEqual(ListedMember.objects.get(member=self.wife_b).family_id, self.family_c.pk)
        with acting_as(self.admin):
            actions.record_exit(
                actor=self.admin, member=self.wife_a, left_on=today - DAY, reason="meninggal"
            )
        self.assertStoredIsLive()  # gone from the family: not listed
        self.assertFalse(ListedMember.objects.filter(member=self.wife_a).exists())
        self.wife_b.intentions.get().delete()  # audit-ok: test
        self.wife_b.delete()  # audit-ok: test
        self.assertStoredIsLive()

    def test_a_bulk_write_refreshes_once_at_the_end_and_a_rollback_leaves_nothing(self):
        ppkbd, today = self.ppkbd_a, dates.today()
        with acting_as(ppkbd), pus_months.deferred():
            contraception.record_intention(
                actor=ppkbd, member=self.wife_b, intention="IAT", recorded_on=today
            )
            self.assertFalse(ListedMember.objects.filter(member=self.wife_b).exists())
        self.assertStoredIsLive()
        self.assertTrue(ListedMember.objects.filter(member=self.wife_b).exists())
        with self.assertRaises(RuntimeError), transaction.atomic(), acting_as(ppkbd):
            contraception.record_pregnancy(actor=ppkbd, member=self.wife_a, start_date=today)
            raise RuntimeError
        self.assertStoredIsLive()
        self.assertFalse(ListedMember.objects.filter(member=self.wife_a).exists())

    def test_a_rebuild_restores_every_row(self):
        with acting_as(self.ppkbd_a):
            contraception.record_intention(
                actor=self.ppkbd_a, member=self.wife_b, intention="IAT", recorded_on=dates.today()
            )
        ListedMember.objects.all().delete()  # audit-ok: test (what the demo's bulk writes do)
        listed.rebuild()
        self.assertStoredIsLive()
        self.assertEqual(len(stored_rows()), 1)


def every_member(user, region_code="", having="", stored=True, ordered=False):
    """The old definition: every present member of the region's families."""
    return ORIGINAL(user, region_code, stored=False, ordered=ordered)


ORIGINAL = visits.listed_members


def as_rows(items) -> list[tuple]:
    return [
        (i.kind, i.member_id, i.due, i.state, i.detail, i.referral_id, i.last_visit, i.days)
        for i in items
    ]


class DemoListTests(CounselingWorld):
    """On a small demo of Gowa (families, histories, counselling, referrals, visits)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        gowa = Region.objects.get(code="73.06")
        with acting_as(None):
            create_families(gowa, random.Random(11), 600)
            create_counseling(gowa, random.Random(12))
            listed.demo_step(None)

    def test_the_demo_step_stores_the_live_rows(self):
        self.assertEqual(stored_rows(), live_rows())
        self.assertLess(len(stored_rows()), Member.objects.count() / 2)

    def test_the_list_is_the_list_of_every_member(self):
        today = dates.today()
        desa = Member.objects.order_by("family__region_code").first().family.region_code[:13]
        ppkbd = make_user("ppkbd_demo", Role.PPKBD, desa)
        cases = [(self.admin, ""), (self.admin, desa), (ppkbd, ""), (self.pkb, "")]
        births = Pregnancy.objects.filter(outcome="lahir_hidup", outcome_date__lt=today)
        born = births.order_by("-outcome_date").values_list("outcome_date", flat=True)[:3]
        days = [today, today - 20 * DAY, today + 30 * DAY, *(day + 5 * DAY for day in born)]
        compared, kinds = 0, set()
        for user, region in cases:
            for day in days:
                new = visits.visit_list(user, day, region, members=False)
                with mock.patch.object(visits, "listed_members", every_member):
                    compiled.clear()  # compiled anew, with every member
                    old = visits.visit_list(user, day, region, members=False)
                    compiled.clear()
                self.assertEqual(as_rows(new), as_rows(old), (user, region, day))
                compared += len(new)
                kinds |= {i.kind for i in new}
        self.assertGreater(compared, 100)
        self.assertLessEqual({"suntik3", "resupply", "unmet", "postpartum", "drop_out"}, kinds)
        self.assertTrue({"referral", "confirm"} & kinds, kinds)

    def test_the_episodes_come_in_the_members_order_as_the_database_orders_them(self):
        today = dates.today()
        for day in (today, today - 20 * DAY):
            queries = visits._queries(self.admin, "", day)
            members = (
                "member__family__region_code",
                "member__family__kk_number",
                "member__birth_date",
            )
            in_sql = list(queries["episodes"].order_by(*members, "member_id", "start_date"))
            found = visits._episodes(list(queries["episodes"]), list(queries["order"]), day)
            active = [row for row in in_sql if row[4] is None or row[4] > day]
            self.assertEqual(found, (active, [row for row in in_sql if row not in active]))
            self.assertGreater(len(found[0]), 20)

    def test_the_unmet_need_rows_carry_the_status_itself(self):
        for day in (dates.today(), dates.today() - 20 * DAY):
            rows = list(visits._queries(self.admin, "", day)["unmet"])
            statuses = with_status(Member.objects.filter(pk__in=[r[0] for r in rows]), day)
            self.assertEqual({r[:2] for r in rows}, set(statuses.values_list("pk", "status")))
            self.assertGreater(len(rows), 20)

    # The list's queries compiled once per (user, region, day) and re-run (impsmart.compiled).

    def test_compiled_rows_are_the_querysets_rows(self):
        today = dates.today()
        found = set()
        for day in (today, today - 20 * DAY, today - 300 * DAY):
            for name, queryset in visits._queries(self.admin, "", day).items():
                rows = compiled.Compiled.of(queryset).rows()
                self.assertEqual(rows, list(queryset), name)
                found |= {name} if rows else set()
        self.assertEqual(len(found), 6, found)

    def test_a_second_list_reuses_the_sql_and_reads_the_database_afresh(self):
        compiled.clear()
        today = dates.today()
        first = visits.visit_list(self.admin, today, members=False)
        with mock.patch.object(compiled.Compiled, "of") as compile_again:
            self.assertEqual(
                as_rows(visits.visit_list(self.admin, today, members=False)), as_rows(first)
            )
            item = next(i for i in first if i.kind == "unmet")
            with acting_as(self.admin):
                Visit.objects.create(  # audit-ok: test
                    member_id=item.member_id,
                    kind="unmet",
                    date=today,
                    outcome="bertemu",
                    visited_by=self.admin,
                )
            again = visits.visit_list(self.admin, today, members=False)
        compile_again.assert_not_called()
        self.assertEqual(len(again), len(first) - 1)
        self.assertNotIn(item.member_id, [i.member_id for i in again if i.kind == "unmet"])

    def test_another_scope_region_or_day_is_compiled_anew(self):
        compiled.clear()
        today = dates.today()
        visits.visit_list(self.admin, today, members=False)
        self.assertEqual(len(compiled._cache), 1)
        visits.visit_list(self.admin, today - DAY, members=False)
        visits.visit_list(self.admin, today, self.desa_a.code, members=False)
        visits.visit_list(self.ppkbd_a, today, members=False)
        self.admin.extra_region_codes = [self.desa_a.code]
        visits.visit_list(self.admin, today, members=False)
        self.assertEqual(len(compiled._cache), 5)
        self.admin.is_active = False
        self.assertEqual(visits.visit_list(self.admin, today, members=False), [])
