"""Importing an existing register: all or nothing, no duplicates, audited, inside scope."""

import csv
import datetime as dt
import io
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from impsmart import dates
from impsmart.accounts.models import AuditEvent
from impsmart.families import pus_months
from impsmart.families.identity import nik_for
from impsmart.families.importer_template import FIELDS
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    PusMonth,
)
from tests.base import World

# Files made with the first template: their headers are the field names (still accepted).
HEADER = FIELDS


def person(kk, region, name, sex, born, relation, **extra):
    row = dict.fromkeys(HEADER, "")
    nik = nik_for("730606", born, sex, 100 + len(name)) if extra.pop("with_nik", True) else ""
    row.update(kk_number=kk, region_code=region, address="Jl. Poros Malino", nik=nik, name=name)
    row.update(sex=sex, birth_date=born.isoformat(), relation=relation, marital_status="kawin")
    row.update(jkn="ya", education="sma", occupation="Petani")
    row.update(extra)
    return row


def register_events():
    """Audit events of the register (logging in also writes one, on the user)."""
    return AuditEvent.objects.filter(model__startswith="families.")


def csv_file(rows, name="register.csv"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode())


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append([row[h] for h in HEADER])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class ImportTests(World):
    def setUp(self):
        a1, a2 = self.dusun_a1.code, self.dusun_a2.code
        self.good = [
            person("7306060101200001", a1, "Baso", "L", dt.date(1985, 2, 3), "kepala"),
            person(
                "7306060101200001", a1, "Hasnah", "P", dt.date(1990, 6, 7), "istri",
                current_method="SUNTIK3", method_start="2024-03-01", jalur="pemerintah",
            ),
            person("7306060101200001", a1, "Anak", "L", dt.date(2015, 1, 9), "anak",
                   marital_status="belum_kawin", with_nik=False, occupation="Pelajar"),
            person("7306060101200002", a2, "Ramli", "L", dt.date(1980, 4, 4), "kepala"),
            person("7306060101200002", a2, "Sitti", "P", dt.date(1984, 8, 1), "istri",
                   intention="TIAL"),
        ]  # fmt: skip
        self.upload_url = reverse("imports:upload")

    def post(self, user, rows, region=None, name="register.csv"):
        self.client.force_login(user)
        data = {"region": region or self.desa_a.code, "file": csv_file(rows, name)}
        return self.client.post(self.upload_url, data)

    def test_a_good_file_imports_once_and_a_second_import_changes_nothing(self):
        response = self.post(self.ppkbd_a, self.good)
        self.assertEqual(response.status_code, 200, response.content.decode()[-2000:])
        self.assertEqual(Family.objects.count(), 2)
        self.assertEqual(Member.objects.count(), 5)
        wife = Member.objects.get(name="Hasnah")
        self.assertEqual(wife.spouse.name, "Baso")
        self.assertEqual(wife.spouse.spouse, wife)
        self.assertEqual(ContraceptiveEpisode.objects.get().method, "SUNTIK3")
        self.assertEqual(IntentionRecord.objects.get().intention, "TIAL")
        events = register_events().filter(actor=self.ppkbd_a)
        self.assertGreaterEqual(events.count(), 9)
        counts = [m.objects.count() for m in (Family, Member, ContraceptiveEpisode)]
        counts.append(register_events().count())
        self.assertEqual(self.post(self.ppkbd_a, self.good).status_code, 200)
        after = [m.objects.count() for m in (Family, Member, ContraceptiveEpisode)]
        after.append(register_events().count())
        self.assertEqual(after, counts)

    def test_a_changed_field_is_an_update(self):
        self.post(self.ppkbd_a, self.good)
        self.good[2]["occupation"] = "Tidak bekerja"
        self.good[1]["current_method"], self.good[1]["method_start"] = "IMPLAN", "2025-01-10"
        before = register_events().count()
        self.assertEqual(self.post(self.ppkbd_a, self.good).status_code, 200)
        self.assertEqual(Member.objects.get(name="Anak").occupation, "Tidak bekerja")
        methods = list(ContraceptiveEpisode.objects.values_list("method", "end_reason"))
        self.assertEqual(methods, [("SUNTIK3", "ganti_cara"), ("IMPLAN", "")])
        self.assertEqual(Member.objects.count(), 5)
        self.assertEqual(register_events().count() - before, 3)  # member, end, new episode

    def test_an_import_refreshes_the_stored_months_once_and_a_failed_one_not_at_all(self):
        self.post(self.ppkbd_a, self.good)
        month = dates.today().replace(day=1)  # families are registered on import
        self.assertTrue(pus_months.stored(month))
        self.good[1]["current_method"], self.good[1]["method_start"] = "IMPLAN", "2025-01-10"
        self.good[4]["intention"] = "IAT"
        spy = mock.patch.object(pus_months, "_refresh", wraps=pus_months._refresh)
        with spy as refreshed, CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.post(self.ppkbd_a, self.good).status_code, 200)
        self.assertEqual(refreshed.call_count, 1)
        inserts = [q for q in queries if "INSERT INTO families_pusmonth" in q["sql"]]
        # One for all on PostgreSQL; elsewhere one per first month refreshed (January 2025,
        # this month).
        self.assertEqual(len(inserts), 1 if connection.vendor == "postgresql" else 2)
        stored = dict(PusMonth.objects.filter(month=month).values_list("member__name", "status"))
        self.assertEqual(stored, {"Hasnah": "IMPLAN", "Sitti": "IAT"})
        self.good[4]["sex"] = "X"  # one bad row: nothing stored, nothing refreshed
        self.good[1]["current_method"] = "PIL"
        self.assertEqual(self.post(self.ppkbd_a, self.good).status_code, 400)
        after = dict(PusMonth.objects.filter(month=month).values_list("member__name", "status"))
        self.assertEqual(after, stored)

    def test_a_bad_file_stores_nothing_and_lists_each_error_by_row_and_column(self):
        bad = [dict(r) for r in self.good]
        bad[0]["nik"] = "12345"
        bad[2]["birth_date"] = "31-02-2015"
        bad[3]["sex"] = "X"
        bad[4]["birth_date"] = (dt.date.today() + dt.timedelta(days=40)).isoformat()  # noqa: DTZ011
        bad[4]["nik"] = ""
        response = self.post(self.ppkbd_a, bad)
        self.assertEqual(response.status_code, 400)
        errors = {(e.row, e.column) for e in response.context["result"].errors}
        self.assertEqual(errors, {(2, "nik"), (4, "birth_date"), (5, "sex")})
        self.assertEqual(Family.objects.count(), 0)
        page = response.content.decode()
        self.assertIn("tidak ada data yang disimpan", page)
        self.assertIn("16 angka", page)
        # A row that only the action can refuse (a birth date not yet reached): also nothing.
        only_future = [dict(r) for r in self.good]
        only_future[4]["birth_date"] = bad[4]["birth_date"]
        only_future[4]["nik"] = ""
        response = self.post(self.ppkbd_a, only_future)
        errors = {(e.row, e.column) for e in response.context["result"].errors}
        self.assertEqual(errors, {(6, "birth_date")})
        self.assertEqual((Family.objects.count(), register_events().count()), (0, 0))

    def test_rows_outside_the_region_or_the_users_scope_are_refused(self):
        rows = [person("7306010101200009", self.dusun_c1.code, "Luar", "L", dt.date(1980, 1, 1),
                       "kepala")]  # fmt: skip
        response = self.post(self.ppkbd_a, self.good[:1] + rows)
        self.assertEqual(response.status_code, 400)
        [error] = response.context["result"].errors
        self.assertEqual((error.row, error.column), (3, "region_code"))
        self.assertIn("di luar wilayah impor", error.message)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "register.xlsx"
            path.write_bytes(xlsx_bytes(rows))
            err = StringIO()
            with self.assertRaises(CommandError):
                call_command(
                    "import_register", str(path), "--region", "73.06", "--as", "pkb", stderr=err
                )
        self.assertIn("baris 2, kolom kode_wilayah: Di luar wilayah kerja", err.getvalue())
        self.assertEqual(Family.objects.count(), 0)

    def test_the_command_imports_xlsx_and_csv_alike(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "register.xlsx"
            path.write_bytes(xlsx_bytes(self.good[:3]))
            out = StringIO()
            call_command("import_register", str(path), "--region", self.desa_a.code, stdout=out)
            self.assertIn("oleh admin", out.getvalue())
            self.assertEqual(Member.objects.count(), 3)
            path = Path(folder) / "register.csv"
            path.write_bytes(csv_file(self.good).read())
            call_command("import_register", str(path), "--region", self.desa_a.code,
                         "--as", "ppkbd_a", stdout=out)  # fmt: skip
        self.assertEqual((Family.objects.count(), Member.objects.count()), (2, 5))
        self.assertEqual(Member.objects.get(name="Baso").birth_date, dt.date(1985, 2, 3))

    def test_the_template_downloads_and_its_example_imports_cleanly(self):
        self.client.force_login(self.ppkbd_a)
        for ext in ("xlsx", "csv"):
            response = self.client.get(reverse("imports:template", args=[ext]))
            self.assertEqual(response.status_code, 200)
            upload = SimpleUploadedFile(f"templat.{ext}", response.content)
            data = {"region": self.desa_a.code, "file": upload}
            result = self.client.post(self.upload_url, data)
            self.assertEqual(result.status_code, 200, result.content.decode()[-1500:])
        self.assertEqual(Member.objects.count(), 2)
        self.assertEqual(ContraceptiveEpisode.objects.get().method, "SUNTIK3")
        xlsx = self.client.get(reverse("imports:template", args=["xlsx"])).content
        book = load_workbook(io.BytesIO(xlsx))
        self.assertEqual(book.sheetnames, ["data", "petunjuk"])
        header = [cell.value for cell in book["data"][1]]
        self.assertEqual(header[:5], ["no_kk", "kode_wilayah", "alamat", "nik", "nama"])
        self.assertIn("metode_kb", header)
        self.assertNotIn("kk_number", header)

    def test_scope_of_the_import_pages(self):
        self.assertNotVisible(self.upload_url, [None, self.mitra_a, self.pimpinan])
        self.assertVisible(self.upload_url, [self.ppkbd_a, self.pkb, self.admin])
        template = reverse("imports:template", args=["xlsx"])
        self.assertNotVisible(f"{template}?region={self.desa_c.code}", [None, self.ppkbd_a])
        self.assertNotVisible(template, [self.mitra_a, self.pimpinan])
        self.assertVisible(f"{template}?region={self.desa_a.code}", [self.ppkbd_a, self.pkb])
        for user in (None, self.ppkbd_a, self.mitra_a):
            data = {"region": self.desa_c.code, "file": csv_file(self.good)}
            self.assertPostRefused(self.upload_url, data, [user])
        self.assertEqual(Family.objects.count(), 0)
