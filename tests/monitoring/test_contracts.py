"""CLI and API contracts, bulletin text and PDF, and the scope of every monitoring route."""

import datetime as dt
import io
import json
import tempfile

import pdfplumber
from django.core.management import call_command
from django.urls import reverse

from impsmart.monitoring import targets
from impsmart.reports import engine
from tests.base import KABUPATEN, KECAMATAN_A, KECAMATAN_C
from tests.dashboard import MapWorld

STATUSES = set(targets.STATUSES)


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class ContractTests(MapWorld):
    def test_scorecard_json_contract(self):
        data = json.loads(run("scorecard", "--region", KABUPATEN, "--month", "2025-06"))
        self.assertEqual(set(data), {"region", "month", "targets", "children"})
        self.assertEqual((data["region"], data["month"]), (KABUPATEN, "2025-06"))
        for line in data["targets"]:
            self.assertEqual(set(line), {"code", "label", "status", "rule", "value"})
            self.assertIn(line["status"], STATUSES)
        self.assertIn(KECAMATAN_A, data["children"])
        self.assertTrue(set(data["children"][KECAMATAN_A].values()) <= STATUSES)

    def test_trends_json_and_csv_agree_with_rekap_pus(self):
        data = json.loads(
            run("trends", "--region", KECAMATAN_A, "--months", "3", "--month", "2025-06")
        )
        mcpr = data["series"]["mcpr"]
        self.assertEqual([p["month"] for p in mcpr], ["2025-04", "2025-05", "2025-06"])
        rekap = engine.compute("REKAP_PUS", KECAMATAN_A, dt.date(2025, 6, 30))
        expected = {r["code"]: r["value"] for r in rekap["rows"]}
        self.assertEqual(mcpr[-1]["value"], expected["mcpr"])
        self.assertEqual(data["series"]["pa_total"][-1]["value"], expected["pa_total"])
        self.assertEqual(data["series"]["status_unknown"][-1]["value"], expected["status_unknown"])
        csv = run(
            "trends",
            "--region",
            KECAMATAN_A,
            "--months",
            "3",
            "--month",
            "2025-06",
            "--format",
            "csv",
        )
        self.assertEqual(csv.splitlines()[0], "indicator,month,value")
        self.assertIn(f"mcpr,2025-06,{expected['mcpr']}", csv)

    def test_bulletin_text_fits_a_phone_screen_and_the_pdf_shows_rekap_pus(self):
        text = run("bulletin", "--region", KABUPATEN, "--month", "2025-06", "--format", "txt")
        self.assertLessEqual(len(text.strip().splitlines()), 15)
        self.assertLessEqual(len(text.strip()), 700)
        rekap = engine.compute("REKAP_PUS", KABUPATEN, dt.date(2025, 6, 30))
        values = {r["code"]: r["value"] for r in rekap["rows"]}
        self.assertIn(f"mCPR {values['mcpr']:.1f}".replace(".", ","), text)
        path = f"{tempfile.mkdtemp()}/buletin.pdf"
        run(
            "bulletin",
            "--region",
            KABUPATEN,
            "--month",
            "2025-06",
            "--format",
            "pdf",
            "--output",
            path,
        )
        with pdfplumber.open(path) as pdf:
            self.assertLessEqual(len(pdf.pages), 4)
            words = "\n".join(page.extract_text() for page in pdf.pages)
        self.assertIn("Angka kunci", words)
        self.assertIn("Pasangan Usia Subur", words) if "Pasangan Usia Subur" in str(rekap) else None
        for code in ("pus", "pa_total", "pb_total"):
            self.assertIn(str(values[code]), words)

    def test_api_answers_in_scope_and_404_outside(self):
        with self.settings(IMPSMART_TODAY="2025-07-10"):
            for path in (
                f"/api/v1/scorecard?region={KABUPATEN}",
                f"/api/v1/trends?region={KABUPATEN}",
            ):
                self.assertApiVisible(path, [self.pimpinan, self.admin])
            self.assertApiNotVisible(
                f"/api/v1/scorecard?region={KECAMATAN_C}", [self.koordinator_a, None]
            )
            self.assertApiNotVisible(
                f"/api/v1/trends?region={KECAMATAN_C}", [self.koordinator_a, None]
            )

    def test_pages_in_scope_only(self):
        with self.settings(IMPSMART_TODAY="2025-07-10"):
            for name in ("region", "compare", "bulletin_text", "bulletin_pdf"):
                url = reverse(f"monitoring:{name}", args=[KECAMATAN_A])
                self.assertVisible(url, [self.pimpinan, self.koordinator_a])
                outside = reverse(f"monitoring:{name}", args=[KECAMATAN_C])
                self.assertNotVisible(outside, [self.koordinator_a, self.ppkbd_a, None])
            self.assertNotVisible(reverse("monitoring:overview"), [self.mitra_a, None])
            self.client.force_login(self.pimpinan)
            self.assertRedirects(
                self.client.get(reverse("monitoring:overview")),
                reverse("monitoring:region", args=[KABUPATEN]),
            )
            self.assertVisible(reverse("monitoring:sites"), [self.admin])
            self.assertNotVisible(
                reverse("monitoring:sites"), [self.pimpinan, self.koordinator_a, None]
            )

    def test_pimpinan_sees_the_scorecard_and_trends_without_names(self):
        self.client.force_login(self.pimpinan)
        with self.settings(IMPSMART_TODAY="2025-07-10"):
            page = self.client.get(reverse("monitoring:region", args=[KABUPATEN])).content.decode()
            home = self.client.get(reverse("dashboard:home")).content.decode()
        self.assertIn('id="target-replikasi"', page)
        self.assertIn("<polyline", page)
        self.assertIn('id="monev-ringkas"', home)
        wife = self.family_iud.members.get(relation="istri")
        self.assertNotIn(wife.name, page)
