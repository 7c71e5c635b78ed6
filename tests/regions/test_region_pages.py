from django.urls import reverse

from impsmart.accounts.models import AuditEvent
from impsmart.regions.models import Region
from tests.base import World


class RegionPageTests(World):
    def test_a_desa_page_is_visible_only_inside_scope(self):
        url = reverse("regions:detail", args=[self.desa_a.code])
        self.assertNotVisible(url, [None, self.ppkbd_c, self.sub_ppkbd_a])
        self.assertVisible(
            url, [self.ppkbd_a, self.pkb, self.koordinator_a, self.admin, self.pimpinan]
        )

    def test_the_page_has_breadcrumbs_and_dusun(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("regions:detail", args=[self.desa_a.code])).content.decode()
        self.assertIn("Kabupaten Gowa", page)
        self.assertIn("Bontomarannu", page)
        self.assertIn("Bontoa", page)

    def test_the_index_leads_to_the_users_own_region(self):
        url = reverse("regions:index")
        self.assertNotVisible(url, [None])
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(url)
        self.assertRedirects(response, reverse("regions:detail", args=[self.desa_a.code]))
        self.assertVisible(url, [self.pkb])  # several desa: a list

    def test_geojson_holds_the_children_boundaries_in_scope(self):
        url = reverse("regions:geojson", args=[KECAMATAN_A_CODE])
        self.assertNotVisible(url, [None, self.ppkbd_c, self.pkb])
        self.client.force_login(self.koordinator_a)
        features = self.client.get(url).json()["features"]
        self.assertEqual(len(features), Region.objects.filter(parent_id=KECAMATAN_A_CODE).count())
        self.assertEqual(features[0]["geometry"]["type"], "Polygon")

    def test_a_ppkbd_adds_a_dusun_to_her_desa_and_it_is_audited(self):
        url = reverse("regions:add_child", args=[self.desa_a.code])
        self.client.force_login(self.ppkbd_a)
        self.client.post(url, {"name": "Tanetea"})
        dusun = Region.objects.get(parent=self.desa_a, name="Tanetea")
        self.assertEqual(dusun.code, f"{self.desa_a.code}.03")
        self.assertEqual(dusun.level, "dusun")
        event = AuditEvent.objects.get(model="regions.Region", object_pk=dusun.code)
        self.assertEqual(event.actor, self.ppkbd_a)
        self.assertEqual(event.after["name"], "Tanetea")

    def test_adding_a_dusun_outside_scope_is_refused_and_changes_nothing(self):
        url = reverse("regions:add_child", args=[self.desa_a.code])
        before = Region.objects.count()
        self.assertPostRefused(
            url,
            {"name": "Lembang"},
            [None, self.ppkbd_c, self.pimpinan, self.mitra_a, self.sub_ppkbd_a],
        )
        self.assertEqual(Region.objects.count(), before)

    def test_a_duplicate_or_empty_name_gets_a_clear_message(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("regions:add_child", args=[self.desa_a.code])
        page = self.client.post(url, {"name": "bontoa"}, follow=True).content.decode()
        self.assertIn("sudah ada", page)
        page = self.client.post(url, {"name": "  "}, follow=True).content.decode()
        self.assertIn("Isi nama", page)

    def test_rw_and_rt_go_below_a_dusun(self):
        self.client.force_login(self.ppkbd_a)
        self.client.post(reverse("regions:add_child", args=[self.dusun_a1.code]), {"name": "RW 1"})
        rw = Region.objects.get(parent=self.dusun_a1)
        self.client.post(reverse("regions:add_child", args=[rw.code]), {"name": "RT 1"})
        self.assertEqual(Region.objects.get(parent=rw).level, "rt")


KECAMATAN_A_CODE = "73.06.06"
