"""The xlsx of the two largest forms prints on as many pages as their PDF (headless LibreOffice).

LibreOffice Calc comes from tools/system-deps.sh (libreoffice-calc-nogui); the test is slow
(a Calc start per workbook), so it keeps to the kabupaten recap and the kecamatan register.
"""

import pathlib
import subprocess
import tempfile

import pdfplumber

from tests.paper import PaperWorld, read_pdf


def printed_pages(xlsx: bytes) -> int:
    """Pages of ``xlsx`` printed to PDF by headless LibreOffice."""
    with tempfile.TemporaryDirectory() as folder:
        source = pathlib.Path(folder) / "form.xlsx"
        source.write_bytes(xlsx)
        profile = pathlib.Path(folder) / "profile"
        command = [
            "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
            "--convert-to", "pdf", "--outdir", folder, str(source),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=180)
        with pdfplumber.open(pathlib.Path(folder) / "form.pdf") as pdf:
            return len(pdf.pages)


class XlsxPagesTests(PaperWorld):
    def test_the_kabupaten_recap_prints_the_pages_of_its_pdf(self):
        pdf, xlsx = self.forms(self.kabupaten)["REKAP_PUS"]
        pages = len(read_pdf(pdf()))
        self.assertGreater(pages, 1)
        self.assertEqual(printed_pages(xlsx()), pages)

    def test_the_kecamatan_register_prints_the_pages_of_its_pdf(self):
        pdf, xlsx = self.forms(self.kecamatan)["REGISTER_PUS"]
        pages = len(read_pdf(pdf()))
        self.assertGreater(pages, 1)
        self.assertEqual(printed_pages(xlsx()), pages)
