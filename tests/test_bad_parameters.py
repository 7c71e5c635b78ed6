"""A malformed parameter answers 400 (the API 422) saying which one and how to write it."""

import re
from pathlib import Path

from django.urls import reverse

import impsmart
from impsmart import dates
from impsmart.accounts.models import ApiToken
from tests.base import KECAMATAN_A
from tests.test_route_fuzz import FuzzWorld

MONTH_HINT = "Parameter &#x27;bulan&#x27; tidak sah: tulis TTTT-BB, mis. 2026-10."
# request.GET / request.POST handed whole to a form or to params is fine; reading one value is not.
DIRECT_READ = re.compile(r"request\.(GET|POST)(\.|\[)")


class BadParameterPageTests(FuzzWorld):
    def setUp(self):
        self.client.force_login(self.admin)

    def test_a_malformed_month_answers_400_with_the_form_to_write(self):
        for path in [
            reverse("dashboard:map", args=[KECAMATAN_A]),
            reverse("reports:kecamatan_status", args=[KECAMATAN_A]),
            reverse("reports:list"),
            reverse("counseling:kie_list"),
        ]:
            for value in ["1-1", "9999-12", "2025-13", "juni"]:
                response = self.client.get(path, {"bulan": value})
                self.assertContains(response, MONTH_HINT, status_code=400, msg_prefix=path)

    def test_a_missing_or_empty_parameter_takes_the_default(self):
        response = self.client.get(reverse("reports:kecamatan_status", args=[KECAMATAN_A]))
        self.assertContains(response, f"{dates.today():%Y-%m}")
        response = self.client.get(reverse("reports:list"), {"bulan": ""})
        self.assertEqual(response.status_code, 200)

    def test_a_counselling_that_is_not_a_number_answers_400(self):
        path = reverse("counseling:refer", args=[self.wife_a.pk])
        response = self.client.get(path, {"konseling": "abc"})
        self.assertContains(response, "Parameter &#x27;konseling&#x27; tidak sah", status_code=400)
        response = self.client.get(path, {"konseling": "9223372036854775808"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.client.get(path, {"konseling": "999999"}).status_code, 404)

    def test_geojson_answers_json_and_htmx_a_fragment(self):
        path = reverse("dashboard:map_data", args=[KECAMATAN_A])
        response = self.client.get(path, {"bulan": "1-1"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["parameter"], "bulan")
        self.assertIn("TTTT-BB", response.json()["error"])
        response = self.client.get(
            reverse("families:list"), {"page": "abc"}, headers={"HX-Request": "true"}
        )
        self.assertContains(response, "Parameter &#x27;page&#x27; tidak sah", status_code=400)
        self.assertNotContains(response, "<html", status_code=400)

    def test_text_with_nul_or_a_bad_region_code_answers_400(self):
        response = self.client.get(reverse("families:list"), {"q": "\x00"})
        self.assertContains(response, "karakter NUL", status_code=400)
        response = self.client.get(reverse("families:list"), {"wilayah": "<script>"})
        self.assertContains(response, "kode wilayah", status_code=400)
        response = self.client.get(
            reverse("register:page", args=[self.desa_a.code]), {"tahun": "1999"}
        )
        self.assertContains(response, f"2000 sampai {dates.today().year}", status_code=400)

    def test_views_read_parameters_only_through_params(self):
        root = Path(impsmart.__file__).parent
        readers = [
            str(path.relative_to(root))
            for path in root.rglob("*.py")
            if DIRECT_READ.search(path.read_text())
            # params reads them; the busy page hands back the whole submission, unread.
            and str(path.relative_to(root)) not in {"params.py", "ops/busy.py"}
        ]
        self.assertEqual(readers, [])


class BadParameterApiTests(FuzzWorld):
    def get(self, path: str):
        return self.client.get(
            path, headers={"Authorization": f"Bearer {ApiToken.issue(self.admin)}"}
        )

    def test_out_of_range_numbers_and_bad_codes_answer_422_with_a_message(self):
        for path, name in [
            ("/api/v1/families?offset=9223372036854775808", "offset"),
            ("/api/v1/families?offset=-1", "offset"),
            ("/api/v1/families?limit=0", "limit"),
            ("/api/v1/families?region=abc", "region"),
            ("/api/v1/families/9223372036854775808", "family_id"),
            ("/api/v1/regions?parent=%00", "parent"),
            ("/api/v1/regions/%27", "code"),
        ]:
            response = self.get(path)
            self.assertEqual(response.status_code, 422, path)
            self.assertIn(f"Parameter tidak sah: {name}.", response.json()["message"])

    def test_a_well_formed_unknown_code_is_still_404(self):
        self.assertEqual(self.get("/api/v1/regions/99.99").status_code, 404)
        self.assertEqual(self.get("/api/v1/families?offset=1000").status_code, 200)
