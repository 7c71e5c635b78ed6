"""Passwords too like the username or the name are refused, wherever a password is set."""

import random

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from impsmart.accounts.models import User
from impsmart.demo.generator import DEFAULT_PASSWORD
from impsmart.demo.users import create_users
from tests.base import PASSWORD, World


class PasswordRuleTests(World):
    def test_a_password_like_the_name_is_refused_on_the_account_page(self):
        self.client.force_login(self.koordinator_a)
        data = {
            "username": "ppkbd.borong",
            "first_name": "Nurhayati Daeng Ngai",
            "role": "ppkbd",
            "region_codes": self.desa_b.code,
        }
        for password, similar_to in [("ppkbd.borong1", "nama pengguna"), ("nurhayati", "nama")]:
            with self.subTest(password):
                response = self.client.post(
                    reverse("accounts:user_create"), {**data, "password": password}
                )
                self.assertContains(response, f"Kata sandi terlalu mirip dengan {similar_to}")
                self.assertContains(response, "Pilih kata sandi yang tidak memuat")
        self.assertFalse(User.objects.filter(username="ppkbd.borong").exists())

    def test_the_demo_and_test_passwords_still_pass(self):
        create_users(self.kabupaten, random.Random(7), DEFAULT_PASSWORD)
        demo_users = User.objects.filter(username__contains=".")
        self.assertGreater(demo_users.count(), 200)
        for user in demo_users:
            validate_password(DEFAULT_PASSWORD, user)
        for user in User.objects.exclude(username__contains="."):
            validate_password(PASSWORD, user)

    def test_the_rule_is_django_s_similarity_check(self):
        user = User(username="subppkbd.bontoa01", first_name="Sitti Aminah")
        for password in ["subppkbd.bontoa", "bontoa01", "sittiaminah"]:
            with self.subTest(password), self.assertRaises(ValidationError):
                validate_password(password, user)
