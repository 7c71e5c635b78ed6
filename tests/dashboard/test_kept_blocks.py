"""Kept home blocks (``HomeBlock.reads``): reused until a write to a model they read."""

from unittest import mock

from django.urls import reverse

from impsmart.regions import views as region_views
from tests.base import World


class KeptBlockTests(World):
    def test_a_write_to_what_the_block_reads_shows_on_the_next_load_others_keep_it(self):
        self.client.force_login(self.ppkbd_a)
        home = reverse("dashboard:home")
        self.client.get(home)
        wrapped = mock.patch.object(
            region_views, "home_own_regions", wraps=region_views.home_own_regions
        )
        with wrapped as computed:
            self.client.get(home)
            self.assertEqual(computed.call_count, 0)  # kept
            self.pkb.first_name = "Nurhayati"
            self.pkb.save()  # a write to a model the block does not read
            self.client.get(home)
            self.assertEqual(computed.call_count, 0)
            self.desa_a.name = "Bontoala Baru"
            self.desa_a.save()  # a write to what it reads
            self.assertContains(self.client.get(home), "Bontoala Baru")
            self.assertEqual(computed.call_count, 1)

    def test_a_block_is_kept_per_user_role_and_scope(self):
        home = reverse("dashboard:home")
        self.client.force_login(self.ppkbd_a)
        self.assertContains(self.client.get(home), self.desa_a.name)
        self.ppkbd_a.region_code = self.desa_c.code
        self.ppkbd_a.save()  # moved to another desa: no write to a region
        page = self.client.get(home)
        self.assertContains(page, self.desa_c.name)
        self.assertNotContains(page, self.desa_a.name)
