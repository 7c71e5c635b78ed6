"""The menu, home page, permissions, API routers and demo steps come from the apps' configs."""

import html
import re
from unittest import mock

from django.apps import apps
from django.template import Context, Template
from django.test import modify_settings
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

from impsmart import plugins
from impsmart.accounts.context_processors import Permissions
from impsmart.accounts.roles import role_may
from impsmart.demo.generator import DemoContext
from tests.base import World

CONTOH = {"append": "tests.dashboard.contoh_app"}


def declared(attribute: str) -> list:
    return [item for c in apps.get_app_configs() for item in getattr(c, attribute, ())]


class ContributionTests(World):
    def test_the_menu_is_what_the_apps_declare_in_their_order(self):
        self.assertEqual(list(plugins.menu()), sorted(declared("menu"), key=lambda e: e.order))
        labels = [str(e.label) for e in plugins.menu_for(self.admin)]
        expected = [
            "Beranda",
            "Wilayah",
            "Laporan",
            "Peta",
            "Monev",
            "KIE & Konseling",
            "Pelayanan KB",
            "Pertemuan",
            "Forum",
            "Poktan",
            "PUP & remaja",
            "Iuran & arisan",
            "Institusi IMP",
            "Pelatihan",
            "Impor data",
            "Pengguna",
            "Audit",
        ]
        self.assertEqual(labels, expected)
        self.client.force_login(self.admin)
        page = self.client.get(reverse("dashboard:home")).content.decode()
        nav = html.unescape(page[page.index('<nav class="menu">') : page.index("</nav>")])
        self.assertEqual(re.findall(r">([^<]+)</a>", nav), expected)

    def test_the_menu_is_written_once_per_role_and_in_each_language(self):
        def nav(user, language: str) -> list[tuple[str, str]]:
            self.client.force_login(user)
            self.client.cookies["django_language"] = language
            page = self.client.get(reverse("dashboard:home")).content.decode()
            links = page[page.index('<nav class="menu">') : page.index("</nav>")]
            return re.findall(r'<a href="([^"]+)">([^<]+)</a>', html.unescape(links))

        for user in (self.admin, self.mitra_a, self.admin):
            for language in ("id", "en", "id"):
                with self.subTest(user=user.username, language=language):
                    with translation.override(language):
                        expected = [(e.url, str(e.label)) for e in plugins.menu_for(user)]
                    self.assertEqual(nav(user, language), expected)
        with translation.override("en"):
            self.assertIn("Home", [str(e.label) for e in plugins.menu_for(self.admin)])

    def test_a_template_asks_for_the_permissions_it_reads(self):
        may = Permissions(self.mitra_a)
        self.assertEqual(dict(may), {n: self.mitra_a.may(n) for n in plugins.permissions()})
        page = Template("{% if may.view_personal %}P{% endif %}{% if may.no_such %}N{% endif %}")
        with mock.patch.object(type(self.mitra_a), "may", return_value=True) as asked:
            self.assertEqual(page.render(Context({"may": Permissions(self.mitra_a)})), "P")
        asked.assert_called_once_with("view_personal")

    def test_the_cadres_who_keep_the_register_find_the_import_in_the_menu(self):
        for user in [self.ppkbd_a, self.sub_ppkbd_a, self.pkb, self.koordinator_a]:
            self.assertIn("Impor data", [str(e.label) for e in plugins.menu_for(user)], user)

    def test_a_mitra_gets_the_incoming_referrals_instead_of_counselling(self):
        labels = [str(e.label) for e in plugins.menu_for(self.mitra_a)]
        self.assertEqual(labels, ["Beranda", "Wilayah", "Rujukan masuk", "Pelayanan KB"])
        self.assertEqual(
            [str(e.label) for e in plugins.menu_for(self.pimpinan)],
            [
                "Beranda",
                "Wilayah",
                "Laporan",
                "Peta",
                "Monev",
                "Institusi IMP",
                "Pelatihan",
            ],
        )

    def test_permissions_are_those_the_apps_declare(self):
        owners = {
            name: c.label for c in apps.get_app_configs() for name in getattr(c, "permissions", {})
        }
        self.assertEqual(set(plugins.permissions()), set(owners))
        self.assertEqual(owners["edit_register"], "families")
        self.assertEqual(owners["view_personal"], "accounts")
        self.assertTrue(role_may("ppkbd", "edit_register"))
        self.assertFalse(role_may("pimpinan", "edit_register"))
        with self.assertRaises(KeyError):
            role_may("admin_kabupaten", "view_nothing")

    def test_each_app_router_is_mounted_under_its_prefix(self):
        paths = set(self.client.get("/api/v1/openapi.json").json()["paths"])
        routers = plugins.api_routers()
        self.assertEqual(
            dict(routers),
            {
                "/regions": "impsmart.api.regions.router",
                "/families": "impsmart.api.families.router",
                "/meetings": "impsmart.meetings.api.router",
                "/training": "impsmart.training.api.router",
                "/groups": "impsmart.groups.api.router",
                "/institutions": "impsmart.organization.api.router",
                "/funds": "impsmart.funds.api.router",
                "/scorecard": "impsmart.monitoring.api.scorecard_router",
                "/trends": "impsmart.monitoring.api.trends_router",
                "/sync": "impsmart.offline.api.router",
                "/service-days": "impsmart.services.api.router",
            },
        )
        for prefix, path in routers:
            for route in import_string(path).path_operations:
                self.assertIn(f"/api/v1{prefix}{route}", paths)

    def test_demo_steps_run_in_the_declared_order(self):
        self.assertEqual(
            list(plugins.demo_steps()), sorted(declared("demo_steps"), key=lambda s: s.order)
        )
        self.assertEqual(
            [s.label for s in plugins.demo_steps()],
            [
                "dusun/lingkungan",
                "pengguna",
                "keluarga",
                "poktan",
                "laporan bulanan",
                "KIE dan konseling",
                "pelayanan KB serentak dan PUP",
                "pelatihan dan rumah baca",
                "Institusi IMP",
                "Iuran dan arisan",
                "pertemuan dan forum",
                "laporan F/I/Dal",
                "Desa replikasi",
                "teks pencarian keluarga",
                "daftar kunjungan",
            ],
        )
        self.assertTrue(all(callable(s.function) for s in plugins.demo_steps()))

    def test_the_declarations_are_consistent(self):
        self.assertEqual(plugins.contributions_are_consistent(None), [])


class NewAppTests(World):
    """An app added to INSTALLED_APPS appears everywhere without any other edit."""

    @modify_settings(INSTALLED_APPS=CONTOH)
    def test_its_menu_entry_and_home_block_show_to_the_roles_it_names(self):
        self.assertTrue(self.pimpinan.may("view_meetings"))
        self.client.force_login(self.pimpinan)
        home = self.client.get(reverse("dashboard:home")).content.decode()
        self.assertIn("Rapat contoh", home)
        self.assertIn('<section class="card" id="contoh">Rapat untuk pimpinan</section>', home)
        self.assertLess(home.index('id="contoh"'), home.index("Wilayah kerja"))  # order 5
        self.client.force_login(self.admin)
        home = self.client.get(reverse("dashboard:home")).content.decode()
        self.assertNotIn("Rapat contoh", home)
        self.assertNotIn('id="contoh"', home)

    @modify_settings(INSTALLED_APPS=CONTOH)
    def test_its_demo_step_runs_last(self):
        step = plugins.demo_steps()[-1]
        self.assertEqual(step.label, "rapat")
        ctx = DemoContext(kabupaten=self.kabupaten, rng=None, families=0, password="")
        self.assertEqual(step.function(ctx), "0 rapat")

    def test_it_is_gone_when_the_app_is_removed(self):
        self.assertNotIn("view_meetings", plugins.permissions())
        self.assertNotIn("rapat", [s.label for s in plugins.demo_steps()])

    @modify_settings(INSTALLED_APPS={"append": "tests.dashboard.contoh_dup"})
    def test_a_permission_claimed_twice_or_an_unknown_one_fails_the_check(self):
        ids = [error.id for error in plugins.contributions_are_consistent(None)]
        self.assertEqual(ids, ["plugins.E001", "plugins.E002"])
