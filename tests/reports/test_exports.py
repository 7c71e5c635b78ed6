"""The xlsx and PDF of a report: same numbers, official layout, A4."""

import io
import re
import zlib

from openpyxl import load_workbook

from impsmart.reports.engine import compute
from impsmart.reports.exports import to_pdf, to_xlsx
from impsmart.reports.forms_catalog import get_form
from tests.base import KECAMATAN_A
from tests.reports import JUNE, ReportWorld


def pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look for pages and their size."""
    parts = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


HEADER = 7  # title, four heading lines, a blank line, then the column headings


class ExportTests(ReportWorld):
    def test_a_kecamatan_xlsx_has_a_column_per_desa_the_total_and_signatures(self):
        report = compute("REKAP_PUS", KECAMATAN_A, JUNE)
        ws = load_workbook(io.BytesIO(to_xlsx(report))).active
        self.assertEqual(ws["A1"].value, "REKAPITULASI PUS DAN PESERTA KB")
        heading = [ws.cell(line, 1).value for line in range(2, 6)]
        self.assertEqual(heading[:3], ["Wilayah", "Tingkat", "Bulan"])
        self.assertEqual(ws["B2"].value, ": Kecamatan Bontomarannu, Kabupaten Gowa")
        self.assertEqual(ws["B4"].value, ": Juni 2026")
        header = [c.value for c in ws[HEADER]]
        self.assertEqual(header[:2], ["No.", "Uraian"])
        self.assertEqual(header[-1], "Jumlah")
        self.assertEqual(len(header), 2 + len(report["breakdown"]) + 1)
        self.assertIn(self.desa_a.name, header)
        lines = {row[1]: row for row in ws.iter_rows(min_row=HEADER + 1, values_only=True)}
        desa_column = header.index(self.desa_a.name)
        for number, row in enumerate(report["rows"], start=1):
            line = lines[row["label"]]
            self.assertEqual(line[0], number)
            self.assertEqual(line[-1], row["value"], row["code"])
            expected = report["breakdown"][self.desa_a.code][row["code"]]
            self.assertEqual(line[desa_column], expected, row["code"])
        texts = {c.value for line in ws.iter_rows() for c in line if isinstance(c.value, str)}
        self.assertTrue({"Mengetahui,", "Camat", "Koordinator PKB/PLKB Kecamatan"} <= texts)
        self.assertFalse({row["code"] for row in report["rows"]} & texts, "no row codes")
        self.assertEqual(ws.page_setup.orientation, "landscape")
        self.assertEqual(ws.print_title_rows, f"$1:${HEADER}")
        self.assertEqual(ws.freeze_panes, f"C{HEADER + 1}")
        mcpr = next(line for line in ws.iter_rows(min_row=HEADER + 1) if "mCPR" in line[1].value)
        self.assertEqual(mcpr[-1].number_format, "0.0")

    def test_a_desa_xlsx_has_one_total_column_and_the_desa_signatures(self):
        report = compute("REKAP_KELUARGA", self.desa_a.code, JUNE)
        ws = load_workbook(io.BytesIO(to_xlsx(report))).active
        self.assertEqual([c.value for c in ws[HEADER]], ["No.", "Uraian", "Jumlah"])
        labels = {row.code: row.label for row in get_form("REKAP_KELUARGA").rows}
        figures = {row[1]: row[2] for row in ws.iter_rows(min_row=HEADER + 1, values_only=True)}
        self.assertEqual(figures[labels["pus"]], 9)
        self.assertEqual(figures[labels["sasaran_bkr"]], 1)
        texts = {c.value for line in ws.iter_rows() for c in line if isinstance(c.value, str)}
        self.assertTrue({"PKB/PLKB", "Kepala Desa/Lurah", "Ketua PPKBD"} <= texts)
        self.assertTrue({"ppkbd_a", "pkb"} <= texts, "the users holding the offices sign")
        self.assertEqual(ws.page_setup.orientation, "portrait")

    def test_the_pdf_is_a4_landscape_for_many_columns_and_portrait_for_a_desa(self):
        wide = to_pdf(compute("REKAP_PUS", self.kabupaten.code, JUNE))
        self.assertTrue(wide.startswith(b"%PDF"))
        objects = pdf_objects(wide)
        self.assertGreaterEqual(len(re.findall(rb"/Type\s*/Page\b(?!s)", objects)), 1)
        width, height = (float(n) for n in re.search(
            rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", objects).groups())  # fmt: skip
        self.assertEqual((round(width), round(height)), (842, 595))
        narrow = pdf_objects(to_pdf(compute("REKAP_PUS", self.desa_a.code, JUNE)))
        width, height = (float(n) for n in re.search(
            rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", narrow).groups())  # fmt: skip
        self.assertEqual((round(width), round(height)), (595, 842))
