"""The session store reads a session as Django's database store does (accounts/sessions.py)."""

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.urls import reverse

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
