from django.test import override_settings
from django.urls import reverse

from tests.base import PASSWORD, World


class LoginTests(World):
    def test_each_role_signs_in_and_sees_its_home(self):
        for user in [
            self.admin,
            self.koordinator_a,
            self.pkb,
            self.ppkbd_a,
            self.sub_ppkbd_a,
            self.mitra_a,
            self.pimpinan,
        ]:
            self.client.logout()
            response = self.client.post(
                reverse("accounts:login"),
                {"username": user.username, "password": PASSWORD},
                follow=True,
            )
            self.assertContains(response, user.get_role_display())

    def test_a_wrong_password_says_what_to_check(self):
        response = self.client.post(
            reverse("accounts:login"), {"username": "ppkbd_a", "password": "salah"}
        )
        self.assertContains(response, "Nama pengguna atau kata sandi salah")
        self.assertContains(response, 'value="ppkbd_a"')

    @override_settings(AXES_ENABLED=True)
    def test_guessing_is_locked_out_after_five_tries(self):
        for _ in range(5):
            self.client.post(
                reverse("accounts:login"), {"username": "ppkbd_a", "password": "tebak"}
            )
        response = self.client.post(
            reverse("accounts:login"), {"username": "ppkbd_a", "password": PASSWORD}
        )
        self.assertContains(response, "Terlalu banyak percobaan", status_code=429)

    def test_home_shows_each_role_what_it_needs_first(self):
        self.assertNotVisible(reverse("dashboard:home"), [None])
        self.client.force_login(self.koordinator_a)
        page = self.client.get(reverse("dashboard:home")).content.decode()
        self.assertIn("Kelola pengguna", page)
        self.assertIn(self.desa_a.name, page)
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("dashboard:home")).content.decode()
        self.assertNotIn("Kelola pengguna", page)
        self.assertIn("Bontoa", page)

    def test_pages_carry_security_headers(self):
        response = self.client.get(reverse("accounts:login"))
        self.assertIn("script-src 'self'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_english_is_available(self):
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = self.client.get(reverse("accounts:login"))
        self.assertContains(response, 'lang="en"')
