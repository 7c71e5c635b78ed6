"""Every new SQLite connection waits 20 s for a lock, syncs NORMAL and begins transactions
IMMEDIATE (a write queues for the lock at BEGIN, never midway). SQLite only (skipped on
PostgreSQL); WAL needs a database file, so test_concurrent_writes.py checks it."""

import pytest
from django.db import connection
from django.test import TestCase


@pytest.mark.sqlite_only
class SqliteConnectionTests(TestCase):
    def test_a_new_connection_gets_the_timeout_sync_mode_and_immediate_transactions(self):
        fresh = connection.copy()
        try:
            fresh.ensure_connection()
            with fresh.cursor() as cursor:
                self.assertEqual(cursor.execute("PRAGMA busy_timeout").fetchone(), (20000,))
                self.assertEqual(cursor.execute("PRAGMA synchronous").fetchone(), (1,))
            self.assertEqual(fresh.transaction_mode, "IMMEDIATE")
        finally:
            fresh.close()
