"""Every csv and xlsx export opens formulas as text, keeps numbers and survives control bytes."""

import csv
import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from impsmart.families.models import Member
from impsmart.regions.models import Region
from impsmart.reports.exports import to_csv, to_xlsx
from tests.base import KECAMATAN_A
from tests.families.world import FamilyWorld

LINK = '=HYPERLINK("http://contoh.invalid","klik")'
YEAR = 2026


def xlsx_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


class ExportSafetyTests(FamilyWorld):
    def setUp(self):
        # What a cadre could type: a name, a husband's name and a dusun name a spreadsheet runs.
        Member.objects.filter(pk=self.wife_a.pk).update(name=LINK)
        Member.objects.filter(pk=self.husband_a.pk).update(name="@SUM(1+1)")
        Region.objects.filter(code=self.dusun_a1.code).update(name="+Bontoa")
        self.client.force_login(self.ppkbd_a)

    def download(self, name: str) -> bytes:
        url = reverse(f"register:{name}", args=[self.desa_a.code]) + f"?tahun={YEAR}"
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content

    def test_the_register_csv_of_the_page_and_the_cli_open_formulas_as_text(self):
        out = io.StringIO()
        call_command("export", "register", region=self.desa_a.code, month="2026-10", stdout=out,
                     stderr=io.StringIO())  # fmt: skip
        for text in (self.download("csv").decode(), out.getvalue()):
            [row] = csv_rows(text)
            self.assertEqual(list(row)[:3], ["region_code", "family_no", "wife_name"])
            self.assertEqual((row["wife_name"], row["husband_name"]), ("'" + LINK, "'@SUM(1+1)"))
            self.assertEqual((row["wife_nik"], row["wife_age"]), (self.wife_a.nik, "31"))

    def test_the_register_xlsx_of_the_page_and_the_cli_open_formulas_as_text(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "register.xlsx"
            call_command("export", "register", region=self.desa_a.code, month="2026-10",
                         format="xlsx", output=str(path), stdout=io.StringIO())  # fmt: skip
            from_cli = path.read_bytes()
        for content in (self.download("xlsx"), from_cli):
            book = load_workbook(io.BytesIO(content))
            cells = [c for line in book.active.iter_rows() for c in line if c.value is not None]
            self.assertEqual([c for c in cells if c.data_type == "f"], [])
            [row] = [r for r in xlsx_rows(content) if self.wife_a.nik in r]
            texts = [v for v in row if isinstance(v, str)]
            for value in ("'+Bontoa", self.family_a.kk_number, "'" + LINK, "'@SUM(1+1)"):
                self.assertIn(value, texts)
            self.assertIn(31, row)  # the age stays a number

    def test_a_control_character_in_the_database_is_dropped_not_a_server_error(self):
        # PostgreSQL cannot hold NUL, so there the stray byte is ESC; xlsx holds neither.
        stray = "\x00" if connection.vendor == "sqlite" else "\x1b"
        Member.objects.filter(pk=self.wife_a.pk).update(name=f"Bu{stray}di")
        [row] = [r for r in xlsx_rows(self.download("xlsx")) if self.wife_a.nik in r]
        self.assertIn("Budi", row)
        [row] = csv_rows(self.download("csv").decode())
        self.assertEqual(row["wife_name"], "Budi")

    def test_a_report_opens_region_names_and_labels_as_text_and_keeps_negative_numbers(self):
        Region.objects.filter(code=self.desa_a.code).update(name="=1+1")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "rekap.xlsx"
            call_command("report", "REKAP_PUS", region=KECAMATAN_A, month="2026-10",
                         format="xlsx", output=path, stderr=io.StringIO())  # fmt: skip
            cells = {v for r in xlsx_rows(path.read_bytes()) for v in r}
        self.assertIn("'=1+1", cells)
        report = {
            "form": "REKAP_PUS",
            "region": self.desa_a.code,
            "month": "2026-10",
            "status": "draft",
            "rows": [{"code": "pus", "label": "-PUS", "value": -3}],
            "breakdown": {self.dusun_a1.code: {"pus": -1.5}},
        }
        [row] = csv_rows(to_csv(report))
        self.assertEqual(row, {"code": "pus", "label": "'-PUS", "value": "-3",
                               self.dusun_a1.code: "-1.5"})  # fmt: skip
        [line] = [r for r in xlsx_rows(to_xlsx(report)) if "'-PUS" in r]
        self.assertIn(-3, line)  # a number, not text
