"""A refused import on PostgreSQL vacuums the tables it had written into (``impsmart.vacuum``):
their dead rows slowed the planning of every query joining them until autovacuum came."""

import datetime as dt

import pytest
from django.db import connection
from django.test import TransactionTestCase

from impsmart import vacuum
from impsmart.accounts.roles import Role
from impsmart.families import actions
from impsmart.families.importer import import_file
from impsmart.families.models import Family
from impsmart.regions.loader import load_kabupaten
from impsmart.regions.models import Level, Region
from tests.base import KABUPATEN, KECAMATAN_A, make_user
from tests.families.test_import import csv_file, person
from tests.families.test_import_bulk import households

KK = "7306060101299999"
DAY = dt.date(2025, 1, 5)


def vacuums(table: str) -> int:
    with connection.cursor() as cursor:  # audit-ok: a read
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.postgresql_only  # SQLite keeps no dead rows in its indexes
class RefusedImportTests(TransactionTestCase):
    def setUp(self):
        load_kabupaten(KABUPATEN)
        desa = Region.objects.filter(parent_id=KECAMATAN_A).order_by("code").first()
        self.desa = desa.code
        self.dusun = Region.objects.create(
            code=f"{desa.code}.01", name="Bontoa", level=Level.DUSUN, parent=desa
        ).code
        self.ppkbd = make_user("ppkbd_v", Role.PPKBD, desa.code)

    def run_import(self, rows):
        content = csv_file(rows).read()
        return import_file(
            actor=self.ppkbd, region_code=self.desa, filename="r.csv", content=content
        )

    def test_the_tables_a_refused_import_wrote_are_vacuumed_and_no_others(self):
        stored = actions.create_family(
            actor=self.ppkbd, region_code=self.dusun, kk_number=KK, registered_on=DAY
        )
        tables = ("families_family", "families_member", "families_contraceptiveepisode")
        before = {table: vacuums(table) for table in (*tables, "counseling_visit")}
        # New households are written before the stored one is read; its rows then disagree.
        rows = households(self.dusun, 3)
        rows += [
            person(KK, self.dusun, "Baso", "L", dt.date(1985, 2, 3), "kepala"),
            person(KK, self.desa, "Sitti", "P", dt.date(1987, 2, 3), "istri"),
        ]
        result = self.run_import(rows)
        self.assertEqual([e.column for e in result.errors], ["region_code"])
        self.assertEqual(list(Family.objects.all()), [stored])
        for table in tables:
            self.assertEqual(vacuums(table), before[table] + 1, table)
        self.assertEqual(vacuums("counseling_visit"), before["counseling_visit"])

    def test_an_import_that_succeeds_vacuums_nothing(self):
        before = vacuums("families_member")
        self.assertEqual(self.run_import(households(self.dusun, 2)).errors, [])
        self.assertEqual(Family.objects.count(), 2)
        self.assertEqual(vacuums("families_member"), before)

    def test_inside_an_open_transaction_nothing_is_vacuumed(self):
        before = vacuums("families_member")
        with vacuum.rolled_back():
            self.assertEqual(self.run_import(households(self.dusun, 1)).errors, [])
            with vacuum.rolled_back():  # the inner one cannot vacuum, the outer does
                self.assertIn("families_member", vacuum.inserted_tables())
        self.assertFalse(Family.objects.exists())
        self.assertEqual(vacuums("families_member"), before + 1)
