"""Control characters are refused, naming the field, wherever text comes in."""

import datetime as dt
import json

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from impsmart import dates
from impsmart.families.identity import nik_for
from impsmart.families.models import Family, Member
from impsmart.plaintext import PlainTextForm
from impsmart.reports import actions as report_actions
from impsmart.reports.models import Status
from tests.base import PASSWORD
from tests.families.test_import import csv_file, person, xlsx_bytes
from tests.families.world import FamilyWorld

REFUSED = "berisi karakter yang tidak sah; ketik ulang tanpa karakter khusus."


def project_forms(cls=forms.BaseForm) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("impsmart."):
            found.add(sub)
        found |= project_forms(sub)
    return found


class FormTests(FamilyWorld):
    def member_data(self, name: str) -> dict:
        birth = dt.date(1996, 4, 9)
        return {
            "name": name,
            "nik": nik_for("730606", birth, "P", 77),
            "sex": "P",
            "birth_date": birth.isoformat(),
            "relation": "istri",
            "marital_status": "kawin",
        }

    def test_every_form_of_the_project_refuses_control_characters(self):
        self.assertTrue(get_resolver().url_patterns)  # imports every view and so every form
        forms_found = project_forms()
        self.assertGreater(len(forms_found), 20)
        self.assertEqual({f for f in forms_found if not issubclass(f, PlainTextForm)}, set())

    def test_a_name_with_a_control_character_is_refused_naming_the_field(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("families:member_create", args=[self.family_a.pk])
        for name in ("Bu\x00di", "Bu\tdi", "Bu\x1bdi", "Bu\x85di"):
            response = self.client.post(url, self.member_data(name))
            self.assertContains(response, f"Nama lengkap {REFUSED}", msg_prefix=repr(name))
        self.assertFalse(Member.objects.filter(name__startswith="Bu").exists())
        self.assertEqual(self.client.post(url, self.member_data("Budi")).status_code, 302)

    def test_a_dusun_name_with_a_control_character_is_refused(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("regions:add_child", args=[self.desa_a.code])
        page = self.client.post(url, {"name": "Tane\x00tea"}, follow=True).content.decode()
        self.assertIn(f"Nama {REFUSED}", page)
        self.assertFalse(self.desa_a.children.filter(name__startswith="Tane").exists())
        self.client.post(url, {"name": "Tanetea"})
        self.assertTrue(self.desa_a.children.filter(name="Tanetea").exists())

    def test_a_return_reason_may_have_lines_but_no_control_characters(self):
        month = dates.today().replace(day=1)
        draft = report_actions.refresh_draft(
            actor=self.ppkbd_a, form="REKAP_PUS", region_code=self.desa_a.code, month=month
        )
        report = report_actions.submit(actor=self.ppkbd_a, report=draft, confirmed=True)
        self.client.force_login(self.pkb)
        url = reverse("reports:step", args=[report.pk, "kembalikan"])
        page = self.client.post(url, {"reason": "PUS\x1b salah"}, follow=True).content.decode()
        self.assertIn(f"Alasan {REFUSED}", page)
        report.refresh_from_db()
        self.assertEqual(report.status, Status.SUBMITTED)
        self.client.post(url, {"reason": "PUS salah.\r\nPeriksa dusun Borong."})
        report.refresh_from_db()
        self.assertEqual(report.status, Status.RETURNED)

    def test_the_api_refuses_control_characters_in_credentials(self):
        url = reverse("api:issue_token")
        for username, status in (("ppkbd\x00_a", 422), ("ppkbd_a", 200)):
            body = json.dumps({"username": username, "password": PASSWORD})
            response = self.client.post(url, body, content_type="application/json")
            self.assertEqual(response.status_code, status, response.content)
            if status == 422:
                self.assertIn(f"username {REFUSED}", response.json()["detail"][0]["msg"])


class ImportTests(FamilyWorld):
    def rows(self, name: str) -> list[dict]:
        kk, code = "7306060101200001", self.dusun_a1.code
        return [
            person(kk, code, "Baso", "L", dt.date(1985, 2, 3), "kepala"),
            person(kk, code, name, "P", dt.date(1990, 6, 7), "istri"),
        ]

    def test_an_imported_nul_is_refused_by_row_and_column_and_nothing_is_stored(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("imports:upload")
        before = (Family.objects.count(), Member.objects.count())
        for upload in (
            csv_file(self.rows("Bu\x00di")),
            SimpleUploadedFile("register.xlsx", xlsx_bytes(self.rows("Bu\x7fdi"))),
        ):
            response = self.client.post(url, {"region": self.desa_a.code, "file": upload})
            self.assertEqual(response.status_code, 400, upload.name)
            [error] = response.context["result"].errors
            self.assertEqual((error.row, error.column), (3, "name"))
            self.assertContains(response, f"Kolom nama {REFUSED}", status_code=400)
            self.assertEqual((Family.objects.count(), Member.objects.count()), before)
        register = reverse("register:xlsx", args=[self.desa_a.code])
        self.assertEqual(self.client.get(register).status_code, 200)
        upload = csv_file(self.rows("Budi"))
        response = self.client.post(url, {"region": self.desa_a.code, "file": upload})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(Member.objects.filter(name="Budi").exists())
        self.assertEqual(self.client.get(register).status_code, 200)
