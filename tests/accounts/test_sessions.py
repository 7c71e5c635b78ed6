"""The session and the request's user read as Django reads them (accounts/sessions, backends)."""

import datetime as dt

from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.urls import reverse

from impsmart.accounts.backends import UserBackend
from impsmart.accounts.models import User
from impsmart.accounts.sessions import SessionStore
from tests.base import World


class SessionStoreTests(World):
    def test_a_signed_in_session_reads_as_djangos_store_reads_it(self):
        self.client.force_login(self.ppkbd_a)
        key = self.client.session.session_key
        ours, django = SessionStore(key).load(), DjangoStore(key).load()
        self.assertEqual(ours, django)
        self.assertEqual(str(ours["_auth_user_id"]), str(self.ppkbd_a.pk))
        self.assertEqual(self.client.get(reverse("dashboard:home")).status_code, 200)

    def test_an_expired_or_unknown_session_is_a_new_one(self):
        self.client.force_login(self.ppkbd_a)
        key = self.client.session.session_key
        Session.objects.filter(session_key=key).update(
            expire_date=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        )
        for wanted in (key, "x" * 32):
            store = SessionStore(wanted)
            self.assertEqual(store.load(), {})
            self.assertIsNone(store.session_key)
            self.assertEqual(DjangoStore(wanted).load(), {})
        response = self.client.get(reverse("dashboard:home"))
        self.assertRedirects(response, f"{reverse('accounts:login')}?next=/")


class UserBackendTests(World):
    """The request's user as Django's ModelBackend reads it (accounts/backends.py)."""

    def test_the_user_is_read_with_every_field_as_the_orm_reads_it(self):
        self.pkb.extra_region_codes = [self.desa_a.code]
        self.pkb.last_login = dt.datetime(2026, 11, 1, 8, 30, tzinfo=dt.UTC)
        self.pkb.save()
        ours = UserBackend().get_user(str(self.pkb.pk))
        theirs = ModelBackend().get_user(self.pkb.pk)
        for field in User._meta.concrete_fields:
            self.assertEqual(
                getattr(ours, field.attname), getattr(theirs, field.attname), field.name
            )
        self.assertIsInstance(ours.is_active, bool)
        self.assertEqual(ours.scope_codes, theirs.scope_codes)

    def test_unknown_and_inactive_users_are_nobody(self):
        self.assertIsNone(UserBackend().get_user("999999"))
        self.assertIsNone(UserBackend().get_user("bukan-angka"))
        User.objects.filter(pk=self.ppkbd_a.pk).update(is_active=False)
        self.assertIsNone(UserBackend().get_user(self.ppkbd_a.pk))


class RequestUserTests(World):
    def test_views_read_the_user_herself_not_a_lazy_object(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(reverse("dashboard:home"))
        self.assertIs(type(response.wsgi_request.user), User)
        self.assertEqual(response.wsgi_request.user, self.ppkbd_a)
        self.client.logout()
        response = self.client.get(reverse("accounts:login"))
        self.assertFalse(response.wsgi_request.user.is_authenticated)
