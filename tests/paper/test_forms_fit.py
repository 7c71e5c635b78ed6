"""Every paper form of the kabupaten and the largest kecamatan, read back from its PDF."""

import datetime as dt
import os
import pathlib
import subprocess
import tempfile

from django.urls import reverse

from impsmart.groups import registers
from tests.paper import PaperWorld, internal_keys, misplaced, read_pdf

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "forms"
# Set to refresh the reviewers' pictures of the forms (docs/forms/<form>.png).
WRITE_PNGS = os.environ.get("IMPSMART_FORM_PNGS") == "1"


def keep_png(name: str, data: bytes) -> None:
    """The first page of ``data`` as docs/forms/<name>.png (``pdftoppm``, poppler-utils)."""
    if not WRITE_PNGS:
        return
    with tempfile.TemporaryDirectory() as folder:
        source = pathlib.Path(folder) / "form.pdf"
        source.write_bytes(data)
        target = DOCS / name
        command = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*command, str(source), str(target)], check=True)


class FormsFitTests(PaperWorld):
    def assertReadable(self, name: str, data: bytes) -> list[dict]:
        keep_png(name, data)
        pages = read_pdf(data)
        self.assertEqual(misplaced(pages), [], name)
        self.assertEqual(internal_keys(pages), set(), name)
        if name.startswith("f_"):
            self.assertReadsLikeDal(pages)
        return pages

    def assertReadsLikeDal(self, pages: list[dict]) -> None:
        """F/I/Dal and F/II/Dal: the official sections as headings, ada and lapor rows."""
        text = " ".join(w["text"] for page in pages for w in page["words"])
        self.assertIn("PENGENDALIAN LAPANGAN TINGKAT", text)
        for heading in ("KEADAAN UMUM", "KEGIATAN OPERASIONAL", "KETAHANAN KELUARGA", "(UPPKA)"):
            self.assertIn(heading, text)
        self.assertIn("Poktan BKB: jumlah yang lapor", text)

    def test_the_largest_kecamatan_has_the_most_desa(self):
        self.assertEqual(
            len(self.desa), max(r.children.count() for r in self.kabupaten.children.all())
        )

    def test_kabupaten_recaps_continue_their_kecamatan_columns_on_further_pages(self):
        for name, (pdf, _xlsx) in self.forms(self.kabupaten).items():
            with self.subTest(name):
                pages = self.assertReadable(f"{name.lower()}-kabupaten", pdf())
                text = [" ".join(w["text"] for w in page["words"]) for page in pages]
                self.assertTrue(all(p["width"] > p["height"] for p in pages), "landscape")
                for kecamatan in self.kabupaten.children.all():
                    self.assertIn(kecamatan.name.split()[0], " ".join(text))
                # Row labels and numbers repeat on each column group's pages.
                first_row = "PPKBD: jumlah yang ada" if name == "F_II_DAL" else "Jumlah PUS"
                self.assertGreater(sum(first_row in t for t in text), 1)
                self.assertIn("Mengetahui,", text[-1])
                self.assertIn("Kepala Dinas PPKB", text[-1])

    def test_kecamatan_forms_fit_and_are_signed_by_the_users_holding_the_offices(self):
        for name, (pdf, _xlsx) in self.forms(self.kecamatan).items():
            with self.subTest(name):
                pages = self.assertReadable(f"{name.lower()}-kecamatan", pdf())
                last = " ".join(w["text"] for w in pages[-1]["words"])
                if name != "REGISTER_PUS":
                    self.assertIn("Andi Makkasau", last)
                self.assertIn(self.kecamatan.name.split()[0], last)

    def test_a_desa_register_and_recap_are_signed_by_its_ppkbd(self):
        desa = self.desa[0]
        for name, (pdf, _xlsx) in self.forms(desa).items():
            with self.subTest(name):
                pages = self.assertReadable(f"{name.lower()}-desa", pdf())
                self.assertIn("Siti Rahma", " ".join(w["text"] for w in pages[-1]["words"]))

    def test_the_poktan_registers_fit_and_are_signed_by_the_ketua(self):
        month_end = dt.date(2026, 10, 31)
        for kind, group in self.groups.items():
            with self.subTest(kind):
                register = registers.build(group, month_end)
                pages = self.assertReadable(f"r-i-{kind.lower()}", registers.to_pdf(register))
                text = [" ".join(w["text"] for w in page["words"]) for page in pages]
                self.assertGreater(len(pages), 1)  # 60 members: the rows continue
                self.assertTrue(all(register.title in t for t in text))
                self.assertIn("Nurhayati", text[-1])
                self.assertIn("Andi Makkasau", " ".join(text))  # the sessions' presenter

    def test_the_referral_slip_fits_one_portrait_page(self):
        self.client.force_login(self.admin)
        response = self.client.get(reverse("counseling:referral_slip_pdf", args=[self.referral.pk]))
        pages = self.assertReadable("referral-slip", response.content)
        self.assertEqual(len(pages), 1)
        self.assertLess(pages[0]["width"], pages[0]["height"])
