"""The stored listed members always equal their definition, and the visit list read through
them is the list of every member of the region (counseling/listed.py)."""

import datetime as dt
import random
from unittest import mock

from django.db import transaction
from django.db.models import OuterRef, Subquery

from impsmart import compiled, dates
from impsmart.accounts.audit import acting_as
from impsmart.accounts.roles import Role
from impsmart.counseling import actions as counseling_actions
from impsmart.counseling import listed, visits
from impsmart.counseling.models import Counseling, ListedMember, Visit
from impsmart.dates import years_before
from impsmart.demo.counseling import create_counseling
from impsmart.demo.families import create_families
from impsmart.families import actions, contraception, pus_months
from impsmart.families.models import ContraceptiveEpisode, IntentionRecord, Member, Pregnancy
from impsmart.families.status import EVER_MARRIED, with_status
from impsmart.regions.models import Region
from tests.base import make_user
from tests.counseling.world import CounselingWorld
from tests.families.world import make_couple

DAY = dt.timedelta(days=1)


def stored_rows() -> set[tuple]:
    fields = ("member_id", "family_id", "region_code", "kk_number", "birth_date", *listed.FACTS)
    return set(ListedMember.objects.values_list(*fields, *listed.LATEST))


def latest(model, field: str, order: str) -> Subquery:
    records = model.objects.filter(member=OuterRef("pk")).order_by(f"-{order}")
    return Subquery(records.values(field)[:1])


# Her latest records, as the ORM finds them (``listed.LATEST`` is SQL of its own).
LATEST = {
    "episode_method": latest(ContraceptiveEpisode, "method", "start_date"),
    "episode_type": latest(ContraceptiveEpisode, "method_type", "start_date"),
    "episode_start": latest(ContraceptiveEpisode, "start_date", "start_date"),
    "episode_end": latest(ContraceptiveEpisode, "end_date", "start_date"),
    "episode_end_reason": latest(ContraceptiveEpisode, "end_reason", "start_date"),
    "pregnancy_start": latest(Pregnancy, "start_date", "start_date"),
    "pregnancy_end": latest(Pregnancy, "outcome_date", "start_date"),
    "intention": latest(IntentionRecord, "intention", "recorded_on"),
    "intention_on": latest(IntentionRecord, "recorded_on", "recorded_on"),
    "counseled_on": latest(Counseling, "date", "date"),
}


def couple(member: Member) -> tuple:
    """``ListedMember.couple`` and its days, from the member, her husband and her family."""
    husband, family = member.spouse, member.family
    if (
        member.sex != "P"
        or member.marital_status not in EVER_MARRIED
        or husband is None
        or husband.family_id != member.family_id
    ):
        return False, None, None
    joined = [day for day in (member.joined_on, husband.joined_on) if day]
    ends = [day for day in (husband.left_on, family.closed_on) if day]
    return True, max(joined, default=None), min(ends, default=None)


def live_rows() -> set[tuple]:
    rows = listed.live(Member.objects.all()).annotate(
        **{f"latest_{k}": v for k, v in LATEST.items()}
    )
    fields = ("family_id", "family__region_code", "family__kk_number", "birth_date")
    found = rows.values_list("pk", *fields, *listed.FACTS, *(f"latest_{k}" for k in LATEST))
    members = Member.objects.select_related("spouse", "family").in_bulk([row[0] for row in found])
    return {(*row, *couple(members[row[0]])) for row in found}


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
        with acting_as(ppkbd):  # her latest counselling is stored with her, and forgotten
            counseling = counseling_actions.record_counseling(
                actor=ppkbd, member=self.wife_b, date=today - 2 * DAY, topics=[], facts={}
            )
        self.assertStoredIsLive()
        self.assertEqual(ListedMember.objects.get(member=self.wife_b).counseled_on, today - 2 * DAY)
        counseling.delete()  # audit-ok: test
        self.assertStoredIsLive()
        self.assertIsNone(ListedMember.objects.get(member=self.wife_b).counseled_on)
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
        self.assertIsNone(ListedMember.objects.get(member=self.wife_a).pregnancy_end)
        with acting_as(ppkbd):
            contraception.record_outcome(
                actor=ppkbd, pregnancy=pregnancy, outcome_date=today - DAY, outcome="keguguran"
            )
        self.assertStoredIsLive()
        row = ListedMember.objects.get(member=self.wife_a)
        self.assertEqual((row.pregnancy_start, row.pregnancy_end), (today - 4 * DAY, today - DAY))
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
        with acting_as(self.admin):  # her husband left the KK: her days as a couple end
            actions.record_exit(
                actor=self.admin, member=self.husband_a, left_on=today - 3 * DAY, reason="meninggal"
            )
        self.assertStoredIsLive()
        row = ListedMember.objects.get(member=self.wife_a)
        self.assertEqual((row.couple, row.couple_until), (True, today - 3 * DAY))
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

    def wish(self, member: Member, intention: str, days_ago: int) -> None:
        with acting_as(self.ppkbd_a):
            contraception.record_intention(
                actor=self.ppkbd_a,
                member=member,
                intention=intention,
                recorded_on=dates.today() - days_ago * DAY,
            )

    def kinds(self, day: dt.date) -> set[tuple[str, int]]:
        """The list's (kind, member) from the stored latest records, checked against the list
        from the records looked up."""
        served: list[bool] = []
        with mock.patch.object(visits, "from_stored", noting(served)):
            stored = visits.visit_list(self.ppkbd_a, day, members=False)
        with mock.patch.object(visits, "from_stored", return_value=None):
            looked_up = visits.visit_list(self.ppkbd_a, day, members=False)
        self.assertEqual(served, [True])
        self.assertEqual(as_rows(stored), as_rows(looked_up))
        return {(item.kind, item.member_id) for item in stored}

    def test_the_latest_records_list_what_the_records_looked_up_list(self):
        ppkbd, today = self.ppkbd_a, dates.today()
        with acting_as(ppkbd):
            self.wish(self.wife_b, "TIAL", 200)
            contraception.start_method(
                actor=ppkbd, member=self.wife_a, method="PIL", start_date=today - 100 * DAY
            )
            contraception.stop_method(
                actor=ppkbd, member=self.wife_a, end_date=today - 10 * DAY, reason="efek_samping"
            )
        listed = {("unmet", self.wife_b.pk), ("drop_out", self.wife_a.pk)}
        self.assertEqual(self.kinds(today), listed)
        with acting_as(ppkbd):  # a pregnancy: no unmet need
            pregnancy = contraception.record_pregnancy(
                actor=ppkbd, member=self.wife_b, start_date=today - 30 * DAY
            )
        self.assertEqual(self.kinds(today), {("drop_out", self.wife_a.pk)})
        with acting_as(ppkbd):  # ended: her wish counts again
            contraception.record_outcome(
                actor=ppkbd, pregnancy=pregnancy, outcome_date=today - DAY, outcome="keguguran"
            )
        self.assertEqual(self.kinds(today), listed)
        with acting_as(ppkbd):  # found pregnant since before she stopped: no drop-out
            pregnancy = contraception.record_pregnancy(
                actor=ppkbd, member=self.wife_a, start_date=today - 20 * DAY
            )
        self.assertEqual(self.kinds(today), {("unmet", self.wife_b.pk)})
        self.assertEqual(self.kinds(today + 60 * DAY), {("unmet", self.wife_b.pk)})
        with acting_as(ppkbd):  # that pregnancy ended: she dropped out again
            contraception.record_outcome(
                actor=ppkbd, pregnancy=pregnancy, outcome_date=today - 3 * DAY, outcome="keguguran"
            )
        self.assertEqual(self.kinds(today), listed)
        with acting_as(ppkbd):  # a pregnancy begun since she stopped, ended or not: none
            pregnancy = contraception.record_pregnancy(
                actor=ppkbd, member=self.wife_a, start_date=today - 2 * DAY
            )
            self.assertEqual(self.kinds(today), {("unmet", self.wife_b.pk)})
            contraception.record_outcome(
                actor=ppkbd, pregnancy=pregnancy, outcome_date=today, outcome="keguguran"
            )
        self.assertEqual(self.kinds(today), {("unmet", self.wife_b.pk)})

    def test_the_latest_records_list_the_unmet_need_of_a_pus_only(self):
        ppkbd, today, wife, husband = self.ppkbd_a, dates.today(), self.wife_b, self.husband_b
        unmet = ("unmet", wife.pk)
        self.wish(wife, "TIAL", 200)
        self.assertIn(unmet, self.kinds(today))
        with acting_as(ppkbd):  # a method in use since: no unmet need
            contraception.start_method(
                actor=ppkbd, member=wife, method="IMPLAN", start_date=today - 50 * DAY
            )
        self.assertNotIn(unmet, self.kinds(today))
        with acting_as(ppkbd):  # stopped two days ago: in use five days ago
            contraception.stop_method(
                actor=ppkbd, member=wife, end_date=today - 2 * DAY, reason="efek_samping"
            )
        self.assertIn(unmet, self.kinds(today))
        self.assertNotIn(unmet, self.kinds(today - 5 * DAY))
        wife.episodes.get().delete()  # audit-ok: test
        with acting_as(ppkbd):  # a pregnancy ended yesterday: pregnant five days ago
            pregnancy = contraception.record_pregnancy(
                actor=ppkbd, member=wife, start_date=today - 30 * DAY
            )
            contraception.record_outcome(
                actor=ppkbd, pregnancy=pregnancy, outcome_date=today - DAY, outcome="keguguran"
            )
        self.assertIn(unmet, self.kinds(today))
        self.assertNotIn(unmet, self.kinds(today - 5 * DAY))
        pregnancy.delete()  # audit-ok: test
        born = wife.birth_date
        wife.birth_date = years_before(today, 50) + DAY  # 50 the day after tomorrow
        wife.save()  # audit-ok: test
        self.assertIn(unmet, self.kinds(today))
        self.assertNotIn(unmet, self.kinds(today + 2 * DAY))
        wife.birth_date = years_before(today, 15) + DAY  # 15 tomorrow
        wife.save()  # audit-ok: test
        self.assertNotIn(unmet, self.kinds(today))
        self.assertIn(unmet, self.kinds(today + DAY))
        wife.birth_date, husband.joined_on = born, today - 10 * DAY
        wife.save()  # audit-ok: test
        husband.save()  # audit-ok: test (on her KK only from ten days ago)
        self.assertNotIn(unmet, self.kinds(today - 20 * DAY))
        self.assertIn(unmet, self.kinds(today))
        with acting_as(self.admin):
            actions.record_exit(
                actor=self.admin, member=husband, left_on=today - 5 * DAY, reason="meninggal"
            )
        self.assertNotIn(unmet, self.kinds(today))
        self.assertIn(unmet, self.kinds(today - 7 * DAY))
        wife.marital_status = "belum_kawin"
        wife.save()  # audit-ok: test (no wife: no PUS)
        self.assertNotIn(unmet, self.kinds(today - 7 * DAY))

    def test_a_stop_to_switch_method_is_no_drop_out(self):
        ppkbd, today = self.ppkbd_a, dates.today()
        with acting_as(ppkbd):
            contraception.start_method(
                actor=ppkbd, member=self.wife_a, method="PIL", start_date=today - 100 * DAY
            )
            contraception.stop_method(
                actor=ppkbd, member=self.wife_a, end_date=today - 10 * DAY, reason="ganti_cara"
            )
        self.assertEqual(self.kinds(today), set())

    def test_a_day_before_a_latest_record_is_looked_up(self):
        ppkbd, today = self.ppkbd_a, dates.today()
        with acting_as(ppkbd):
            self.wish(self.wife_b, "TIAL", 200)
            self.wish(self.wife_b, "IAS", 5)
            self.wish(self.wife_a, "TIAL", 200)
            contraception.record_pregnancy(  # her latest record: begun after the day asked
                actor=ppkbd, member=self.wife_a, start_date=today - 3 * DAY
            )
        served: list[bool] = []
        with mock.patch.object(visits, "from_stored", noting(served)):
            before = visits.visit_list(self.ppkbd_a, today - 6 * DAY, members=False)
            pregnant = visits.visit_list(self.ppkbd_a, today - 4 * DAY, members=False)
            now = visits.visit_list(self.ppkbd_a, today, members=False)
        self.assertEqual(served, [False, False, True])
        unmet = {("unmet", self.wife_a.pk), ("unmet", self.wife_b.pk)}
        self.assertEqual({(i.kind, i.member_id) for i in before}, unmet)
        self.assertEqual({(i.kind, i.member_id) for i in pregnant}, {("unmet", self.wife_a.pk)})
        self.assertNotIn("unmet", {i.kind for i in now})

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
FROM_STORED = visits.from_stored


def noting(served: list[bool]):
    """``visits.from_stored`` noting in ``served`` whether the stored records served."""

    def from_stored(rows):
        found = FROM_STORED(rows)
        served.append(found is not None)
        return found

    return from_stored


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
        compared, kinds, used = 0, set(), {}
        for user, region in cases:
            for day in days:
                served: list[bool] = []
                with mock.patch.object(visits, "from_stored", noting(served)):
                    new = visits.visit_list(user, day, region, members=False)
                used[user.username, region, day] = served == [True]
                with (
                    mock.patch.object(visits, "listed_members", every_member),
                    mock.patch.object(visits, "from_stored", return_value=None),
                ):
                    compiled.clear()  # compiled anew, with every member, records looked up
                    old = visits.visit_list(user, day, region, members=False)
                    compiled.clear()
                self.assertEqual(as_rows(new), as_rows(old), (user, region, day))
                compared += len(new)
                kinds |= {i.kind for i in new}
        # The stored records served the days not before them, today and after; the records
        # were looked up for a past day's list of the kabupaten.
        later = [used[u.username, r, d] for u, r in cases for d in (today, today + 30 * DAY)]
        self.assertTrue(all(later), used)
        self.assertFalse(used[self.admin.username, "", today - 20 * DAY])
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
        self.assertEqual(len(found), 7, found)

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
