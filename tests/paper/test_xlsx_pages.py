"""The xlsx of the two largest forms prints on as many pages as their PDF (headless LibreOffice).

LibreOffice Calc comes from tools/system-deps.sh (libreoffice-calc-nogui); the test is slow
(a Calc start per workbook), so it keeps to the kabupaten recap and the kecamatan register.
"""

from tests.paper import PaperWorld, printed_pages, read_pdf


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
