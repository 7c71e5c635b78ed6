"""The SK cycle: the draft as docx and PDF lists every active institution and its board; the
signed decree makes the boards official; bad uploads are refused with nothing stored."""

import datetime as dt
import hashlib
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pdfplumber
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.accounts.models import AuditEvent
from impsmart.organization import actions, decree, uploads
from impsmart.organization.models import BoardSeat, Decree
from tests.organization.world import PDF, PNG, OrganizationWorld

RECORD = {
    "region_code": "73.06",
    "year": "2027",
    "number": "800/123/XII/2026",
    "signed_on": "2026-11-10",
    "signatory": "Bupati Gowa",
    "effective_on": "2027-01-01",
}


def docx_text(data: bytes) -> tuple[str, list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    return text, rows


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def rendered_text(html: str) -> str:
    """The text WeasyPrint lays out on the PDF pages (the PDF itself stores glyph ids)."""
    from weasyprint import HTML

    found = []

    def walk(box):
        if hasattr(box, "text"):
            found.append(box.text)
        for child in getattr(box, "children", []):
            walk(child)

    for page in HTML(string=html).render().pages:
        walk(page._page_box)
    return " ".join(found)


class DraftTests(OrganizationWorld):
    def setUp(self):
        with acting_as(self.admin):
            gone = actions.create_institution(
                actor=self.admin,
                level="sub_ppkbd",
                name="Sub-PPKBD Bubar",
                region_code=self.dusun_a2.code,
            )
            actions.deactivate_institution(actor=self.admin, institution=gone)

    def test_the_docx_has_every_part_and_lists_every_active_institution_and_board(self):
        self.client.force_login(self.admin)
        response = self.client.get(
            reverse("organization:decree_draft", args=["docx"]), {"wilayah": "73.06", "tahun": 2027}
        )
        self.assertEqual(response.status_code, 200)
        text, rows = docx_text(response.content)
        for part in ("Menimbang", "Mengingat", "MEMUTUSKAN", "Menetapkan", "KESATU", "Kemandirian"):
            self.assertIn(part, text)
        self.assertIn("1 Januari 2027", text)
        names = [row[1] for row in rows[1:]]
        self.assertEqual(
            sorted(names), sorted(["PPKBD A", "Sub-PPKBD A1", "PPKBD C", "Koordinasi A"])
        )
        board = {row[1]: row[4] for row in rows[1:]}
        self.assertEqual(board["PPKBD A"], "Ketua: ppkbd_a")
        self.assertNotIn("Sub-PPKBD Bubar", names)

    def test_a_kecamatan_draft_lists_its_own_institutions(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.get(
            reverse("organization:decree_draft", args=["docx"]), {"wilayah": "73.06.06"}
        )
        _text, rows = docx_text(response.content)
        self.assertEqual(
            sorted(r[1] for r in rows[1:]), ["Koordinasi A", "PPKBD A", "Sub-PPKBD A1"]
        )

    def test_the_pdf_renders_the_institutions(self):
        self.client.force_login(self.admin)
        response = self.client.get(
            reverse("organization:decree_draft", args=["pdf"]), {"wilayah": "73.06"}
        )
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = rendered_text(decree.to_html(decree.draft(self.kabupaten, 2027)))
        for name in (
            "PPKBD A",
            "Sub-PPKBD A1",
            "PPKBD C",
            "Koordinasi A",
            "Ketua: ppkbd_a",
            "Menimbang",
        ):
            self.assertIn(name, text)
        self.assertNotIn("Bubar", text)

    def test_the_docx_opens_in_libreoffice(self):
        """LibreOffice Writer (tools/system-deps.sh) turns the draft into a PDF with its text."""
        soffice = shutil.which("soffice")
        folder = Path(tempfile.mkdtemp())
        source = folder / "sk.docx"
        source.write_bytes(decree.to_docx(decree.draft(self.kabupaten, 2027)))
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
            check=True,
            timeout=120,
        )
        converted = (folder / "sk.pdf").read_bytes()
        self.assertTrue(converted.startswith(b"%PDF"))
        self.assertIn("PPKBD A", pdf_text(converted))


class RecordTests(OrganizationWorld):
    def post(self, upload, **changes):
        self.client.force_login(self.admin)
        return self.client.post(
            reverse("organization:decree_record"), {**RECORD, **changes, "upload": upload}
        )

    def stored_files(self):
        return [p for p in Path(self.media).rglob("*") if p.is_file()]

    def test_the_signed_decree_makes_the_boards_official(self):
        response = self.post(SimpleUploadedFile("sk-ditandatangani.pdf", PDF, "application/pdf"))
        found = Decree.objects.get()
        self.assertRedirects(response, reverse("organization:decree_detail", args=[found.pk]))
        self.seat_ketua.refresh_from_db()
        self.assertEqual(self.seat_ketua.official_since, dt.date(2027, 1, 1))
        self.assertEqual(self.seat_ketua.decree, found)
        self.assertEqual(
            set(found.institutions.all()),
            {self.ppkbd, self.sub_ppkbd, self.ppkbd_c_inst, self.kecamatan_body},
        )
        row = next(r for r in found.attachment if r["code"] == self.ppkbd.code)
        self.assertEqual(row["board"], [{"seat": "ketua", "name": "ppkbd_a"}])
        self.assertEqual(found.file_sha256, hashlib.sha256(PDF).hexdigest())
        self.assertEqual((Path(self.media) / found.file_path).read_bytes(), PDF)
        self.assertTrue(
            AuditEvent.objects.filter(model="organization.Decree", actor=self.admin).exists()
        )
        self.assertTrue(
            AuditEvent.objects.filter(
                model="organization.BoardSeat", action="update", actor=self.admin
            ).exists()
        )
        # The scan is served back inside scope, and the institution page names the decree.
        self.client.force_login(self.ppkbd_a)
        served = self.client.get(reverse("organization:decree_file", args=[found.pk]))
        self.assertEqual(served.content, PDF)
        self.assertNotVisible(
            reverse("organization:decree_file", args=[found.pk]), [None, self.mitra_a]
        )
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("organization:institution_detail", args=[self.ppkbd.pk]))
        self.assertContains(page, "resmi sejak 01-01-2027")
        self.assertVisible(
            reverse("organization:decree_detail", args=[found.pk]), [self.ppkbd_a, self.pimpinan]
        )
        self.assertNotVisible(
            reverse("organization:decree_detail", args=[found.pk]), [None, self.mitra_a]
        )

    def test_a_png_scan_is_accepted(self):
        self.post(SimpleUploadedFile("sk.png", PNG, "image/png"))
        self.assertEqual(Decree.objects.get().file_type, "image/png")

    def test_a_file_that_only_claims_to_be_a_pdf_is_refused_and_nothing_stored(self):
        response = self.post(
            SimpleUploadedFile("sk.pdf", b"<html>bukan pdf</html>", "application/pdf")
        )
        self.assertContains(response, "bukan PDF, JPEG atau PNG")
        self.assertFalse(Decree.objects.exists())
        self.assertEqual(self.stored_files(), [])
        self.assertFalse(BoardSeat.objects.filter(official_since__isnull=False).exists())

    def test_an_oversized_file_is_refused_and_nothing_stored(self):
        big = PDF + b"0" * uploads.MAX_BYTES
        response = self.post(SimpleUploadedFile("sk.pdf", big, "application/pdf"))
        self.assertContains(response, "maksimal 5 MB")
        self.assertFalse(Decree.objects.exists())
        self.assertEqual(self.stored_files(), [])

    def test_a_decree_number_is_recorded_once(self):
        self.post(SimpleUploadedFile("sk.pdf", PDF))
        response = self.post(SimpleUploadedFile("sk.pdf", PDF))
        self.assertContains(response, "sudah dicatat")
        self.assertEqual(Decree.objects.count(), 1)
