"""Every table form's xlsx prints on as many pages as its PDF (headless LibreOffice).

LibreOffice Calc comes from tools/system-deps.sh (libreoffice-calc-nogui). The forms of the
kabupaten, the kecamatan with the most desa and a desa, and the five R/I poktan registers, are
printed by one Calc start (a start per workbook would cost minutes).
"""

import datetime as dt
import io

from impsmart.groups import registers
from tests.paper import PaperWorld, pages_printed, read_pdf


class XlsxPagesTests(PaperWorld):
    def test_every_form_prints_the_pages_of_its_pdf(self):
        forms = {}
        for level, region in [
            ("kabupaten", self.kabupaten), ("kecamatan", self.kecamatan), ("desa", self.desa[0]),
        ]:  # fmt: skip
            for name, both in self.forms(region).items():
                forms[f"{name} {level}"] = both
        for kind, group in self.groups.items():
            register = registers.build(group, dt.date(2026, 10, 31))

            def xlsx(register=register):
                out = io.BytesIO()
                registers.write_xlsx(register, out)
                return out.getvalue()

            forms[f"R/I/{kind}"] = (lambda register=register: registers.to_pdf(register), xlsx)
        printed = pages_printed({name: xlsx() for name, (_pdf, xlsx) in forms.items()})
        several = 0
        for name, (pdf, _xlsx) in forms.items():
            with self.subTest(name):
                pages = len(read_pdf(pdf()))
                several += pages > 1
                self.assertEqual(printed[name], pages)
        self.assertGreater(several, len(forms) // 2, "most forms run over several pages")
