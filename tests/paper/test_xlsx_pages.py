"""The xlsx of the largest forms prints on as many pages as their PDF (headless LibreOffice).

LibreOffice Calc comes from tools/system-deps.sh (libreoffice-calc-nogui); the test is slow
(a Calc start per workbook), so it keeps to the kabupaten recap, the kecamatan register, the
kabupaten F/II/Dal and one R/I poktan register (the UPPKA one, the widest).
"""

import datetime as dt
import io

from impsmart.groups import registers
from impsmart.groups.models import Kind
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

    def test_the_kabupaten_dal_recap_and_a_poktan_register_print_the_pages_of_their_pdf(self):
        register = registers.build(self.groups[Kind.UPPKA], dt.date(2026, 10, 31))
        out = io.BytesIO()
        registers.write_xlsx(register, out)
        forms = {
            "F_II_DAL kabupaten": self.forms(self.kabupaten)["F_II_DAL"],
            "R/I/UPPKA": (lambda: registers.to_pdf(register), out.getvalue),
        }
        for name, (pdf, xlsx) in forms.items():
            with self.subTest(name):
                pages = len(read_pdf(pdf()))
                self.assertGreater(pages, 1)
                self.assertEqual(printed_pages(xlsx()), pages)
