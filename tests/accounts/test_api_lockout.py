"""django-axes locks a username after five wrong passwords; the API gets JSON, not a page."""

import json

from django.test import override_settings
from django.urls import reverse

from tests.base import PASSWORD, World

LOCKED = "Terlalu banyak percobaan masuk; coba lagi dalam 1 jam."


@override_settings(AXES_ENABLED=True)
class ApiLockoutTests(World):
    def ask_token(self, password: str):
        credentials = json.dumps({"username": "ppkbd_a", "password": password})
        return self.client.post("/api/v1/auth/token", credentials, content_type="application/json")

    def test_the_fifth_wrong_password_locks_the_api_login_with_json(self):
        for _ in range(4):
            self.assertEqual(self.ask_token("tebak-tebak").status_code, 401)
        for password in ["tebak-tebak", PASSWORD]:
            response = self.ask_token(password)
            self.assertEqual(response.status_code, 429)
            self.assertEqual(response["Content-Type"], "application/json")
            self.assertEqual(response.json(), {"detail": LOCKED})

    def test_the_web_login_still_shows_the_page(self):
        for _ in range(5):
            self.ask_token("tebak-tebak")
        response = self.client.post(
            reverse("accounts:login"), {"username": "ppkbd_a", "password": PASSWORD}
        )
        self.assertContains(response, "selama 1 jam", status_code=429)
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
