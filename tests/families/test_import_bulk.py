"""New households are checked in memory and stored in bulk: the same messages as the actions,
one audit event per record created, and a number of queries that does not grow with the file.
Households already stored are read in blocks (``importer_bulk.Stored``): a re-import of
unchanged rows costs a few queries per block, and a later row sees the writes of earlier ones."""

import datetime as dt
from unittest import mock

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from impsmart import dates, pipelined
from impsmart.accounts import audit
from impsmart.accounts.models import AuditEvent
from impsmart.families import actions, contraception, importer_bulk
from impsmart.families.identity import nik_for
from impsmart.families.importer import CONFIRM_HINT, import_file
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
    PusMonth,
    PusMonthBuilt,
)
from tests.base import World
from tests.counseling import test_listed_members as visit_list
from tests.families import test_pus_months as months
from tests.families.test_import import csv_file, person

KK1, KK2, KK3 = "7306060101200021", "7306060101200022", "7306060101200023"
KK4, KK5 = "7306060101200024", "7306060101200025"


def households(region: str, count: int) -> list[dict]:
    """``count`` new households of a head, a wife with a method and a child."""
    rows = []
    for i in range(count):
        kk = f"73060601012{i + 30:05d}"
        rows += [
            person(kk, region, f"Kepala {i}", "L", dt.date(1980, 1, i + 1), "kepala"),
            person(kk, region, f"Istri {i}", "P", dt.date(1985, 2, i + 1), "istri",
                   current_method="PIL", method_start="2025-05-01", jalur="swasta"),
            person(kk, region, f"Anak {i}", "P", dt.date(2012, 3, i + 1), "anak",
                   marital_status="belum_kawin"),
        ]  # fmt: skip
    return rows


class ImportBulkTests(World):
    def run_import(self, rows, user=None):
        content = csv_file(rows).read()
        user = user or self.ppkbd_a
        return import_file(
            actor=user, region_code=self.desa_a.code, filename="r.csv", content=content
        )

    def action_refusal(self, func, **kwargs) -> list[str]:
        """The messages ``func`` refuses with, nothing stored."""
        with transaction.atomic():
            try:
                func(actor=self.ppkbd_a, **kwargs)
            except ValidationError as error:
                return error.messages
            finally:
                transaction.set_rollback(True)
        self.fail(f"{func.__name__} accepted {kwargs}")

    def test_every_record_created_has_one_create_event_as_the_importer_with_its_values(self):
        a1 = self.dusun_a1.code
        rows = [
            person(KK1, a1, "Baso", "L", dt.date(1985, 2, 3), "kepala"),
            person(KK1, a1, "Hasnah", "P", dt.date(1990, 6, 7), "istri",
                   current_method="SUNTIK3", method_start="2024-03-01", jalur="pemerintah",
                   pregnant_since="2026-07-20"),
            person(KK2, a1, "Nur", "P", dt.date(1987, 3, 3), "istri", intention="IAT"),
        ]  # fmt: skip
        result = self.run_import(rows)
        self.assertEqual(result.errors, [])
        records = [
            *Family.objects.all(), *Member.objects.all(), *ContraceptiveEpisode.objects.all(),
            *Pregnancy.objects.all(), *IntentionRecord.objects.all(),
        ]  # fmt: skip
        self.assertEqual(len(records), 2 + 3 + 1 + 1 + 1)
        events = AuditEvent.objects.filter(model__startswith="families.")
        self.assertEqual(events.count(), len(records))
        for record in records:
            [event] = events.filter(model=record._meta.label, object_pk=str(record.pk))
            self.assertEqual(
                (event.action, event.actor, event.before), ("create", self.ppkbd_a, None)
            )
            self.assertEqual(event.after, audit.snapshot(record))  # as stored: links, ends
            self.assertEqual(event.region_code, a1)
        wife = Member.objects.get(name="Hasnah")
        self.assertEqual((wife.spouse.name, wife.spouse.spouse_id), ("Baso", wife.pk))
        self.assertEqual(ContraceptiveEpisode.objects.get().end_reason, "hamil")
        self.assertIsNone(Member.objects.get(name="Nur").spouse)  # no husband on her KK
        self.assertIn("1 istri tanpa suami terhubung", result.summary())

    def test_ids_drawn_for_the_import_are_never_given_again(self):
        a1 = self.dusun_a1.code
        before = Family.objects.create(  # audit-ok: test
            region_code=a1, kk_number="7306010101990001", registered_on=dt.date(2024, 1, 1)
        )
        gone = before.pk  # the largest id ever given, no longer in the table
        before.delete()  # audit-ok: test
        rows = [person(KK1, a1, "Baso", "L", dt.date(1985, 2, 3), "kepala")]
        self.assertEqual(self.run_import(rows).errors, [])
        imported = Family.objects.get()
        self.assertGreater(imported.pk, gone)
        after = actions.create_family(
            actor=self.ppkbd_a, region_code=a1, kk_number="7306010101990002",
            registered_on=dt.date(2024, 1, 1), address="",
        )  # fmt: skip
        self.assertGreater(after.pk, imported.pk)
        self.assertGreater(
            actions.add_member(
                actor=self.ppkbd_a, family=after, name="Sitti", sex="P",
                birth_date=dt.date(1990, 1, 1), relation="kepala", marital_status="cerai_mati",
                nik=nik_for("730601", dt.date(1990, 1, 1), "P", 9),
            ).pk,
            Member.objects.get(name="Baso").pk,
        )  # fmt: skip

    def test_each_refusal_reads_as_the_action_and_confirmed_lets_what_may_be_true_through(self):
        a1 = self.dusun_a1.code
        stored = actions.create_family(
            actor=self.ppkbd_a, region_code=a1, kk_number=KK3, registered_on=dt.date(2026, 1, 5)
        )
        twin_nik = nik_for("730606", dt.date(1991, 5, 5), "P", 77)
        actions.add_member(
            actor=self.ppkbd_a, family=stored, name="Ani", sex="P", birth_date=dt.date(1991, 5, 5),
            relation="kepala", marital_status="cerai_hidup", nik=twin_nik,
        )  # fmt: skip
        rows = [
            person(KK1, a1, "Mama", "P", dt.date(2000, 1, 1), "kepala",
                   marital_status="cerai_mati"),
            person(KK1, a1, "Kecil", "L", dt.date(2008, 1, 1), "anak",
                   marital_status="belum_kawin"),
            person(KK2, a1, "Ani Juga", "P", dt.date(1991, 5, 5), "kepala", nik=twin_nik,
                   marital_status="cerai_hidup"),
            person(KK4, a1, "Muda", "P", dt.date(2010, 4, 4), "anak"),  # married at 16
        ]  # fmt: skip
        result = self.run_import(rows)
        self.assertEqual(Family.objects.count(), 1)  # all or nothing
        # What the page's action says about the same facts.
        new = Family(region_code=a1, kk_number=KK2, registered_on=dt.date(2026, 11, 18))
        mother = Member(name="Mama", sex="P", birth_date=dt.date(2000, 1, 1), relation="kepala",
                        marital_status="cerai_mati")  # fmt: skip
        child = {"name": "Kecil", "sex": "L", "birth_date": dt.date(2008, 1, 1)}
        child |= {"relation": "anak", "marital_status": "belum_kawin"}
        refused = actions.new_member
        young = self.action_refusal(
            actions.add_member, family=stored, name="Muda", sex="P",
            birth_date=dt.date(2010, 4, 4), relation="anak", marital_status="kawin",
        )  # fmt: skip
        twin = self.action_refusal(
            actions.add_member, family=stored, name="Ani Juga", sex="P",
            birth_date=dt.date(1991, 5, 5), relation="lainnya", marital_status="cerai_hidup",
            nik=twin_nik,
        )  # fmt: skip
        with self.assertRaises(ValidationError) as parent:
            refused(family=new, household=[mother], nik_taken=lambda nik: False, **child)
        self.assertEqual(
            [(e.row, e.column, e.message) for e in result.errors],
            [
                (3, "birth_date", parent.exception.messages[0]),
                (4, "nik", twin[0] + CONFIRM_HINT),
                (5, "marital_status", young[0] + CONFIRM_HINT),
            ],
        )
        self.assertIn("sebelum ibunya Mama berumur 10 tahun", parent.exception.messages[0])
        self.assertIn("sudah tercatat di keluarga lain", twin[0])
        # Confirmed where the pages ask to confirm, the child's impossible date fixed: stored.
        rows[1]["birth_date"], rows[1]["nik"] = "2020-01-01", ""
        for row in rows[2:]:
            row["confirmed"] = "ya"
        self.assertEqual(self.run_import(rows).errors, [])
        self.assertEqual(Member.objects.filter(nik=twin_nik).count(), 2)
        self.assertTrue(Member.objects.get(name="Ani Juga").nik_mismatch_confirmed)

    def test_new_and_existing_households_see_each_others_writes_in_file_order(self):
        a1 = self.dusun_a1.code
        first = [
            person(KK1, a1, "Baso", "L", dt.date(1985, 2, 3), "kepala"),
            person(KK3, a1, "Budi", "L", dt.date(1983, 4, 5), "kepala"),
        ]
        self.assertEqual(self.run_import(first).errors, [])
        nik1 = nik_for("730606", dt.date(1992, 7, 7), "P", 55)
        nik2 = nik_for("730606", dt.date(1993, 8, 8), "P", 56)
        rows = [
            person(KK2, a1, "Dewi", "P", dt.date(1992, 7, 7), "kepala", nik=nik1,
                   marital_status="cerai_hidup"),  # new: in memory until the next row
            first[0],  # stored: checked by the actions, which must see Dewi
            person(KK1, a1, "Dewi Lagi", "P", dt.date(1992, 7, 7), "lainnya", nik=nik1,
                   marital_status="cerai_hidup"),
            first[1],
            person(KK3, a1, "Rina", "P", dt.date(1993, 8, 8), "lainnya", nik=nik2,
                   marital_status="cerai_hidup"),  # added by the actions
            person(KK5, a1, "Rina Dua", "P", dt.date(1993, 8, 8), "kepala", nik=nik2,
                   marital_status="cerai_hidup"),  # new: must see Rina
        ]  # fmt: skip
        errors = [(e.row, e.column) for e in self.run_import(rows).errors]
        self.assertEqual(errors, [(4, "nik"), (7, "nik")])
        self.assertEqual(Member.objects.count(), 2)

    def test_the_queries_do_not_grow_with_the_number_of_households(self):
        counts = []
        for count in (2, 12):
            with CaptureQueriesContext(connection) as queries, transaction.atomic():
                result = self.run_import(households(self.dusun_a2.code, count))
                transaction.set_rollback(True)
            self.assertEqual(result.errors, [])
            self.assertEqual(result.counts["pasangan"], count)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
        self.assertLess(counts[1], 40)

    def test_the_files_lookups_read_one_table_unsorted_and_bind_one_array_on_postgresql(self):
        # psycopg parses a statement of more than 50 parameters anew on every execution.
        sent = []

        def record(execute, sql, params, many, context):
            sent.append((sql, params))
            return execute(sql, params, many, context)

        rows = households(self.dusun_a2.code, 12)
        with connection.execute_wrapper(record), transaction.atomic():
            self.assertEqual(self.run_import(rows).errors, [])
            transaction.set_rollback(True)
        numbers = sorted({row["kk_number"] for row in rows})
        by_kk = ('"families_family"."kk_number" IN', '"families_family"."kk_number" = ANY')
        by_number = [
            (sql, params) for sql, params in sent
            if sql.startswith("SELECT") and any(where in sql for where in by_kk)
        ]  # fmt: skip
        self.assertEqual(len(by_number), 2)  # the KK taken; the families in scope
        by_nik = [sql for sql, _ in sent if sql.startswith('SELECT "families_member"."nik"')]
        self.assertEqual(len(by_nik), 1)
        for sql in [*by_nik, *(sql for sql, _ in by_number)]:
            self.assertNotIn("JOIN", sql)  # nor ordered by the family's place
            self.assertNotIn("ORDER BY", sql)
        for _sql, params in by_number:
            if connection.vendor == "postgresql":
                self.assertEqual([sorted(p) for p in params if isinstance(p, list)], [numbers])
                self.assertFalse({p for p in params if isinstance(p, str)} & set(numbers))
            else:
                self.assertEqual(sorted(p for p in params if p in numbers), numbers)

    def test_an_unchanged_reimport_reads_the_stored_households_in_blocks(self):
        counts = []
        for count in (2, 12):
            rows = households(self.dusun_a2.code, count)
            with transaction.atomic():
                self.assertEqual(self.run_import(rows).errors, [])
                with CaptureQueriesContext(connection) as queries:
                    result = self.run_import(rows)
                transaction.set_rollback(True)
            self.assertEqual((result.errors, result.changed_rows), ([], set()))
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
        self.assertLess(counts[1], 20)

    def test_a_later_row_of_a_stored_household_sees_the_earlier_rows_writes(self):
        a1 = self.dusun_a1.code
        head = person(KK1, a1, "Baso", "L", dt.date(1985, 2, 3), "kepala")
        wife = person(KK1, a1, "Hasnah", "P", dt.date(1990, 6, 7), "istri", with_nik=False,
                      current_method="PIL", method_start="2025-05-01", jalur="swasta")  # fmt: skip
        self.assertEqual(self.run_import([head, wife]).errors, [])
        switched = {**wife, "current_method": "IMPLAN", "method_start": "2026-01-05"}
        child = person(KK1, a1, "Anak", "P", dt.date(2015, 1, 1), "anak", with_nik=False,
                       marital_status="belum_kawin")  # fmt: skip
        # The wife twice (the second row sees her switch), the child twice (added once).
        result = self.run_import([head, switched, child, switched, child])
        self.assertEqual(result.errors, [])
        self.assertEqual((result.counts["episode KB"], result.counts["anggota baru"]), (1, 1))
        episodes = ContraceptiveEpisode.objects.order_by("start_date")
        self.assertEqual(list(episodes.values_list("method", "end_date")), [
            ("PIL", dt.date(2026, 1, 5)), ("IMPLAN", None),
        ])  # fmt: skip
        self.assertEqual(Member.objects.count(), 3)

    def test_a_user_who_may_not_edit_the_register_is_refused_as_by_the_actions(self):
        rows = households(self.dusun_a1.code, 2)
        result = self.run_import(rows, user=self.mitra_a)  # her kecamatan, no register writes
        self.assertEqual(
            [(e.row, e.column, e.message) for e in result.errors],
            [(2, "region_code", "Di luar wilayah kerja Anda.")] * 1
            + [(5, "region_code", "Di luar wilayah kerja Anda.")],
        )
        self.assertEqual(Family.objects.count(), 0)

    def test_a_long_file_is_stored_in_parts_and_still_all_or_nothing(self):
        """In parts of 3 members: on PostgreSQL each part's stored months and visit-list
        rows are sent without waiting (``pipelined``) while the next part is checked."""
        month = dates.today().replace(day=1)
        PusMonthBuilt.objects.create(month=month)  # stored, empty: no family yet
        rows = households(self.dusun_a1.code, 4)
        rows[-1]["birth_date"], rows[-1]["nik"] = "2027-01-01", ""  # refused by the checks
        with mock.patch.object(importer_bulk, "FLUSH_EVERY", 3):
            result = self.run_import(rows)
            self.assertEqual([(e.row, e.column) for e in result.errors], [(13, "birth_date")])
            register = AuditEvent.objects.filter(model__startswith="families.")
            self.assertEqual((Family.objects.count(), register.count()), (0, 0))
            self.assertEqual(
                PusMonth.objects.filter(family__region_code=self.dusun_a1.code).count(), 0
            )
            rows[-1]["birth_date"] = "2012-03-04"
            self.assertEqual(self.run_import(rows).errors, [])
        self.assertEqual(Member.objects.filter(spouse__isnull=False).count(), 8)
        self.assertEqual(ContraceptiveEpisode.objects.count(), 4)
        self.assertEqual(len(months.stored_rows(month)), 4)  # the four wives
        self.assertEqual(months.stored_rows(month), months.live_rows(month))
        self.assertTrue(months.tally_is_stored_count(month))
        self.assertEqual(visit_list.stored_rows(), visit_list.live_rows())

    def test_stored_months_tally_and_visit_list_are_their_definition_after_import_and_refresh(self):
        """Every month from January 2024 stored (the SELECT compiled once, each month's dates
        put in its places: ``pus_months._template``; November 2026 the current one); a file
        in blocks of 3 members with a method, a pregnancy and an intention; then a write that
        makes a drop-out."""
        first = dt.date(2024, 1, 1)  # stored, empty: no family yet
        PusMonthBuilt.objects.bulk_create(
            PusMonthBuilt(month=dates.add_months(first, n)) for n in range(35)
        )
        rows = households(self.dusun_a1.code, 3)
        rows[1].update(current_method="", method_start="", jalur="", pregnant_since="2026-07-01")
        rows[4].update(current_method="", method_start="", jalur="", intention="IAT")
        with mock.patch.object(importer_bulk, "FLUSH_EVERY", 3):
            self.assertEqual(self.run_import(rows).errors, [])
        self.assertStoredIsDefinition()
        wife = Member.objects.get(name="Istri 2")
        with audit.acting_as(self.ppkbd_a):
            contraception.stop_method(
                actor=self.ppkbd_a, member=wife, end_date=dt.date(2026, 8, 10), reason="ingin_hamil"
            )
        self.assertStoredIsDefinition()
        november = PusMonth.objects.get(member=wife, month=dt.date(2026, 11, 1))
        self.assertEqual((november.status, november.drop_out), ("?", True))
        statuses = {r[2] for r in months.stored_rows(november.month)}
        self.assertEqual(statuses, {"H", "IAT", "?"})  # the intention is recorded today

    def assertStoredIsDefinition(self):
        for month in PusMonthBuilt.objects.values_list("month", flat=True):
            self.assertEqual(months.stored_rows(month), months.live_rows(month), month)
            self.assertTrue(months.tally_is_stored_count(month), month)
        self.assertEqual(visit_list.stored_rows(), visit_list.live_rows())

    def test_a_failure_between_blocks_leaves_no_statement_pending_and_nothing_stored(self):
        """A block's derived rows are sent ahead on PostgreSQL (``pipelined``); an exception
        while the next block is checked still waits for them and rolls everything back."""
        rows = households(self.dusun_a1.code, 4)
        real = importer_bulk.NewHouseholds.history
        calls = []

        def history(new, number, values, member):
            calls.append(number)
            if len(calls) == 10:  # the fourth household, after three stored blocks
                raise RuntimeError("broken")
            return real(new, number, values, member)

        with (
            mock.patch.object(importer_bulk, "FLUSH_EVERY", 3),
            mock.patch.object(importer_bulk.NewHouseholds, "history", history),
            self.assertRaisesMessage(RuntimeError, "broken"),
        ):
            self.run_import(rows)
        self.assertIsNone(getattr(connection, pipelined.ATTRIBUTE, None))
        self.assertEqual((Family.objects.count(), Member.objects.count()), (0, 0))
        self.assertFalse(AuditEvent.objects.filter(model__startswith="families.").exists())
