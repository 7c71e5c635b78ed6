import json
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from impsmart.regions.models import Deployment, Region


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class SetupCommandTests(TestCase):
    def test_gowa_loads_with_18_kecamatan_and_167_desa(self):
        run("setup", "--kabupaten", "73.06")
        self.assertEqual(Region.objects.filter(level="kecamatan").count(), 18)
        desa = Region.objects.filter(level="desa")
        self.assertEqual(desa.count(), 167)
        self.assertEqual(desa.filter(kind="kelurahan").count(), 46)
        self.assertIsNotNone(Region.objects.get(code="73.06.01.1001").boundary)

    def test_running_it_twice_changes_nothing(self):
        run("setup", "--kabupaten", "32.04")
        before = list(Region.objects.values_list("code", "name", "parent_id", "kind"))
        out = run("setup", "--kabupaten", "32.04")
        self.assertIn("0 wilayah baru, 0 diperbarui", out)
        after = list(Region.objects.values_list("code", "name", "parent_id", "kind"))
        self.assertEqual(before, after)

    def test_any_kabupaten_of_indonesia_loads(self):
        run("setup", "--kabupaten", "93.01")  # Kabupaten Merauke (Papua Selatan)
        self.assertTrue(Region.objects.filter(parent_id="93.01").exists())
        run("setup", "--kabupaten", "73.71")  # Kota Makassar
        self.assertEqual(str(Region.objects.get(code="73.71")), "Kota Makassar")

    def test_an_unknown_code_is_refused_in_indonesian(self):
        with self.assertRaisesMessage(CommandError, "tidak dikenal"):
            run("setup", "--kabupaten", "99.99")
        self.assertFalse(Region.objects.exists())

    def test_regions_lists_the_children_of_the_home_kabupaten(self):
        run("setup", "--kabupaten", "73.06")
        run("setup", "--kabupaten", "32.04")
        self.assertEqual(Deployment.home_kabupaten().code, "73.06")
        rows = json.loads(run("regions", "--format", "json"))
        self.assertEqual(len(rows), 18)
        self.assertEqual(set(rows[0]), {"code", "name", "level"})
        desa = json.loads(run("regions", "--parent", "73.06.06", "--format", "json"))
        self.assertTrue(all(r["level"] == "desa" for r in desa))
