"""Linking and unlinking the mitra accounts that answer a facility's referrals."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.accounts.models import AuditEvent
from impsmart.accounts.roles import Role
from impsmart.counseling import actions
from impsmart.counseling.models import FacilityStaff
from tests.base import KECAMATAN_A, make_user
from tests.counseling.test_facility_pages import FacilityWorld


class LinkStaffTests(FacilityWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.bidan = make_user("bidan.bontoa", Role.MITRA, KECAMATAN_A)

    def url(self, facility) -> str:
        return reverse("counseling:facility_staff_link", args=[facility.pk])

    def staff_of(self, facility) -> list[str]:
        return sorted(facility.staff.values_list("user__username", flat=True))

    def test_a_koordinator_links_a_mitra_account_and_it_is_audited(self):
        self.client.force_login(self.koordinator_a)
        page = self.client.get(reverse("counseling:facility_detail", args=[self.polindes_a.pk]))
        self.assertContains(page, f'<option value="{self.bidan.pk}">bidan.bontoa')
        self.assertNotContains(page, f'<option value="{self.mitra_c.pk}">')  # outside scope
        response = self.client.post(self.url(self.polindes_a), {"user": self.bidan.pk}, follow=True)
        self.assertContains(response, "bidan.bontoa kini menjawab rujukan ke Polindes Bontoa")
        self.assertEqual(self.staff_of(self.polindes_a), ["bidan.bontoa"])
        event = AuditEvent.objects.get(model="counseling.FacilityStaff", actor=self.koordinator_a)
        self.assertEqual((event.action, event.after["user_id"]), ("create", self.bidan.pk))

    def test_linking_moves_an_account_from_its_previous_facility(self):
        self.client.force_login(self.koordinator_a)
        self.client.post(self.url(self.polindes_a), {"user": self.mitra_a.pk})
        self.assertEqual(self.staff_of(self.polindes_a), ["mitra_a"])
        self.assertEqual(self.staff_of(self.puskesmas_a), [])

    def test_only_mitra_accounts_in_scope_can_be_picked(self):
        self.client.force_login(self.koordinator_a)
        for user in (self.mitra_c, self.ppkbd_a):
            response = self.client.post(self.url(self.polindes_a), {"user": user.pk})
            self.assertContains(response, "Pilih salah satu akun mitra dari daftar")
        self.assertEqual(self.staff_of(self.polindes_a), [])
        self.assertEqual(self.staff_of(self.puskesmas_c), ["mitra_c"])

    def test_the_action_refuses_what_the_form_does_not_offer(self):
        with acting_as(self.koordinator_a), self.assertRaises(PermissionDenied):
            actions.link_staff(
                actor=self.koordinator_a, user=self.mitra_c, facility=self.polindes_a
            )
        with acting_as(self.admin), self.assertRaisesMessage(ValidationError, "Hanya akun"):
            actions.link_staff(actor=self.admin, user=self.ppkbd_a, facility=self.polindes_a)
        self.assertEqual(self.staff_of(self.puskesmas_c), ["mitra_c"])

    def test_a_mitra_account_of_another_kecamatan_must_be_moved_first(self):
        self.client.force_login(self.admin)
        response = self.client.post(self.url(self.polindes_a), {"user": self.mitra_c.pk})
        self.assertContains(response, "Akun mitra_c bertugas di wilayah 73.06.01, di luar wilayah")
        self.assertContains(response, "Ubah dulu wilayah akunnya di halaman Pengguna.")
        self.assertEqual(self.staff_of(self.puskesmas_c), ["mitra_c"])

    def test_scope(self):
        self.assertPostRefused(
            self.url(self.puskesmas_c),
            {"user": self.mitra_c.pk},
            [None, self.koordinator_a, self.pkb, self.mitra_c],
        )
        self.assertPostRefused(self.url(self.rsud), {"user": self.bidan.pk}, [self.koordinator_a])
        self.assertEqual(self.staff_of(self.rsud), [])


class UnlinkStaffTests(FacilityWorld):
    def url(self, facility, user) -> str:
        return reverse("counseling:facility_staff_unlink", args=[facility.pk, user.pk])

    def test_a_koordinator_unlinks_a_mitra_and_the_account_stays(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(self.url(self.puskesmas_a, self.mitra_a), follow=True)
        self.assertContains(response, "mitra_a tidak lagi menjawab rujukan ke Puskesmas")
        self.assertFalse(FacilityStaff.objects.filter(user=self.mitra_a).exists())
        self.mitra_a.refresh_from_db()
        self.assertTrue(self.mitra_a.is_active)
        event = AuditEvent.objects.get(model="counseling.FacilityStaff", action="delete")
        self.assertEqual(event.actor, self.koordinator_a)

    def test_an_account_that_is_not_staff_answers_404(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(self.url(self.polindes_a, self.mitra_a))
        self.assertEqual(response.status_code, 404)
        self.assertTrue(FacilityStaff.objects.filter(user=self.mitra_a).exists())

    def test_scope(self):
        self.assertPostRefused(
            self.url(self.puskesmas_c, self.mitra_c),
            {},
            [None, self.koordinator_a, self.pkb, self.ppkbd_c, self.mitra_c],
        )
        self.assertPostRefused(self.url(self.puskesmas_a, self.mitra_a), {}, [self.pkb])
        self.assertEqual(FacilityStaff.objects.count(), 2)
