"""Every organization route in and out of scope: reads 404/403 outside, writes refused."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from impsmart.organization.models import Decree
from tests.organization.world import PDF, OrganizationWorld


class InstitutionScopeTests(OrganizationWorld):
    def test_the_list_is_for_every_role_but_mitra(self):
        url = reverse("organization:institution_list")
        self.assertVisible(
            url, [self.admin, self.pimpinan, self.koordinator_a, self.pkb, self.ppkbd_a]
        )
        self.assertNotVisible(url, [None, self.mitra_a])
        response = self._get(url, self.ppkbd_c)
        self.assertContains(response, "PPKBD C")
        self.assertNotContains(response, "PPKBD A")

    def test_an_institution_page_is_seen_inside_its_region_only(self):
        url = reverse("organization:institution_detail", args=[self.ppkbd.pk])
        self.assertVisible(
            url, [self.admin, self.pimpinan, self.koordinator_a, self.pkb, self.ppkbd_a]
        )
        self.assertNotVisible(url, [None, self.ppkbd_c, self.mitra_a, self.sub_ppkbd_a])

    def test_writes_are_for_field_staff_of_the_region(self):
        create = reverse("organization:institution_create")
        self.assertVisible(create, [self.admin, self.koordinator_a, self.pkb])
        self.assertNotVisible(create, [None, self.ppkbd_a, self.pimpinan, self.mitra_a])
        data = {"level": "ppkbd", "region_code": self.desa_c.code, "name": "PPKBD lain"}
        self.assertPostRefused(create, data, [None, self.pkb, self.koordinator_a, self.ppkbd_c])
        for name in ("institution_edit", "seat_assign"):
            url = reverse(f"organization:{name}", args=[self.ppkbd.pk])
            self.assertVisible(url, [self.admin, self.koordinator_a, self.pkb])
            self.assertNotVisible(url, [None, self.ppkbd_a, self.ppkbd_c, self.pimpinan])
            self.assertPostRefused(
                url, {"name": "X", "seat": "ketua"}, [None, self.ppkbd_a, self.ppkbd_c]
            )
        url = reverse("organization:institution_deactivate", args=[self.ppkbd.pk])
        self.assertPostRefused(url, {}, [None, self.ppkbd_a, self.ppkbd_c, self.pimpinan])
        url = reverse("organization:seat_end", args=[self.seat_ketua.pk])
        self.assertPostRefused(url, {"ended_on": "2026-01-01"}, [None, self.ppkbd_a, self.ppkbd_c])
        self.ppkbd.refresh_from_db()
        self.seat_ketua.refresh_from_db()
        self.assertTrue(self.ppkbd.active)
        self.assertIsNone(self.seat_ketua.ended_on)


class DecreeAndPartnerScopeTests(OrganizationWorld):
    def test_decree_pages(self):
        self.assertVisible(
            reverse("organization:decree_list"), [self.admin, self.ppkbd_a, self.pimpinan]
        )
        self.assertNotVisible(reverse("organization:decree_list"), [None, self.mitra_a])
        record = reverse("organization:decree_record")
        self.assertVisible(record, [self.admin, self.koordinator_a])
        self.assertNotVisible(record, [None, self.pkb, self.ppkbd_a, self.pimpinan])
        data = {
            "region_code": "73.06",
            "year": 2027,
            "number": "1/2026",
            "signed_on": "2026-11-01",
            "signatory": "Bupati Gowa",
            "effective_on": "2027-01-01",
        }
        for user in (None, self.koordinator_a, self.pkb):
            data["upload"] = SimpleUploadedFile("sk.pdf", PDF, "application/pdf")
            self.assertPostRefused(record, data, [user])
        self.assertFalse(Decree.objects.exists())
        draft = reverse("organization:decree_draft", args=["docx"]) + "?wilayah=73.06.01"
        self.assertNotVisible(draft, [None, self.koordinator_a, self.ppkbd_a, self.pimpinan])
        self.assertVisible(
            reverse("organization:decree_draft", args=["docx"]) + "?wilayah=73.06.06",
            [self.koordinator_a],
        )

    def test_partner_pages(self):
        self.assertVisible(
            reverse("organization:partner_list"), [self.admin, self.ppkbd_a, self.pimpinan]
        )
        self.assertNotVisible(reverse("organization:partner_list"), [None, self.mitra_a])
        url = reverse("organization:partner_detail", args=[self.partner_a.pk])
        # A partner of the kecamatan serves its desa: the desa's cadre sees it.
        self.assertVisible(url, [self.admin, self.koordinator_a, self.pkb, self.ppkbd_a])
        self.assertNotVisible(url, [None, self.ppkbd_c, self.mitra_a])
        self.assertVisible(reverse("organization:partner_create"), [self.pkb])
        self.assertNotVisible(reverse("organization:partner_create"), [None, self.ppkbd_a])
        self.assertPostRefused(
            reverse("organization:partner_create"),
            {"kind": "kua", "name": "KUA", "region_code": "73.06.01"},
            [None, self.koordinator_a, self.ppkbd_a],
        )
        for name in ("contact_add", "activity_add"):
            url = reverse(f"organization:{name}", args=[self.partner_a.pk])
            data = {
                "name": "Pak Polisi",
                "kind": "kie",
                "date": "2026-11-01",
                "region_code": self.desa_a.code,
            }
            # The PKB of desa A and B may not write on the kecamatan's own partner record.
            self.assertPostRefused(url, data, [None, self.ppkbd_a, self.ppkbd_c, self.pimpinan])
        self.assertFalse(self.partner_a.contacts.exists())
        self.assertFalse(self.partner_a.activities.exists())
