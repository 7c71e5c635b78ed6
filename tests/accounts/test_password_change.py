"""Every signed-in user changes their own password: old once, new twice, Django's rules."""

import json

from django.urls import reverse

from impsmart.accounts.models import ApiToken, AuditEvent
from tests.base import PASSWORD, World

NEW = "Sawah-hijau-2027"


class PasswordChangeTests(World):
    url = reverse("accounts:password_change")

    def change(self, user, old=PASSWORD, new=NEW, again=None):
        self.client.force_login(user)
        data = {"old_password": old, "new_password1": new, "new_password2": again or new}
        return self.client.post(self.url, data)

    def test_every_signed_in_user_has_the_page_and_the_menu_link(self):
        everyone = [self.admin, self.pimpinan, self.koordinator_a, self.mitra_a, self.pkb]
        everyone += [self.ppkbd_a, self.sub_ppkbd_a, self.ppkbd_c]
        self.assertNotVisible(self.url, [None])
        self.assertVisible(self.url, everyone)
        self.client.force_login(self.mitra_a)
        self.assertContains(self.client.get(reverse("dashboard:home")), f'href="{self.url}"')

    def test_a_cadre_changes_her_password_and_stays_signed_in(self):
        response = self.change(self.ppkbd_a)
        self.assertRedirects(response, reverse("dashboard:home"))
        self.ppkbd_a.refresh_from_db()
        self.assertTrue(self.ppkbd_a.check_password(NEW))
        self.assertFalse(self.ppkbd_a.must_change_password)
        self.assertEqual(self.client.get(reverse("families:list")).status_code, 200)
        event = AuditEvent.objects.filter(model="accounts.User", object_pk=str(self.ppkbd_a.pk))[0]
        self.assertEqual(event.actor, self.ppkbd_a)
        self.assertIsNone(event.before["password_changed_at"])
        self.assertIsNotNone(event.after["password_changed_at"])

    def test_the_change_ends_the_users_api_tokens(self):
        token = ApiToken.issue(self.ppkbd_a)
        other = ApiToken.issue(self.ppkbd_c)
        self.change(self.ppkbd_a)
        for raw, status in [(token, 401), (other, 200)]:
            response = self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
            self.assertEqual(response.status_code, status)
        fresh = self.client.post(
            "/api/v1/auth/token",
            json.dumps({"username": "ppkbd_a", "password": NEW}),
            content_type="application/json",
        )
        self.assertEqual(fresh.status_code, 200)

    def test_mistakes_say_what_to_fix_and_change_nothing(self):
        cases = [
            ({"old": "salah-sekali-1"}, "Kata sandi lama salah"),
            ({"again": "Sawah-hijau-2028"}, "Kedua kata sandi baru tidak sama"),
            ({"new": PASSWORD}, "sama dengan yang lama"),
            ({"new": "pendek"}, "Kata sandi terlalu pendek"),
            ({"new": "ppkbd_a2026"}, "Kata sandi terlalu mirip dengan nama pengguna"),
        ]
        for kwargs, message in cases:
            with self.subTest(message):
                self.assertContains(self.change(self.ppkbd_a, **kwargs), message)
        self.ppkbd_a.refresh_from_db()
        self.assertTrue(self.ppkbd_a.check_password(PASSWORD))
