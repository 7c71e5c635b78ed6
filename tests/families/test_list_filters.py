"""The family list, the Register PUS page and the users list: filtered, paged, kept in scope."""

import gzip
from unittest import mock

from django.urls import reverse

from impsmart.families import actions, listing, views_register
from tests.base import KECAMATAN_A
from tests.dashboard import MapWorld

FAMILIES = reverse("families:list")
USERS = reverse("accounts:users")


def light(response) -> bool:
    return len(gzip.compress(response.content)) < 100 * 1024


class FamilyListTests(MapWorld):
    def test_region_and_tahapan_ks_filter_the_list(self):
        self.client.force_login(self.admin)
        everyone = self.client.get(FAMILIES).context["page"].paginator.count
        response = self.client.get(FAMILIES, {"wilayah": self.desa_b.code})
        self.assertEqual(response.context["page"].paginator.count, 3)
        actions.update_family(actor=self.ppkbd_a, family=self.family_iud, ks_stage="ks2")
        response = self.client.get(FAMILIES, {"ks": "ks2"})
        self.assertEqual([f.pk for f in response.context["page"]], [self.family_iud.pk])
        self.assertGreater(everyone, 3)
        self.assertTrue(light(response))

    def test_each_page_names_its_heads_and_keeps_the_filters(self):
        self.client.force_login(self.admin)
        with mock.patch.object(listing, "PAGE_SIZE", 2):
            first = self.client.get(FAMILIES, {"wilayah": KECAMATAN_A})
            second = self.client.get(FAMILIES, {"wilayah": KECAMATAN_A, "page": 2})
        self.assertContains(first, f"wilayah={KECAMATAN_A}&amp;page=2")
        rows = list(first.context["page"]) + list(second.context["page"])
        self.assertEqual(len({f.pk for f in rows}), 4)
        self.assertTrue(all(f.head_name and f.n_members == 2 for f in rows))

    def test_a_koordinators_filters_never_reach_outside_her_kecamatan(self):
        self.client.force_login(self.koordinator_a)
        outside = self.client.get(FAMILIES, {"wilayah": self.desa_c.code})
        self.assertEqual(outside.status_code, 404)
        codes = [r.code for r in self.client.get(FAMILIES).context["regions"]]
        self.assertTrue(codes)
        self.assertTrue(all(c.startswith(KECAMATAN_A) for c in codes))


class RegisterPageTests(MapWorld):
    def page(self, user, **query):
        self.client.force_login(user)
        url = reverse("register:page", args=[self.desa_a.code])
        return self.client.get(url, {"tahun": 2025, **query})

    def wives(self, response) -> list[str]:
        return [row.wife_name for row in response.context["register"].rows]

    def test_status_and_text_filter_the_rows_but_not_the_footer(self):
        everyone = self.page(self.admin)  # with the family that moved out in May
        self.assertEqual(len(self.wives(everyone)), 5)
        users = self.page(self.admin, status="PA")
        self.assertEqual(len(self.wives(users)), 3)
        iat = self.page(self.admin, status="IAT")
        self.assertEqual(len(self.wives(iat)), 1)
        self.assertEqual(users.context["footer"], everyone.context["footer"])
        name = self.wives(iat)[0]
        self.assertEqual(self.wives(self.page(self.admin, q=name.upper())), [name])
        self.assertEqual(self.page(self.admin, status="X").status_code, 400)
        self.assertTrue(light(everyone))

    def test_pages_number_the_rows_on(self):
        with mock.patch.object(views_register, "PAGE_SIZE", 3):
            second = self.page(self.ppkbd_a, page=2)
        self.assertEqual(len(self.wives(second)), 2)
        self.assertContains(second, "5. ")
        self.assertContains(second, "tahun=2025&amp;page=1")

    def test_the_register_stays_in_scope(self):
        self.client.force_login(self.koordinator_a)
        url = reverse("register:page", args=[self.desa_c.code])
        self.assertEqual(self.client.get(url, {"status": "PA"}).status_code, 404)


class UserListTests(MapWorld):
    def usernames(self, **query) -> set[str]:
        return {u.username for u in self.client.get(USERS, query).context["page"]}

    def test_region_role_and_name_filter_the_accounts(self):
        self.client.force_login(self.admin)
        self.assertIn("ppkbd_c", self.usernames())
        in_a = self.usernames(wilayah=KECAMATAN_A)
        self.assertIn("ppkbd_a", in_a)
        self.assertNotIn("ppkbd_c", in_a)
        self.assertEqual(self.usernames(peran="ppkbd"), {"ppkbd_a", "ppkbd_c"})
        self.assertEqual(self.usernames(q="KOORD"), {"koordinator_a"})
        self.assertTrue(light(self.client.get(USERS)))

    def test_a_koordinators_filters_never_reach_outside_her_kecamatan(self):
        self.client.force_login(self.koordinator_a)
        self.assertEqual(self.client.get(USERS, {"wilayah": self.desa_c.code}).status_code, 404)
        self.assertNotIn("ppkbd_c", self.usernames(peran="ppkbd"))
