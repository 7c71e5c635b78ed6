"""The database itself refuses changing or removing ledger entries (SQLite and PostgreSQL);
only emptying the whole database (flush, restore) may remove them, and restore brings them
back with their receipt photos."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.test import TransactionTestCase, override_settings

from impsmart import append_only
from impsmart.accounts.roles import Role
from impsmart.funds import actions, ledger
from impsmart.funds.models import Kind, LedgerEntry
from impsmart.ops import backup
from impsmart.organization.models import Institution, Level
from tests.base import make_user
from tests.funds.world import FundWorld

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class AppendOnlyTests(FundWorld):
    def setUp(self):
        self.entry = actions.record_entry(
            actor=self.ppkbd_a,
            fund=self.fund,
            kind=Kind.INCOME,
            amount=250000,
            date=dt.date(2026, 11, 2),
            purpose="Dukungan mitra",
        )

    def _refused(self, sql, params):
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    def test_raw_update_of_an_entry_is_refused(self):
        self._refused("UPDATE funds_ledgerentry SET amount = 1 WHERE id = %s", [self.entry.pk])
        self.entry.refresh_from_db()
        self.assertEqual(self.entry.amount, 250000)

    def test_raw_delete_of_an_entry_is_refused(self):
        self._refused("DELETE FROM funds_ledgerentry WHERE id = %s", [self.entry.pk])
        self.assertTrue(LedgerEntry.objects.filter(pk=self.entry.pk).exists())

    def test_orm_save_and_delete_are_refused_too(self):
        self.entry.amount = 1
        with self.assertRaises(DatabaseError), transaction.atomic():
            self.entry.save()
        with self.assertRaises(DatabaseError), transaction.atomic():
            LedgerEntry.objects.filter(pk=self.entry.pk).delete()  # audit-ok
        self.assertEqual(ledger.balance(self.fund), 250000)

    @pytest.mark.postgresql_only  # SQLite has no TRUNCATE
    def test_truncate_is_refused_on_postgresql(self):
        self._refused("TRUNCATE funds_ledgerentry CASCADE", [])

    def test_emptying_the_whole_database_may_remove_entries(self):
        with transaction.atomic(), append_only.emptying():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM funds_ledgerentry")
            self.assertFalse(LedgerEntry.objects.exists())
            transaction.set_rollback(True)
        self._refused("DELETE FROM funds_ledgerentry", [])


class RestoreTests(TransactionTestCase):
    """Committed data (restore empties real tables); the flush after each test passes the
    triggers too."""

    def setUp(self):
        self.ppkbd_a = make_user("ppkbd_a", Role.PPKBD, "73.06.06.2001")
        owner = Institution.objects.create(
            code="PPKBD-A", level=Level.PPKBD, name="PPKBD A", region_code="73.06.06.2001"
        )
        self.fund = actions.create_fund(
            actor=self.ppkbd_a,
            institution=owner,
            name="Kas A",
            kind="kas",
            treasurer_name="B",
            chair_name="K",
        )

    def test_backup_and_restore_bring_back_entries_and_receipts(self):
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=Path(media)):
            receipt = SimpleUploadedFile("k.png", PNG, content_type="image/png")
            spent = actions.record_entry(
                actor=self.ppkbd_a,
                fund=self.fund,
                kind=Kind.INCOME,
                amount=90000,
                date=dt.date(2026, 11, 3),
                purpose="UPPKA",
                receipt=receipt,
            )
            actions.reverse_entry(
                actor=self.ppkbd_a, entry=spent, reason="Salah dana", date=dt.date(2026, 11, 4)
            )
            path = Path(media) / "cadangan.jsonl.gz"
            summary = backup.backup(path)
            self.assertEqual(summary.files, 1)
            (Path(media) / spent.receipt).unlink()
            backup.restore(path)
            restored = LedgerEntry.objects.get(pk=spent.pk)
            self.assertEqual((Path(media) / restored.receipt).read_bytes(), PNG)
            self.assertEqual(ledger.balance(self.fund), 0)
            self.assertEqual(LedgerEntry.objects.count(), 2)
            self._still_append_only(restored)

    def _still_append_only(self, entry):
        sql = "DELETE FROM funds_ledgerentry WHERE id = %s"
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
