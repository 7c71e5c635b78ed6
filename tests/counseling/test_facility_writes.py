"""Adding, changing and deleting facilities: scope (403 for writes), audit, Indonesian messages."""

from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.accounts.models import AuditEvent
from impsmart.counseling import actions
from impsmart.counseling.models import Facility
from tests.counseling.test_facility_pages import TODAY, FacilityWorld


class AddFacilityTests(FacilityWorld):
    url = reverse("counseling:facility_create")

    def form(self, **overrides) -> dict:
        data = {
            "name": "Bidan Praktik Hj. Rosmini",
            "kind": "bpm",
            "region_code": self.desa_b.code,
            "phone": "0812 4455 6677",
        }
        return {**data, **overrides}

    def test_a_koordinator_adds_a_bidan_in_a_desa_of_her_kecamatan(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(self.url, self.form())
        facility = Facility.objects.get(name="Bidan Praktik Hj. Rosmini")
        self.assertRedirects(response, reverse("counseling:facility_detail", args=[facility.pk]))
        self.assertEqual(
            (facility.kind, facility.region_code, facility.phone),
            ("bpm", self.desa_b.code, "0812 4455 6677"),
        )
        event = AuditEvent.objects.get(model="counseling.Facility", object_pk=str(facility.pk))
        self.assertEqual((event.action, event.actor), ("create", self.koordinator_a))
        self.assertEqual(event.region_code, self.desa_b.code)

    def test_the_page_lists_only_regions_in_scope(self):
        self.assertNotVisible(self.url, [None, self.pkb, self.ppkbd_a, self.mitra_a, self.pimpinan])
        self.assertVisible(self.url, [self.admin, self.koordinator_a])
        page = self.client.get(self.url).content.decode()  # as koordinator_a, the last one
        self.assertIn(f'value="{self.desa_b.code}"', page)
        self.assertNotIn(f'value="{self.desa_c.code}"', page)

    def test_adding_outside_scope_or_without_the_role_is_refused(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(self.url, self.form(region_code=self.desa_c.code))
        self.assertEqual(response.status_code, 403)
        self.assertPostRefused(self.url, self.form(), [None, self.pkb, self.ppkbd_a, self.mitra_a])
        self.assertFalse(Facility.objects.filter(name="Bidan Praktik Hj. Rosmini").exists())

    def assertRefused(self, data: dict, message: str) -> None:
        before = Facility.objects.count()
        self.client.force_login(self.koordinator_a)
        response = self.client.post(self.url, data)
        self.assertContains(response, message)
        self.assertContains(response, f'value="{data["name"]}"')  # what was typed stays
        self.assertEqual(Facility.objects.count(), before)

    def test_the_region_must_fit_the_kind(self):
        self.assertRefused(
            self.form(name="Puskesmas Baru", kind="puskesmas"),
            f"Puskesmas melayani satu kecamatan: pilih kecamatannya, bukan {self.desa_b}.",
        )
        self.assertRefused(
            self.form(name="Pustu Baru", kind="pustu", region_code=self.puskesmas_a.region_code),
            "Pustu melayani satu desa/kelurahan: pilih desanya, bukan Kecamatan Bontomarannu.",
        )

    def test_it_says_what_to_fix(self):
        self.assertRefused(self.form(phone="telp 0411"), "hanya boleh berisi angka, spasi dan")
        self.assertRefused(
            self.form(name="polindes  bontoa", kind="polindes", region_code=self.desa_a.code),
            f"polindes bontoa sudah terdaftar di {self.desa_a}.",
        )
        self.assertRefused(self.form(kind=""), "Pilih jenis fasilitas.")
        self.assertRefused(self.form(region_code=""), "Pilih kecamatan atau desa/kelurahan")


class EditFacilityTests(FacilityWorld):
    def url(self, facility) -> str:
        return reverse("counseling:facility_edit", args=[facility.pk])

    def form(self, facility, **overrides) -> dict:
        data = {"name": facility.name, "kind": facility.kind, "region_code": facility.region_code}
        return {**data, "phone": "0411 861234", **overrides}

    def test_a_koordinator_changes_a_facility_and_the_audit_keeps_both_versions(self):
        self.client.force_login(self.koordinator_a)
        page = self.client.get(self.url(self.polindes_a))
        self.assertContains(page, 'value="Polindes Bontoa"')
        response = self.client.post(self.url(self.polindes_a), self.form(self.polindes_a))
        self.assertRedirects(
            response, reverse("counseling:facility_detail", args=[self.polindes_a.pk])
        )
        self.polindes_a.refresh_from_db()
        self.assertEqual(self.polindes_a.phone, "0411 861234")
        event = AuditEvent.objects.filter(model="counseling.Facility", action="update").get()
        self.assertEqual(event.actor, self.koordinator_a)
        self.assertEqual((event.before["phone"], event.after["phone"]), ("", "0411 861234"))

    def test_scope(self):
        outside = self.url(self.puskesmas_c)
        self.assertNotVisible(outside, [None, self.koordinator_a, self.pkb, self.ppkbd_c])
        self.assertVisible(outside, [self.admin])
        self.assertPostRefused(
            outside, self.form(self.puskesmas_c), [None, self.koordinator_a, self.pkb]
        )
        self.puskesmas_c.refresh_from_db()
        self.assertEqual(self.puskesmas_c.phone, "")

    def test_what_she_sees_but_does_not_own_answers_403(self):
        self.client.force_login(self.koordinator_a)
        self.assertEqual(self.client.get(self.url(self.rsud)).status_code, 403)
        response = self.client.post(self.url(self.rsud), self.form(self.rsud))
        self.assertEqual(response.status_code, 403)
        self.client.force_login(self.pkb)  # reads Puskesmas A, may not change it
        self.assertEqual(self.client.get(self.url(self.puskesmas_a)).status_code, 403)

    def test_moving_a_facility_out_of_scope_is_refused(self):
        self.client.force_login(self.koordinator_a)
        data = self.form(self.polindes_a, region_code=self.desa_c.code)
        self.assertEqual(self.client.post(self.url(self.polindes_a), data).status_code, 403)
        self.polindes_a.refresh_from_db()
        self.assertEqual(self.polindes_a.region_code, self.desa_a.code)

    def test_a_refused_change_shows_the_message_and_the_saved_name(self):
        self.client.force_login(self.koordinator_a)
        data = self.form(self.polindes_a, name="Polindes Baru", kind="puskesmas")
        response = self.client.post(self.url(self.polindes_a), data)
        self.assertContains(response, "Puskesmas melayani satu kecamatan")
        self.assertContains(response, 'value="Polindes Baru"')
        self.assertContains(response, "Ubah Polindes Bontoa")
        self.polindes_a.refresh_from_db()
        self.assertEqual(self.polindes_a.kind, "polindes")


class DeleteFacilityTests(FacilityWorld):
    def url(self, facility) -> str:
        return reverse("counseling:facility_delete", args=[facility.pk])

    def test_a_facility_entered_by_mistake_is_deleted_with_its_staff_links(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(self.url(self.puskesmas_a))
        self.assertRedirects(response, reverse("counseling:facility_list"))
        self.assertFalse(Facility.objects.filter(pk=self.puskesmas_a.pk).exists())
        deleted = AuditEvent.objects.filter(action="delete", actor=self.koordinator_a)
        self.assertEqual(
            sorted(deleted.values_list("model", flat=True)),
            ["counseling.Facility", "counseling.FacilityStaff"],
        )

    def test_a_facility_with_referrals_is_not_deleted(self):
        with acting_as(self.ppkbd_a):
            actions.create_referral(
                actor=self.ppkbd_a,
                member=self.wife_a,
                facility=self.polindes_a,
                reason="Suntik ulang",
                sent_on=TODAY,
            )
        self.client.force_login(self.koordinator_a)
        response = self.client.post(self.url(self.polindes_a), follow=True)
        self.assertContains(
            response, "Polindes Bontoa sudah menerima 1 rujukan, jadi tidak bisa dihapus"
        )
        self.assertTrue(Facility.objects.filter(pk=self.polindes_a.pk).exists())

    def test_scope(self):
        self.assertPostRefused(
            self.url(self.puskesmas_c), {}, [None, self.koordinator_a, self.pkb, self.ppkbd_c]
        )
        self.assertPostRefused(self.url(self.rsud), {}, [self.koordinator_a])
        self.assertEqual(
            Facility.objects.filter(pk__in=[self.puskesmas_c.pk, self.rsud.pk]).count(), 2
        )
