"""``impsmart.compiled``: a query compiled once answers as the ORM would, whatever is given
when it runs (a list of ids, a slot), and keeps the scope it was built with."""

import contextlib
import datetime as dt
from unittest import mock

import pytest
from django.db import DataError, connection, transaction
from django.db.models import CharField, Count, Max, Min
from django.db.models.functions import Cast
from django.urls import reverse

from impsmart import compiled, dates
from impsmart.compiled import IDS, SLOT, Compiled
from impsmart.families.models import Member
from tests.families.world import FamilyWorld, make_couple


class CompiledTests(FamilyWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.family_b, cls.wife_b, cls.husband_b = make_couple(
            cls.ppkbd_a, cls.dusun_a2.code, dt.date(1992, 4, 4)
        )

    def test_a_query_of_ids_answers_each_list_as_the_orm(self):
        visible = Member.objects.visible_to(self.ppkbd_a)
        # A date (converted on SQLite) and an annotation before the fields (no reordering).
        fields = ("day", "pk", "name", "birth_date", "family__region_code")
        query = visible.annotate(day=Cast("joined_on", CharField())).order_by("pk")
        once = Compiled.of(query.filter(pk__in=[IDS]).values_list(*fields))
        mine = [self.wife_a.pk, self.husband_b.pk, self.wife_b.pk]
        for ids in (mine, mine[:1], [self.wife_b.pk, self.wife_c.pk], []):
            with self.subTest(ids=ids):
                expected = list(query.filter(pk__in=ids).values_list(*fields))
                self.assertEqual(once.rows(ids=ids), expected)
        # Desa C's wife is outside the user's scope: her id alone finds nothing.
        self.assertEqual(once.rows(ids=[self.wife_c.pk]), [])
        self.assertEqual(len(once.rows(ids=mine)), 3)

    def test_ids_and_a_slot_in_one_query_each_take_their_place(self):
        query = Member.objects.filter(family_id=SLOT, pk__in=[IDS]).values_list("pk", flat=True)
        once = Compiled.of(query.order_by("pk"))
        ids = [self.wife_a.pk, self.husband_a.pk, self.wife_b.pk]
        couple = sorted([(self.wife_a.pk,), (self.husband_a.pk,)])
        self.assertEqual(once.rows(slot=self.family_a.pk, ids=ids), couple)
        self.assertEqual(once.rows(slot=self.family_b.pk, ids=ids), [(self.wife_b.pk,)])
        with self.assertRaisesMessage(ValueError, "without IDS"):
            Compiled.of(Member.objects.values_list("pk")).rows(ids=ids)

    def test_an_aggregate_compiles_to_one_row_of_its_values(self):
        aggregates = {"n": Count("pk"), "first": Min("birth_date"), "last": Max("name")}
        for members in (Member.objects.visible_to(self.pkb), Member.objects.filter(pk=SLOT)):
            with self.subTest(members=members.query):
                expected = members.aggregate(**aggregates)
                rows = Compiled.of(compiled.aggregate(members, **aggregates)).rows()
                self.assertEqual(rows, [tuple(expected.values())])

    def test_a_query_around_another_reads_the_outer_select(self):
        families = Member.objects.filter(pk__in=[IDS]).values_list("family_id", flat=True)
        around = Compiled.of(families).around("SELECT COUNT(DISTINCT family_id) FROM ({}) f")
        members = [self.wife_a.pk, self.husband_a.pk, self.wife_b.pk]
        self.assertEqual(around.rows(ids=members), [(2,)])
        self.assertEqual(around.rows(ids=[]), [(0,)])

    def test_ids_as_one_array_take_their_place_on_either_database(self):
        # ``among``: ``= ANY(%s)`` with one array on PostgreSQL, ``IN`` elsewhere.
        from impsmart.among import among

        query = Member.objects.filter(among("family_id", [IDS])).order_by("pk")
        once = Compiled.of(query.values_list("pk"))
        for families in ([self.family_a.pk], [self.family_a.pk, self.family_b.pk], []):
            with self.subTest(families=families):
                expected = list(Member.objects.filter(family_id__in=families).order_by("pk"))
                self.assertEqual(once.rows(ids=families), [(m.pk,) for m in expected])


class CompiledCodesTests(FamilyWorld):
    def test_a_list_of_codes_stands_in_for_text_and_none_matches_nothing(self):
        from impsmart.regions.models import Region

        codes = Region.objects.visible_to(self.admin).filter(code__in=[IDS]).values_list("code")
        query = Compiled.of(codes)
        wanted = [self.desa_a.code, self.dusun_a1.code]
        self.assertEqual(sorted(code for (code,) in query.rows(ids=wanted)), sorted(wanted))
        self.assertEqual(query.rows(ids=[]), [])  # on PostgreSQL too: no number for a text
        numbers = Compiled.of(Member.objects.filter(pk__in=[IDS]).values_list("pk"))
        self.assertEqual(numbers.rows(ids=[]), [])


class CompiledValuesTests(FamilyWorld):
    """On PostgreSQL a compiled query carries its values in its text (it is planned once for
    them); only ``SLOT`` and ``IDS`` stay parameters. Either way it answers as the ORM."""

    def test_values_are_written_in_and_the_stand_ins_stay_parameters(self):
        name = "Nur 100% 'Aisyah'"  # a quote and a percent sign in a written-in value
        self.wife_a.name = name
        self.wife_a.save()
        query = Member.objects.visible_to(self.ppkbd_a).filter(name=name, family_id=SLOT)
        once = Compiled.of(query.values_list("pk", "birth_date"))
        self.assertEqual(
            once.rows(slot=self.family_a.pk), [(self.wife_a.pk, self.wife_a.birth_date)]
        )
        self.assertEqual(once.rows(slot=self.family_c.pk), [])
        if connection.vendor == "postgresql":
            self.assertEqual(once.params, (SLOT,))
            self.assertIn("100%%", once.sql)
            self.assertIn(self.ppkbd_a.scope_codes[0], once.sql)
        else:
            self.assertIn(name, once.params)


@pytest.mark.postgresql_only  # SQLite plans every statement anew, cheaply
class PlannedOnceTests(FamilyWorld):
    """``planned_once``: inside it a prepared statement is planned once for any values; outside
    it, at every run for its values (the connection's ``force_custom_plan``)."""

    def setting(self) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW plan_cache_mode")
            return cursor.fetchone()[0]

    def test_inside_a_generic_plan_after_it_the_connections_own(self):
        before = self.setting()
        with transaction.atomic(), compiled.planned_once():
            self.assertEqual(self.setting(), "force_generic_plan")
            query = Compiled.of(Member.objects.filter(family_id__in=[IDS]).values_list("pk"))
            for families in ([self.family_a.pk], [self.family_a.pk, self.family_c.pk]):
                expected = Member.objects.filter(family_id__in=families).order_by("pk")
                self.assertEqual(sorted(query.rows(ids=families)), [(m.pk,) for m in expected])
            self.assertEqual(self.setting(), "force_generic_plan")
            with compiled.planned_once():  # a nested one leaves the outer's setting
                pass
            self.assertEqual(self.setting(), "force_generic_plan")
        self.assertEqual(self.setting(), before)
        with self.assertRaises(RuntimeError), transaction.atomic(), compiled.planned_once():
            raise RuntimeError  # a failed write leaves the connection's own setting too
        self.assertEqual(self.setting(), before)

    def plans(self, sql: str) -> tuple[int, int]:
        """(generic, custom) plans made so far of the connection's prepared ``sql``."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                "WHERE statement = %s",
                [sql],
            )
            return cursor.fetchone()

    def test_a_statement_run_with_ids_is_planned_once_for_any_ids(self):
        before = self.setting()
        query = Compiled.of(Member.objects.filter(family_id__in=[IDS]).values_list("pk"))
        for families in ([self.family_a.pk, self.family_c.pk], [self.family_c.pk, 0]):
            expected = Member.objects.filter(family_id__in=families).order_by("pk")
            self.assertEqual(sorted(query.rows(ids=families)), [(m.pk,) for m in expected])
            self.assertEqual(self.setting(), before)
        sql, _ = query._statement(None, [1, 2])
        self.assertEqual(self.plans(sql.replace("%s", "$1", 1).replace("%s", "$2")), (1, 0))
        pieces = ("SELECT 1/0 WHERE 1 IN (", ")")
        broken = Compiled("default", "%s".join(pieces), (IDS,), (), pieces)
        with self.assertRaises(DataError), transaction.atomic():
            broken.rows(ids=[1])
        self.assertEqual(self.setting(), before)  # an error leaves the setting as it was

    def test_the_visit_list_refresh_runs_with_a_generic_plan(self):
        from impsmart.counseling import listed

        seen = []
        original = listed._insert_of_families

        def insert(alias):
            seen.append(self.setting())
            return original(alias)

        with mock.patch.object(listed, "_insert_of_families", insert):
            listed.refresh([self.family_a.pk])
        self.assertEqual(seen, ["force_generic_plan"])

    def test_a_family_page_and_a_register_write_are_planned_once(self):
        """Their queries are keyed by ids: the page's, the write's and its stored months'."""
        from impsmart.families import contraception, household, pus_months

        seen = []

        def spy(module, name):
            original = getattr(module, name)

            def recording(*args, **kwargs):
                seen.append((name, self.setting()))
                return original(*args, **kwargs)

            return mock.patch.object(module, name, recording)

        self.assertTrue(pus_months.stored(dates.today()))  # the write refreshes this month
        before = self.setting()
        self.client.force_login(self.ppkbd_a)
        names = ["members_of", "record_intention", "_insert_months"]
        with contextlib.ExitStack() as spies:
            for module, name in zip((household, contraception, pus_months), names, strict=True):
                spies.enter_context(spy(module, name))
            page = self.client.get(reverse("families:detail", args=[self.family_a.pk]))
            written = self.client.post(
                reverse("families:woman_event", args=[self.wife_a.pk, "keinginan"]),
                {"intention": "IAT", "recorded_on": dates.today().isoformat()},
            )
        self.assertEqual((page.status_code, written.status_code), (200, 302))
        self.assertEqual(seen, [(name, "force_generic_plan") for name in names])
        self.assertEqual(self.setting(), before)
