"""Every paper form of the kabupaten and the largest kecamatan, read back from its PDF."""

import datetime as dt

from django.urls import reverse

from impsmart.groups import registers
from tests.paper import PaperWorld, text_of


class FormsFitTests(PaperWorld):
    def assertReadable(self, name: str, data: bytes, picture: bool = True) -> list[dict]:
        pages = super().assertReadable(name, data, picture)
        if name.startswith("f_"):
            self.assertReadsLikeDal(pages)
        return pages

    def assertReadsLikeDal(self, pages: list[dict]) -> None:
        """F/I/Dal and F/II/Dal: the official sections as headings, ada and lapor rows."""
        text = " ".join(text_of(page) for page in pages)
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

    def test_a_dusun_register_and_recap_are_signed_by_its_sub_ppkbd_and_ppkbd(self):
        for user, first, last in [
            (self.sub_ppkbd_a, "Rosmini", "Daeng Kanang"),
            (self.ppkbd_a, "Nurhayati", "Daeng Sau"),
        ]:
            user.first_name, user.last_name = first, last
            user.save()
        for name, (pdf, _xlsx) in self.forms(self.dusun_a1).items():
            with self.subTest(name):
                pages = self.assertReadable(f"{name}-dusun", pdf(), picture=False)
                last = " ".join(w["text"] for w in pages[-1]["words"])
                self.assertIn("Rosmini Daeng Kanang", last)
                if name != "REGISTER_PUS":
                    self.assertIn("Nurhayati Daeng Sau", last)

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
