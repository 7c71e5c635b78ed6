"""API tokens live IMPSMART_API_TOKEN_DAYS days on the real clock, and die with the password."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from impsmart.accounts.models import ApiToken
from tests.base import World


class ApiTokenLifetimeTests(World):
    def token_aged(self, days: float) -> str:
        raw = ApiToken.issue(self.ppkbd_a)
        born = timezone.now() - timedelta(days=days)
        ApiToken.objects.filter(digest=ApiToken.hash(raw)).update(created_at=born)
        return raw

    def me(self, raw: str) -> int:
        return self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})

    def test_a_token_works_for_30_days_by_default(self):
        self.assertEqual(self.me(self.token_aged(29.9)).status_code, 200)
        self.assertEqual(self.me(self.token_aged(30.1)).status_code, 401)

    @override_settings(IMPSMART_API_TOKEN_DAYS=7)
    def test_the_lifetime_is_a_setting(self):
        self.assertEqual(self.me(self.token_aged(6)).status_code, 200)
        self.assertEqual(self.me(self.token_aged(8)).status_code, 401)

    def test_a_new_password_set_by_a_manager_ends_the_users_tokens(self):
        raw = ApiToken.issue(self.ppkbd_a)
        self.client.force_login(self.koordinator_a)
        self.client.post(
            reverse("accounts:user_edit", args=[self.ppkbd_a.pk]),
            {
                "username": "ppkbd_a",
                "first_name": "Sitti",
                "role": "ppkbd",
                "region_codes": self.desa_a.code,
                "password": "Sawah-hijau-2027",
            },
        )
        self.assertEqual(self.me(raw).status_code, 401)
        self.assertFalse(self.ppkbd_a.api_tokens.exists())
