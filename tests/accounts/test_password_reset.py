"""The admin or koordinator gives a cadre in scope a temporary password; the cadre must
replace it before any other page or API call."""

import json
import re

from django.urls import reverse

from impsmart.accounts.models import ApiToken, AuditEvent, User
from tests.base import PASSWORD, World


class PasswordResetTests(World):
    def reset_url(self, user: User) -> str:
        return reverse("accounts:user_password_reset", args=[user.pk])

    def reset(self, actor: User, user: User) -> str:
        self.client.force_login(actor)
        page = self.client.post(self.reset_url(user)).content.decode()
        return re.search(r"<code>([a-z0-9-]+)</code>", page).group(1)

    def test_only_admin_and_koordinator_reset_and_only_inside_their_scope(self):
        outside = self.reset_url(self.ppkbd_c)
        refused = [None, self.koordinator_a, self.pkb, self.ppkbd_a, self.pimpinan]
        self.assertNotVisible(outside, refused)
        self.assertPostRefused(outside, {}, refused)
        self.ppkbd_c.refresh_from_db()
        self.assertTrue(self.ppkbd_c.check_password(PASSWORD))
        self.assertVisible(outside, [self.admin])
        self.assertVisible(self.reset_url(self.sub_ppkbd_a), [self.admin, self.koordinator_a])
        self.assertPostRefused(self.reset_url(self.sub_ppkbd_a), {}, [self.pkb, self.mitra_a])

    def test_nobody_resets_their_own_password_or_a_peers(self):
        self.assertPostRefused(self.reset_url(self.admin), {}, [self.admin])
        self.assertPostRefused(self.reset_url(self.koordinator_a), {}, [self.koordinator_a])
        self.admin.refresh_from_db()
        self.assertFalse(self.admin.must_change_password)

    def test_the_edit_page_links_to_the_reset_for_those_who_may(self):
        self.client.force_login(self.koordinator_a)
        page = self.client.get(reverse("accounts:user_edit", args=[self.ppkbd_a.pk]))
        self.assertContains(page, self.reset_url(self.ppkbd_a))
        self.client.force_login(self.pkb)
        page = self.client.get(reverse("accounts:user_edit", args=[self.ppkbd_a.pk]))
        self.assertNotContains(page, self.reset_url(self.ppkbd_a))

    def test_a_reset_sets_a_temporary_password_ends_tokens_and_is_audited(self):
        token = ApiToken.issue(self.ppkbd_a)
        temporary = self.reset(self.koordinator_a, self.ppkbd_a)
        self.ppkbd_a.refresh_from_db()
        self.assertTrue(self.ppkbd_a.check_password(temporary))
        self.assertFalse(self.ppkbd_a.check_password(PASSWORD))
        self.assertTrue(self.ppkbd_a.must_change_password)
        self.assertFalse(ApiToken.objects.filter(digest=ApiToken.hash(token)).exists())
        event = AuditEvent.objects.filter(model="accounts.User", action="update")[0]
        self.assertEqual(event.actor, self.koordinator_a)
        self.assertEqual(event.object_pk, str(self.ppkbd_a.pk))
        self.assertEqual(event.after["must_change_password"], True)
        self.assertEqual(event.after["password"], "***")
        self.assertNotIn(temporary, json.dumps(event.after))

    def test_after_a_reset_every_page_leads_to_the_password_change(self):
        temporary = self.reset(self.admin, self.ppkbd_a)
        self.client.logout()
        change = reverse("accounts:password_change")
        signed_in = self.client.post(
            reverse("accounts:login"), {"username": "ppkbd_a", "password": temporary}
        )
        self.assertRedirects(signed_in, reverse("dashboard:home"), target_status_code=302)
        for url in [reverse("dashboard:home"), reverse("families:list"), "/wilayah/"]:
            self.assertRedirects(self.client.get(url), change)
        self.assertContains(self.client.get(change), "Kata sandi Anda dibuat oleh admin")
        self.assertNotEqual(self.client.get("/static/app.css").status_code, 302)
        data = {"old_password": temporary, "new_password1": "Sawah-hijau-2027"}
        self.client.post(change, {**data, "new_password2": "Sawah-hijau-2027"})
        self.assertEqual(self.client.get(reverse("families:list")).status_code, 200)
        self.ppkbd_a.refresh_from_db()
        self.assertFalse(self.ppkbd_a.must_change_password)

    def test_logout_stays_open_during_the_forced_change(self):
        self.reset(self.admin, self.ppkbd_a)
        self.client.force_login(User.objects.get(pk=self.ppkbd_a.pk))
        response = self.client.post(reverse("accounts:logout"))
        self.assertRedirects(response, reverse("accounts:login"))

    def test_the_api_answers_403_json_until_the_password_is_changed(self):
        temporary = self.reset(self.admin, self.ppkbd_a)
        credentials = json.dumps({"username": "ppkbd_a", "password": temporary})
        response = self.client.post(
            "/api/v1/auth/token", credentials, content_type="application/json"
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("Ganti kata sandi", response.json()["detail"])
        token = ApiToken.issue(User.objects.get(pk=self.ppkbd_a.pk))  # e.g. issued just before
        me = self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(me.status_code, 403)
        self.assertIn("Ganti kata sandi", me.json()["detail"])
