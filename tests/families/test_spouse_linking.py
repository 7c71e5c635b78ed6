"""A married wife is linked to her husband, or shown as a case to fix: never silently no PUS."""

import csv
import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from impsmart import dates
from impsmart.accounts.models import AuditEvent
from impsmart.families import actions, status
from impsmart.families.importer_template import FIELDS as HEADER
from impsmart.families.models import Member
from tests.families.world import FamilyWorld

WIFE_BORN = dt.date(1994, 6, 1)


def person(name: str, sex: str, relation: str, **changes) -> dict:
    data = {
        "name": name,
        "sex": sex,
        "birth_date": "1990-01-15",
        "relation": relation,
        "marital_status": "kawin",
    }
    return {**data, **changes}


class SpouseLinkingTests(FamilyWorld):
    def setUp(self):
        self.family = actions.create_family(
            actor=self.ppkbd_a,
            region_code=self.dusun_a2.code,
            kk_number="7306060101250321",
            registered_on=dt.date(2025, 1, 1),
        )
        self.client.force_login(self.ppkbd_a)
        self.add_url = reverse("families:member_create", args=[self.family.pk])

    def add(self, data):
        return self.client.post(self.add_url, data)

    def is_pus(self, member) -> bool:
        return status.pus_on(Member.objects.filter(pk=member.pk), dates.today()).exists()

    def test_adding_a_married_wife_links_the_married_head(self):
        self.assertEqual(self.add(person("Baso", "L", "kepala")).status_code, 302)
        wife_data = person("Siti Aminah", "P", "istri", birth_date=WIFE_BORN.isoformat())
        self.assertEqual(self.add(wife_data).status_code, 302)
        wife, husband = Member.objects.get(name="Siti Aminah"), Member.objects.get(name="Baso")
        self.assertEqual((wife.spouse_id, husband.spouse_id), (husband.pk, wife.pk))
        self.assertTrue(self.is_pus(wife))
        linked = AuditEvent.objects.filter(
            model="families.Member", object_pk=str(husband.pk), action="update"
        ).get()
        self.assertEqual(linked.actor, self.ppkbd_a)
        self.assertEqual((linked.before["spouse_id"], linked.after["spouse_id"]), (None, wife.pk))

    def test_adding_the_married_head_links_the_wife_recorded_before_him(self):
        self.add(person("Siti Aminah", "P", "istri", birth_date=WIFE_BORN.isoformat()))
        self.add(person("Baso", "L", "kepala"))
        self.assertEqual(Member.objects.get(name="Siti Aminah").spouse.name, "Baso")

    def test_with_two_candidate_husbands_the_form_asks_which(self):
        self.add(person("Baso", "L", "kepala"))
        self.add(person("Ramli", "L", "kepala", birth_date="1988-03-03"))
        wife_data = person("Siti Aminah", "P", "istri", birth_date=WIFE_BORN.isoformat())
        response = self.add(wife_data)
        self.assertContains(response, "Ada 2 calon suami Siti Aminah di KK ini (Ramli, Baso)")
        self.assertFalse(Member.objects.filter(name="Siti Aminah").exists())
        ramli = Member.objects.get(name="Ramli")
        self.assertEqual(self.add({**wife_data, "spouse": ramli.pk}).status_code, 302)
        self.assertEqual(Member.objects.get(name="Siti Aminah").spouse, ramli)
        self.assertIsNone(Member.objects.get(name="Baso").spouse)

    def test_a_daughter_or_a_single_woman_is_not_linked(self):
        self.add(person("Baso", "L", "kepala"))
        self.add(person("Nur", "P", "anak", marital_status="belum_kawin", birth_date="2014-01-01"))
        self.assertIsNone(Member.objects.get(name="Baso").spouse)


class UnlinkedWifeTests(FamilyWorld):
    """A second wife of a husband already living with his wife is shown, not re-linked."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.second = actions.add_member(
            actor=cls.ppkbd_a,
            family=cls.family_a,
            name="Hasnah",
            sex="P",
            birth_date=WIFE_BORN,
            relation="istri",
            marital_status="kawin",
        )
        actions.link_spouse(actor=cls.ppkbd_a, member=cls.second)
        cls.url = reverse("families:member_link_husband", args=[cls.second.pk])

    def test_she_stays_unlinked_and_the_husband_keeps_his_wife(self):
        self.second.refresh_from_db()
        self.husband_a.refresh_from_db()
        self.assertIsNone(self.second.spouse)
        self.assertEqual(self.husband_a.spouse, self.wife_a)

    def test_she_is_a_case_on_the_quality_page_and_on_the_family_page(self):
        self.client.force_login(self.ppkbd_a)
        quality = self.client.get(reverse("families:quality", args=[self.desa_a.code]))
        self.assertEqual([m.pk for m in quality.context["without_husband"]], [self.second.pk])
        self.assertContains(quality, self.url)
        page = self.client.get(reverse("families:detail", args=[self.family_a.pk]))
        self.assertContains(page, "Suami belum dihubungkan, jadi ia belum dihitung sebagai PUS.")
        self.assertContains(page, self.url)

    def test_the_link_page_links_her_and_the_linking_is_audited(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(self.url)
        self.assertContains(response, self.husband_a.name)
        response = self.client.post(self.url, {"husband": self.husband_a.pk})
        self.assertRedirects(response, reverse("families:detail", args=[self.family_a.pk]))
        self.second.refresh_from_db()
        self.assertEqual(self.second.spouse, self.husband_a)
        event = AuditEvent.objects.get(
            model="families.Member", object_pk=str(self.second.pk), action="update"
        )
        self.assertEqual((event.actor, event.after["spouse_id"]), (self.ppkbd_a, self.husband_a.pk))
        self.assertContains(self.client.get(self.url), "tidak ada yang perlu dihubungkan")

    def test_a_woman_of_a_kk_without_men_is_told_to_add_her_husband(self):
        self.husband_a.left_on = dt.date(2025, 1, 1)  # moved out: no man left on the KK
        self.husband_a.save()
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(self.url)
        self.assertContains(response, "Belum ada laki-laki di KK ini.")
        self.assertContains(response, reverse("families:member_create", args=[self.family_a.pk]))

    def test_the_link_page_is_seen_and_posted_inside_scope_only(self):
        self.assertVisible(self.url, [self.ppkbd_a, self.pkb, self.sub_ppkbd_a])
        self.assertNotVisible(self.url, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        self.assertPostRefused(
            self.url, {"husband": self.husband_a.pk}, [None, self.ppkbd_c, self.mitra_a]
        )
        self.second.refresh_from_db()
        self.assertIsNone(self.second.spouse)


class ImportLinkingTests(FamilyWorld):
    """The import links a wife as the pages do, and reports a wife it cannot link."""

    def upload(self, rows: list[dict]):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow({**dict.fromkeys(HEADER, ""), **row})
        self.client.force_login(self.ppkbd_a)
        upload = SimpleUploadedFile("register.csv", out.getvalue().encode())
        return self.client.post(
            reverse("imports:upload"), {"region": self.desa_a.code, "file": upload}
        )

    def row(self, kk: str, data: dict) -> dict:
        return {"kk_number": kk, "region_code": self.dusun_a1.code, **data}

    def test_a_wife_with_no_husband_or_two_is_imported_unlinked_and_reported(self):
        alone, two = "7306060101250401", "7306060101250402"
        wife = person("Hasnah", "P", "istri", birth_date=WIFE_BORN.isoformat())
        response = self.upload(
            [
                self.row(alone, wife),
                self.row(two, person("Baso", "L", "kepala")),
                self.row(two, person("Ramli", "L", "kepala", birth_date="1988-03-03")),
                self.row(two, {**wife, "name": "Sitti"}),
                self.row(
                    two,
                    person(
                        "Nur", "P", "anak", marital_status="belum_kawin", birth_date="2015-05-05"
                    ),
                ),
            ]
        )
        self.assertContains(response, "Impor selesai.")
        self.assertContains(response, "2 istri tanpa suami terhubung (lihat Kualitas data)")
        self.assertFalse(Member.objects.filter(name__in=["Hasnah", "Sitti"], spouse__isnull=False))
        self.client.force_login(self.ppkbd_a)
        quality = self.client.get(reverse("families:quality", args=[self.desa_a.code]))
        names = {m.name for m in quality.context["without_husband"]}
        self.assertEqual(names, {"Hasnah", "Sitti"})
