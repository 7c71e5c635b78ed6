"""Impossible facts are refused and implausible ones confirmed, alike through the pages, the
import and the actions (one test per case of ``plausibility_corpus.py`` and way in); NIK and KK
typed in other digit sets are the same numbers."""

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from impsmart.families import actions, contraception
from impsmart.families.importer_template import FIELDS as HEADER
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.forms_submit import ConfirmationRequired
from tests.families.plausibility_corpus import CASES, Case
from tests.families.world import FamilyWorld, make_couple

CONFIRM_BOX = "Saya sudah memeriksa, tetap simpan"
# What a confirmed case stores one more of.
STORED = {
    "member": "members",
    "mulai": "episodes",
    "hamil": "pregnancies",
    "keinginan": "intentions",
}
IMPORT_COLUMNS = {"mulai": "method_start", "hamil": "pregnant_since"}
DATE_FIELDS = {"birth_date", "start_date", "end_date", "outcome_date", "recorded_on"}
CONFIRMABLE = {"member", "mulai", "hamil", "keinginan"}  # actions that take ``confirmed``


def upload_file(rows: list[dict]) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows({**dict.fromkeys(HEADER, ""), **row} for row in rows)
    return SimpleUploadedFile("register.csv", out.getvalue().encode())


class PlausibilityCorpusTests(FamilyWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.family_old, cls.wife_old, cls.husband_old = make_couple(
            cls.ppkbd_a, cls.dusun_a1.code, dt.date(1960, 1, 1)
        )

    def setUp(self):
        self.client.force_login(self.ppkbd_a)

    def prepare(self, case: Case) -> tuple[Family, Member]:
        family, wife = (
            (self.family_a, self.wife_a) if case.family == "a" else (self.family_old, self.wife_old)
        )
        if "method" in case.before:
            start = dt.date.fromisoformat(case.before["method"])
            contraception.start_method(
                actor=self.ppkbd_a, member=wife, method="PIL", start_date=start
            )
        if "pregnancy" in case.before:
            start = dt.date.fromisoformat(case.before["pregnancy"])
            contraception.record_pregnancy(actor=self.ppkbd_a, member=wife, start_date=start)
        return family, wife

    def state(self) -> dict:
        """Everything a write of the corpus could change."""
        return {
            "members": Member.objects.count(),
            "episodes": ContraceptiveEpisode.objects.count(),
            "open episodes": ContraceptiveEpisode.objects.filter(end_date=None).count(),
            "pregnancies": Pregnancy.objects.count(),
            "open pregnancies": Pregnancy.objects.filter(outcome_date=None).count(),
            "intentions": IntentionRecord.objects.count(),
        }

    def assertStoredOnce(self, case: Case, before: dict) -> None:
        key = STORED[case.kind]
        self.assertEqual(self.state()[key], before[key] + 1)

    # --- through the pages ---------------------------------------------------------------
    def post(self, case: Case, family: Family, wife: Member, confirmed: bool = False):
        if case.kind == "member":
            url = reverse("families:member_create", args=[family.pk])
        else:
            url = reverse("families:woman_event", args=[wife.pk, case.kind])
        return self.client.post(url, {**case.data, **({"confirmed": "on"} if confirmed else {})})

    def check_form(self, case: Case) -> None:
        family, wife = self.prepare(case)
        before = self.state()
        response = self.post(case, family, wife)
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        messages = form.errors.get(case.column, [])
        self.assertTrue(any(case.message in m for m in messages), form.errors)
        self.assertEqual(form[case.column].value(), case.data[case.column])
        self.assertEqual(self.state(), before)
        if not case.confirm:
            self.assertNotContains(response, CONFIRM_BOX)
            self.assertEqual(self.post(case, family, wife, confirmed=True).status_code, 200)
            self.assertEqual(self.state(), before)
            return
        self.assertContains(response, CONFIRM_BOX)
        self.assertEqual(self.post(case, family, wife, confirmed=True).status_code, 302)
        self.assertStoredOnce(case, before)

    # --- through the import --------------------------------------------------------------
    def row(self, case: Case, family: Family, wife: Member) -> dict:
        row = {"kk_number": family.kk_number, "region_code": family.region_code}
        row["address"] = family.address
        if case.kind == "member":
            return {**row, **case.data}
        names = ("nik", "name", "sex", "relation", "marital_status")
        row.update({name: getattr(wife, name) for name in names})
        row["birth_date"] = wife.birth_date.isoformat()
        if case.kind == "mulai":
            row.update(current_method=case.data["method"], method_start=case.data["start_date"])
        else:
            row["pregnant_since"] = case.data["start_date"]
        return row

    def upload(self, row: dict) -> list:
        data = {"region": self.desa_a.code, "file": upload_file([row])}
        response = self.client.post(reverse("imports:upload"), data)
        errors = response.context["result"].errors
        self.assertEqual(response.status_code, 400 if errors else 200)
        return errors

    def check_import(self, case: Case) -> None:
        family, wife = self.prepare(case)
        before = self.state()
        row = self.row(case, family, wife)
        column = IMPORT_COLUMNS.get(case.kind, case.column)
        errors = self.upload(row)
        found = [
            e for e in errors if (e.row, e.column) == (2, column) and case.message in e.message
        ]
        self.assertEqual(len(found), 1, errors)
        self.assertEqual(self.state(), before)
        confirmed = self.upload({**row, "confirmed": "ya"})
        if not case.confirm:
            self.assertNotIn("kolom dikonfirmasi", found[0].message)
            self.assertEqual({(e.row, e.column) for e in confirmed}, {(2, column)})
            self.assertEqual(self.state(), before)
            return
        self.assertIn("isi kolom dikonfirmasi dengan ya", found[0].message)
        self.assertEqual(confirmed, [])
        self.assertStoredOnce(case, before)

    # --- through the actions (the layer the API and the CLI share) -----------------------
    def act(self, case: Case, family: Family, wife: Member, confirmed: bool = False):
        data = {
            k: dt.date.fromisoformat(v) if k in DATE_FIELDS else v for k, v in case.data.items()
        }
        if confirmed:
            data["confirmed"] = True
        actor = self.ppkbd_a
        if case.kind == "member":
            return actions.add_member(actor=actor, family=family, **data)
        if case.kind == "hasil":
            pregnancy = wife.pregnancies.get(outcome_date=None)
            return contraception.record_outcome(actor=actor, pregnancy=pregnancy, **data)
        write = {
            "mulai": contraception.start_method,
            "berhenti": contraception.stop_method,
            "hamil": contraception.record_pregnancy,
            "keinginan": contraception.record_intention,
        }[case.kind]
        return write(actor=actor, member=wife, **data)

    def check_action(self, case: Case) -> None:
        family, wife = self.prepare(case)
        before = self.state()
        with self.assertRaises(ValidationError) as caught:
            self.act(case, family, wife)
        self.assertEqual(isinstance(caught.exception, ConfirmationRequired), case.confirm)
        messages = caught.exception.message_dict.get(case.column, [])
        self.assertTrue(any(case.message in m for m in messages), caught.exception)
        self.assertEqual(self.state(), before)
        if case.confirm:
            self.act(case, family, wife, confirmed=True)
            self.assertStoredOnce(case, before)
        elif case.kind in CONFIRMABLE:
            with self.assertRaises(ValidationError):
                self.act(case, family, wife, confirmed=True)
            self.assertEqual(self.state(), before)


def _corpus_test(case: Case, channel: str):
    def test(self):
        getattr(self, f"check_{channel}")(case)

    verdict = "is confirmed, then stored" if case.confirm else "is refused"
    test.__doc__ = f"{case.name} {verdict} through the {channel}"
    return test


for _case in CASES:
    for _channel in ("form", "import", "action"):
        if _channel != "import" or _case.importable:
            _name = f"test_{_channel}_{_case.name.replace(' ', '_').replace('-', '_')}"
            setattr(PlausibilityCorpusTests, _name, _corpus_test(_case, _channel))


def other_digits(number: str, zero: str) -> str:
    """``number`` written with the digits of the script whose zero is ``zero``."""
    return "".join(chr(ord(zero) + int(d)) for d in number)


ARABIC_INDIC, FULL_WIDTH, DEVANAGARI = "\u0660", "\uff10", "\u0966"


class OtherDigitSetTests(FamilyWorld):
    """A number typed in Arabic-Indic, full-width or Devanagari digits is the same number."""

    def setUp(self):
        self.client.force_login(self.ppkbd_a)

    def test_a_kk_in_arabic_indic_digits_equal_to_an_existing_one_is_a_duplicate(self):
        typed = other_digits(self.family_a.kk_number, ARABIC_INDIC)
        self.assertNotEqual(typed, self.family_a.kk_number)
        data = {
            "region_code": self.dusun_a1.code,
            "kk_number": typed,
            "registered_on": "2026-01-05",
        }
        response = self.client.post(reverse("families:create"), data)
        self.assertContains(response, f"Nomor KK {self.family_a.kk_number} sudah terdaftar.")
        self.assertEqual(Family.objects.count(), 2)
        with self.assertRaisesMessage(ValidationError, "sudah terdaftar"):
            actions.create_family(
                actor=self.ppkbd_a,
                region_code=self.dusun_a1.code,
                kk_number=typed,
                registered_on=dt.date(2026, 1, 5),
            )
        self.assertEqual(Family.objects.count(), 2)

    def test_the_import_finds_the_family_of_a_kk_in_other_digits(self):
        row = {"kk_number": other_digits(self.family_a.kk_number, FULL_WIDTH)}
        row.update(region_code=self.family_a.region_code, address=self.family_a.address)
        row.update(name="Nenek", sex="P", birth_date="1950-02-02", relation="orang_tua")
        row["marital_status"] = "cerai_mati"
        data = {"region": self.desa_a.code, "file": upload_file([row])}
        response = self.client.post(reverse("imports:upload"), data)
        self.assertEqual(response.context["result"].errors, [])
        self.assertEqual(Family.objects.count(), 2)
        self.assertEqual(Member.objects.get(name="Nenek").family, self.family_a)

    def test_a_nik_in_other_digits_is_the_same_nik(self):
        for zero in (ARABIC_INDIC, FULL_WIDTH, DEVANAGARI):
            typed = other_digits(self.wife_a.nik, zero)
            with self.assertRaisesMessage(ConfirmationRequired, "kasus data ganda"):
                actions.add_member(
                    actor=self.ppkbd_c,
                    family=self.family_c,
                    name="Kembaran",
                    sex="P",
                    birth_date=self.wife_a.birth_date,
                    relation="lainnya",
                    marital_status="belum_kawin",
                    nik=typed,
                )
        url = reverse("families:member_create", args=[self.family_a.pk])
        data = {"name": "Sepupu", "sex": "P", "relation": "lainnya", "marital_status": "kawin"}
        data.update(birth_date="1995-03-14", nik=other_digits(self.wife_a.nik, DEVANAGARI))
        self.assertContains(self.client.post(url, data), "kasus data ganda")
        self.client.post(url, {**data, "confirmed": "on"})
        self.assertEqual(Member.objects.get(name="Sepupu").nik, self.wife_a.nik)

    def test_a_new_kk_number_in_devanagari_digits_of_another_family_is_refused(self):
        typed = other_digits(self.family_c.kk_number, DEVANAGARI)
        url = reverse("families:kk_number", args=[self.family_a.pk])
        response = self.client.post(url, {"kk_number": typed})
        self.assertContains(response, "sudah dipakai keluarga lain")
        self.family_a.refresh_from_db()
        self.assertNotEqual(self.family_a.kk_number, self.family_c.kk_number)
