"""Families 0010 moves the stored PUS months to a table keyed by (member, month) and back,
keeping every row; on PostgreSQL the new table has its three indexes and no others."""

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

BEFORE = [("families", "0009_episode_member_covering_postgresql")]
AFTER = [("families", "0010_pus_month_member_month_key")]
FIELDS = ("month", "member_id", "family_id", "region_code", "status", "jalur", "drop_out")


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh graph: what is applied now


def rows(executor: MigrationExecutor, targets) -> set[tuple]:
    model = executor.loader.project_state(targets).apps.get_model("families", "PusMonth")
    return set(model.objects.values_list(*FIELDS))


def indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'families_pusmonth'"
        )
        return dict(cursor.fetchall())


class PusMonthKeyMigrationTests(TransactionTestCase):
    def tearDown(self):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_the_rows_move_to_the_new_key_and_back(self):
        executor = migrate(BEFORE)
        model = executor.loader.project_state(BEFORE).apps.get_model("families", "PusMonth")
        june, july = dt.date(2026, 6, 1), dt.date(2026, 7, 1)
        model.objects.bulk_create(
            model(month=month, member_id=member, family_id=member // 2, region_code="73.06.01",
                  status=status, jalur=jalur, drop_out=member == 3)
            for month in (june, july)
            for member, status, jalur in ((2, "PIL", "swasta"), (3, "?", None), (5, "H", None))
        )  # fmt: skip
        stored = rows(executor, BEFORE)
        self.assertEqual(len(stored), 6)
        executor = migrate(AFTER)
        self.assertEqual(rows(executor, AFTER), stored)
        if connection.vendor == "postgresql":
            found = indexes()
            self.assertEqual(len(found), 3, found)
            key = found["families_pusmonth_pkey"]
            self.assertIn("(member_id, month) INCLUDE (status, jalur)", key)
            self.assertIn("jalur, drop_out, member_id)", found["pus_month_region_c"])
        executor = migrate(BEFORE)
        self.assertEqual(rows(executor, BEFORE), stored)
        if connection.vendor == "postgresql":
            found = indexes()
            self.assertIn("status, jalur, member_id)", found["pus_month_region_c"])
            self.assertIn("pus_month_once", found)
            self.assertIn("(id)", found["families_pusmonth_pkey"])  # named as when made
