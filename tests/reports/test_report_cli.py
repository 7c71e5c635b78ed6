"""``impsmart report``: the JSON contract, agreement with the register statuses, errors."""

import csv
import json
import tempfile
from collections import Counter
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

from impsmart.families.models import Member
from impsmart.families.status import with_status
from tests.base import KECAMATAN_A
from tests.reports import JUNE, ReportWorld

METHODS = ["IUD", "MOW", "MOP", "IMPLAN", "SUNTIK1", "SUNTIK3", "PIL", "KONDOM", "MAL"]


def report(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue()


class ReportCommandTests(ReportWorld):
    def test_json_has_the_contract_shape_with_a_column_per_desa(self):
        data = json.loads(report("REKAP_PUS", "--region", KECAMATAN_A, "--month", "2026-06"))
        self.assertEqual(list(data), ["form", "region", "month", "status", "rows", "breakdown"])
        self.assertEqual(
            [data["form"], data["region"], data["month"], data["status"]],
            ["REKAP_PUS", KECAMATAN_A, "2026-06", "draft"],
        )
        self.assertIn({"code": "pus", "label": "Jumlah PUS", "value": 10}, data["rows"])
        self.assertEqual(len(data["breakdown"]), 9)  # Bontomarannu's desa and kelurahan
        self.assertEqual(data["breakdown"][self.desa_b.code]["pa_iud"], 1)

    def test_status_rows_equal_the_register_statuses_of_the_month(self):
        """The figures are the month's register rows grouped by status and jalur."""
        code = self.desa_a.code
        data = json.loads(report("REKAP_PUS", "--region", code, "--month", "2026-06"))
        figures = {row["code"]: row["value"] for row in data["rows"]}
        register = list(with_status(Member.objects.within(code), JUNE).values("status", "jalur"))
        statuses = Counter(row["status"] for row in register)
        expected = {
            "pus": len(register),
            "pa_total": sum(statuses[m] for m in METHODS),
            **{f"pa_{m.lower()}": statuses[m] for m in METHODS},
            "hamil": statuses["H"],
            "ias": statuses["IAS"],
            "iat": statuses["IAT"],
            "tial": statuses["TIAL"],
            "status_unknown": statuses["?"],
            "pa_pemerintah": sum(r["jalur"] == "pemerintah" for r in register),
            "pa_swasta": sum(r["jalur"] == "swasta" for r in register),
        }
        self.assertEqual({key: figures[key] for key in expected}, expected)
        self.assertEqual(expected["pus"], 9)

    def test_figures_equal_a_hand_count_of_the_exported_register(self):
        """Acceptance: `report --format json` = counting `export register` rows by hand."""
        code = self.desa_a.code
        data = json.loads(report("REKAP_PUS", "--region", code, "--month", "2026-06"))
        figures = {row["code"]: row["value"] for row in data["rows"]}
        out = StringIO()
        call_command(
            "export",
            "register",
            "--region",
            code,
            "--month",
            "2026-06",
            "--format",
            "csv",
            stdout=out,
            stderr=StringIO(),
        )
        rows = list(csv.DictReader(StringIO(out.getvalue())))
        statuses = Counter(row["status"] for row in rows)
        self.assertEqual(figures["pus"], len(rows))
        self.assertEqual(figures["pa_total"], sum(statuses[m] for m in METHODS))
        for method in METHODS:
            self.assertEqual(figures[f"pa_{method.lower()}"], statuses[method], method)
        for row_code, status in [
            ("hamil", "H"),
            ("ias", "IAS"),
            ("iat", "IAT"),
            ("tial", "TIAL"),
            ("status_unknown", "?"),
        ]:
            self.assertEqual(figures[row_code], statuses[status], row_code)
        for jalur in ("pemerintah", "swasta"):
            self.assertEqual(figures[f"pa_{jalur}"], sum(r["jalur"] == jalur for r in rows))

    def test_csv_has_code_label_value_then_one_column_per_child(self):
        lines = report("REKAP_PUS", "--region", self.desa_a.code, "--month", "2026-06",
                       "--format", "csv").splitlines()  # fmt: skip
        a1, a2, desa = self.dusun_a1.code, self.dusun_a2.code, self.desa_a.code
        self.assertEqual(lines[0], f"code,label,value,{a1},{a2},{desa}")
        self.assertIn("pus,Jumlah PUS,9,4,4,1", lines)
        self.assertIn('mcpr,"Prevalensi kontrasepsi modern (mCPR, %)",55.6,75.0,50.0,0.0', lines)

    def test_it_writes_files_and_says_so(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        path = Path(directory.name) / "rekap.json"
        err = StringIO()
        call_command("report", "REKAP_KELUARGA", "--region", self.desa_a.code, "--month",
                     "2026-06", "--output", str(path), stdout=StringIO(), stderr=err)  # fmt: skip
        self.assertEqual(json.loads(path.read_text())["form"], "REKAP_KELUARGA")
        self.assertIn("tersimpan", err.getvalue())

    def test_mistakes_are_refused_in_indonesian(self):
        cases = [
            (["F_Z", "--region", KECAMATAN_A, "--month", "2026-06"], "tidak dikenal"),
            (["REKAP_PUS", "--region", "73.06.99", "--month", "2026-06"], "tidak ditemukan"),
            (["REKAP_PUS", "--region", KECAMATAN_A, "--month", "Juni 2026"], "TTTT-BB"),
            (["REKAP_PUS", "--region", KECAMATAN_A, "--month", "2026-06", "--format", "pdf"],
             "perlu --output"),
        ]  # fmt: skip
        for args, message in cases:
            with self.assertRaisesMessage(CommandError, message):
                report(*args)
