from django.urls import reverse

from impsmart.accounts.models import AuditEvent, User
from tests.base import World


class UserManagementTests(World):
    def form(self, **overrides):
        data = {
            "username": "ppkbd_b",
            "first_name": "Sitti Aisyah",
            "phone": "",
            "role": "ppkbd",
            "region_codes": self.desa_b.code,
            "password": "Kuat-sekali-99",
        }
        data.update(overrides)
        return data

    def test_the_user_list_shows_only_users_in_scope(self):
        url = reverse("accounts:users")
        self.assertNotVisible(url, [None, self.ppkbd_a, self.mitra_a, self.pimpinan])
        self.assertVisible(url, [self.admin, self.koordinator_a, self.pkb])
        self.client.force_login(self.koordinator_a)
        page = self.client.get(url).content.decode()
        self.assertIn("ppkbd_a", page)
        self.assertNotIn("ppkbd_c", page)

    def test_a_koordinator_creates_a_ppkbd_in_her_kecamatan(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(reverse("accounts:user_create"), self.form())
        self.assertRedirects(response, reverse("accounts:users"))
        user = User.objects.get(username="ppkbd_b")
        self.assertEqual((user.role, user.region_code), ("ppkbd", self.desa_b.code))
        self.assertTrue(user.password.startswith("argon2"))
        event = AuditEvent.objects.get(model="accounts.User", object_pk=str(user.pk))
        self.assertEqual(event.actor, self.koordinator_a)
        self.assertEqual(event.after["password"], "***")

    def test_a_koordinator_cannot_create_accounts_in_another_kecamatan(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(
            reverse("accounts:user_create"), self.form(region_codes=self.desa_c.code)
        )
        self.assertContains(response, "di luar wilayah kerja Anda")
        self.assertContains(response, 'value="Sitti Aisyah"')  # what was typed stays
        self.assertFalse(User.objects.filter(username="ppkbd_b").exists())

    def test_a_role_above_ones_own_cannot_be_granted(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(
            reverse("accounts:user_create"), self.form(role="admin_kabupaten")
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["role"])
        self.assertFalse(User.objects.filter(username="ppkbd_b").exists())

    def test_the_region_must_match_the_roles_level(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(
            reverse("accounts:user_create"), self.form(region_codes=self.dusun_a1.code)
        )
        self.assertContains(response, "bukan wilayah tingkat itu")

    def test_create_page_refuses_users_without_the_permission(self):
        url = reverse("accounts:user_create")
        self.assertNotVisible(url, [None, self.ppkbd_a, self.pimpinan])
        self.assertVisible(url, [self.koordinator_a])

    def test_editing_a_user_outside_scope_answers_404(self):
        url = reverse("accounts:user_edit", args=[self.ppkbd_c.pk])
        self.assertNotVisible(url, [None, self.koordinator_a, self.pkb, self.ppkbd_a])
        self.assertVisible(url, [self.admin])
        before = User.objects.get(pk=self.ppkbd_c.pk).first_name
        self.assertPostRefused(
            url,
            self.form(username="ppkbd_c", first_name="X", region_codes=self.desa_c.code),
            [self.koordinator_a],
        )
        self.assertEqual(User.objects.get(pk=self.ppkbd_c.pk).first_name, before)

    def test_a_pkb_moves_a_cadre_between_her_desa_binaan(self):
        self.client.force_login(self.pkb)
        url = reverse("accounts:user_edit", args=[self.ppkbd_a.pk])
        self.client.post(
            url, self.form(username="ppkbd_a", region_codes=self.desa_b.code, password="")
        )
        self.ppkbd_a.refresh_from_db()
        self.assertEqual(self.ppkbd_a.region_code, self.desa_b.code)
        event = AuditEvent.objects.filter(model="accounts.User", action="update").first()
        self.assertEqual(event.before["region_code"], self.desa_a.code)
        self.assertEqual(event.after["region_code"], self.desa_b.code)
