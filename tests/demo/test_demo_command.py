import json
from io import StringIO

from django.core.management import call_command
from django.test import TransactionTestCase

from impsmart.accounts.models import User
from impsmart.regions.models import Region


def run(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


class DemoCommandTests(TransactionTestCase):
    """Transactional: the demo flushes the database, as it does for a real user."""

    def test_demo_builds_gowa_with_dusun_and_a_login_per_role(self):
        out = run("demo", "--no-serve", "--families", "0", "--password", "uji-demo-1")
        self.assertEqual(Region.objects.filter(level="desa").count(), 167)
        desa_without_dusun = Region.objects.filter(level="desa", children__isnull=True)
        self.assertFalse(desa_without_dusun.exists())
        users = json.loads(run("users", "--format", "json"))
        roles = {u["role"] for u in users}
        self.assertEqual(
            roles,
            {
                "admin_kabupaten",
                "koordinator_kecamatan",
                "pkb",
                "ppkbd",
                "sub_ppkbd",
                "mitra",
                "pimpinan",
            },
        )
        self.assertEqual(set(users[0]) >= {"username", "role", "region_code"}, True)
        for line in out.splitlines():
            if line.startswith("  ") and "." in line:
                username = line.split()[-2]
                self.assertTrue(User.objects.get(username=username).check_password("uji-demo-1"))
        self.assertIn("uji-demo-1", out)

    def test_the_same_seed_gives_the_same_data_and_a_rerun_starts_afresh(self):
        # Any kabupaten shows it; Kota Parepare is a tenth of Gowa.
        parepare = ("demo", "--no-serve", "--kabupaten", "73.72", "--families", "0", "--seed", "7")
        run(*parepare)
        first = list(Region.objects.filter(level="dusun").values_list("code", "name"))
        names = list(User.objects.order_by("username").values_list("username", "first_name"))
        run(*parepare)
        self.assertEqual(
            first, list(Region.objects.filter(level="dusun").values_list("code", "name"))
        )
        self.assertEqual(
            names, list(User.objects.order_by("username").values_list("username", "first_name"))
        )
