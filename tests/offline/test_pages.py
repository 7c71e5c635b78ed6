"""The offline shell, its manifest and worker: who sees what, and what they hold."""

from django.contrib.staticfiles import finders
from django.urls import reverse

from impsmart.offline import views
from tests.base import CHECKED_ROUTES
from tests.offline.test_sync_api import URL, SyncTestCase


class TestPages(SyncTestCase):
    def test_the_shell_and_the_csrf_token_need_a_sign_in(self):
        for name in ("offline:app", "offline:csrf"):
            self.assertVisible(reverse(name), [self.ppkbd_a, self.sub_ppkbd_a, self.pkb])
            self.assertNotVisible(reverse(name), [None])

    def test_the_shell_holds_no_personal_data_only_the_forms(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("offline:app")).content.decode()
        self.assertNotIn(self.wife_a.name, page)
        self.assertIn('id="offline-forms"', page)

    def test_the_manifest_makes_an_installable_indonesian_app(self):
        manifest = self.client.get("/manifest.webmanifest").json()
        self.assertEqual(manifest["start_url"], "/luring/")
        self.assertEqual(manifest["lang"], "id")
        self.assertEqual({i["sizes"] for i in manifest["icons"]}, {"any", "192x192", "512x512"})
        for icon in manifest["icons"]:
            self.assertIsNotNone(finders.find(icon["src"].removeprefix("/static/")), icon)

    def test_the_worker_has_root_scope_and_a_cache_named_after_the_scripts(self):
        response = self.client.get("/sw.js")
        self.assertEqual(response["Service-Worker-Allowed"], "/")
        self.assertIn(f"imp-shell-{views.version()}", response.content.decode())

    def test_the_worker_speaks_the_language_of_the_page_that_registered_it(self):
        self.client.force_login(self.ppkbd_a)
        registered = self.client.get("/luring/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
        self.assertIn('data-sw="/sw.js?lang=id"', registered)
        english = {"HTTP_ACCEPT_LANGUAGE": "en"}  # the browser's own request for the worker
        self.assertIn(
            "Belum terkirim", self.client.get("/sw.js?lang=id", **english).content.decode()
        )
        self.assertIn("Not sent yet", self.client.get("/sw.js?lang=en").content.decode())

    def test_a_posted_outbox_is_scope_checked_like_the_list(self):
        CHECKED_ROUTES.add("api:send_outbox")  # same path as api:fetch_changes (TestScope)
        self.assertEqual(self.api_get(URL, self.ppkbd_a).status_code, 200)
