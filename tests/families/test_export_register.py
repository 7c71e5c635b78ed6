"""`impsmart export register`: the CLI contract's columns, regions and refusals."""

import csv
import io
import tempfile
from pathlib import Path

import openpyxl
from django.core.management import CommandError, call_command

from tests.families.test_register import RegisterWorld

CONTRACT = [
    "region_code", "family_no", "wife_name", "wife_nik", "wife_age", "husband_name",
    "children", "youngest_child_age", "ks_stage", "status", "jalur",
]  # fmt: skip


class ExportRegisterTests(RegisterWorld):
    def export(self, region, month="2025-08", **options):
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "export", "register", region=region, month=month, stdout=out, stderr=err, **options
        )
        return out.getvalue(), err.getvalue()

    def rows(self, region, month="2025-08"):
        out, _ = self.export(region, month)
        return list(csv.DictReader(io.StringIO(out)))

    def test_the_csv_starts_with_the_contract_columns(self):
        out, err = self.export(self.desa_a.code)
        header = next(csv.reader(io.StringIO(out)))
        self.assertEqual(header[: len(CONTRACT)], CONTRACT)
        self.assertIn("3 PUS", err)  # the summary stays out of the data

    def test_a_desa_lists_each_pus_of_the_month_with_her_status(self):
        rows = {r["wife_nik"]: r for r in self.rows(self.desa_a.code)}
        self.assertEqual(set(rows), {self.wife_a.nik, self.wife_2.nik, self.wife_3.nik})
        self.assertEqual(
            (rows[self.wife_a.nik]["status"], rows[self.wife_a.nik]["jalur"]),
            ("SUNTIK3", "pemerintah"),
        )
        second = rows[self.wife_2.nik]
        self.assertEqual(
            [second[k] for k in ["region_code", "family_no", "status", "jalur", "ks_stage"]],
            [self.dusun_a2.code, self.family_2.kk_number, "IUD", "swasta", "ks1"],
        )
        self.assertEqual((second["children"], second["youngest_child_age"]), ("2", "2"))
        third = rows[self.wife_3.nik]
        self.assertEqual((third["status"], third["jalur"]), ("IAT", ""))
        self.assertEqual(third["region_code"], self.desa_a.code)

    def test_a_dusun_lists_only_its_families(self):
        rows = self.rows(self.dusun_a1.code, "2025-02")
        self.assertEqual(
            {r["wife_nik"]: r["status"] for r in rows},
            {self.wife_a.nik: "?", self.wife_4.nik: "IAS"},
        )
        self.assertEqual({r["region_code"] for r in rows}, {self.dusun_a1.code})

    def test_xlsx_goes_to_the_named_file(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "register.xlsx"
            out, _ = self.export(self.desa_a.code, format="xlsx", output=str(path))
            sheet = openpyxl.load_workbook(path).active
            self.assertEqual(sheet["B4"].value, ": Agustus 2025")
            self.assertIn("3 PUS", out)
        niks = {row[4] for row in sheet.iter_rows(min_row=6, values_only=True)}
        self.assertIn(self.wife_2.nik, niks)
        with self.assertRaisesMessage(CommandError, "--output"):
            self.export(self.desa_a.code, format="xlsx")

    def test_csv_can_go_to_a_file(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "register.csv"
            self.export(self.dusun_a2.code, output=str(path))
            rows = list(csv.DictReader(path.open(encoding="utf-8")))
        self.assertEqual([r["wife_nik"] for r in rows], [self.wife_2.nik])

    def test_bad_months_regions_and_data_sets_are_refused_in_indonesian(self):
        for month in ["2025-13", "Agustus", "2025"]:
            with self.assertRaisesMessage(CommandError, "TTTT-BB"):
                self.export(self.desa_a.code, month)
        with self.assertRaisesMessage(CommandError, "belum tiba"):
            self.export(self.desa_a.code, "2099-01")
        with self.assertRaisesMessage(CommandError, "tidak ditemukan"):
            self.export("73.06.99.9999")
        with self.assertRaisesMessage(CommandError, "--month"):
            self.export(self.desa_a.code, None)
        with self.assertRaisesMessage(CommandError, "tidak dikenal"):
            call_command("export", "keluarga", region=self.desa_a.code, month="2025-08")
        with self.assertRaisesMessage(CommandError, "tidak dikenal"):
            self.export(self.desa_a.code, format="pdf")
