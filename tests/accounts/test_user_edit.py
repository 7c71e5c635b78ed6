"""Editing accounts whose usernames follow Django's rule: dots, digits, hyphens, underscores.

The demo names its users ``ppkbd.<desa>``; the edit page once refused them (slug only)."""

import random

from django.urls import reverse

from impsmart.accounts.forms import UserForm
from impsmart.accounts.models import AuditEvent, User
from impsmart.accounts.roles import Role
from impsmart.demo.generator import DEFAULT_PASSWORD
from impsmart.demo.users import create_users
from tests.base import World


class DemoUserEditTests(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.logins = create_users(cls.kabupaten, random.Random(7), DEFAULT_PASSWORD)

    def edit(self, actor: User, user: User, **changes):
        data = {
            "username": user.username,
            "first_name": user.first_name,
            "phone": user.phone,
            "role": user.role,
            "region_codes": ", ".join(user.scope_codes),
            "password": "",
        }
        data.update(changes)
        self.client.force_login(actor)
        return self.client.post(reverse("accounts:user_edit", args=[user.pk]), data)

    def test_every_demo_username_passes_the_forms_rule(self):
        field = UserForm.base_fields["username"]
        usernames = list(User.objects.filter(username__contains=".").values_list("username"))
        self.assertGreater(len(usernames), 200)
        for (username,) in usernames:
            self.assertEqual(field.clean(username), username)

    def test_a_koordinator_changes_a_demo_cadres_role_region_phone_and_password(self):
        cadre = self.logins[Role.PPKBD]
        self.assertIn(".", cadre.username)
        self.assertEqual(cadre.region_code, self.desa_a.code)
        response = self.edit(
            self.koordinator_a,
            cadre,
            role="sub_ppkbd",
            region_codes=self.dusun_a2.code,
            phone="081234567890",
            password="Ganti-Baru-2027",
        )
        self.assertRedirects(response, reverse("accounts:users"))
        cadre.refresh_from_db()
        self.assertEqual(
            (cadre.role, cadre.region_code, cadre.phone),
            ("sub_ppkbd", self.dusun_a2.code, "081234567890"),
        )
        self.assertTrue(cadre.check_password("Ganti-Baru-2027"))
        self.assertTrue(cadre.must_change_password)  # the koordinator chose it
        event = AuditEvent.objects.filter(model="accounts.User", object_pk=str(cadre.pk)).first()
        self.assertEqual(event.actor, self.koordinator_a)
        self.assertEqual(event.after["role"], "sub_ppkbd")
        self.assertIsNotNone(event.after["password_changed_at"])

    def test_a_pkb_with_digits_in_the_name_moves_to_other_desa(self):
        pkb = self.logins[Role.PKB]
        self.assertRegex(pkb.username, r"^pkb\.[a-z]+\d+$")
        response = self.edit(self.admin, pkb, region_codes=self.desa_b.code)
        self.assertRedirects(response, reverse("accounts:users"))
        pkb.refresh_from_db()
        self.assertEqual(pkb.scope_codes, [self.desa_b.code])

    def test_hyphens_and_underscores_are_kept_on_create_and_edit(self):
        self.client.force_login(self.koordinator_a)
        data = {
            "username": "ppkbd.bonto-a_2",
            "first_name": "Hasnah",
            "phone": "",
            "role": "ppkbd",
            "region_codes": self.desa_b.code,
            "password": "Kuat-sekali-99",
        }
        self.client.post(reverse("accounts:user_create"), data)
        user = User.objects.get(username="ppkbd.bonto-a_2")
        self.edit(self.koordinator_a, user, phone="0852")
        user.refresh_from_db()
        self.assertEqual(user.phone, "0852")

    def test_a_username_with_a_space_is_refused_with_the_rule(self):
        self.client.force_login(self.koordinator_a)
        data = {
            "username": "ppkbd bonto",
            "first_name": "Hasnah",
            "role": "ppkbd",
            "region_codes": self.desa_b.code,
            "password": "Kuat-sekali-99",
        }
        response = self.client.post(reverse("accounts:user_create"), data)
        self.assertContains(response, "nama pengguna valid")
        self.assertFalse(User.objects.filter(first_name="Hasnah").exists())
