"""One world for every test: real Gowa regions, two kecamatan, a user of every role.

Who sees what (scope = region code prefix; role = what):
- admin (73.06, admin_kabupaten) and pimpinan (73.06, aggregates only) see the kabupaten;
- koordinator_a (kecamatan A) sees desa A and B; mitra_a (kecamatan A) sees its referrals only;
- pkb (desa A and B) sees both desa; ppkbd_a sees desa A; sub_ppkbd_a sees dusun A1;
- ppkbd_c (desa C, in kecamatan C) sees nothing of kecamatan A.
"""

import functools

from django.contrib.auth.hashers import make_password
from django.test import TestCase
from django.urls import resolve

from impsmart.accounts.models import ApiToken, User
from impsmart.accounts.roles import Role
from impsmart.regions.loader import load_kabupaten
from impsmart.regions.models import Level, Region

PASSWORD = "rahasia-uji-123"
KABUPATEN = "73.06"
KECAMATAN_A = "73.06.06"  # Bontomarannu
KECAMATAN_C = "73.06.01"  # Bontonompo

# Route names whose scope checks ran in this session (see conftest's coverage check).
CHECKED_ROUTES: set[str] = set()


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed once per run: a real Argon2 hash, without paying for it per user."""
    return make_password(PASSWORD)


def make_user(username: str, role: Role, *codes: str) -> User:
    user = User(
        username=username,
        role=role,
        region_code=codes[0],
        extra_region_codes=list(codes[1:]),
        first_name=username,
        password=password_hash(),
    )
    user.save()
    return user


class World(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_kabupaten(KABUPATEN)
        cls.kabupaten = Region.objects.get(code=KABUPATEN)
        desa = Region.objects.filter(level=Level.DESA)
        cls.desa_a, cls.desa_b = desa.filter(parent_id=KECAMATAN_A).order_by("code")[:2]
        cls.desa_c = desa.filter(parent_id=KECAMATAN_C).order_by("code").first()
        cls.dusun_a1 = Region.objects.create(
            code=f"{cls.desa_a.code}.01", name="Bontoa", level=Level.DUSUN, parent=cls.desa_a
        )
        cls.dusun_a2 = Region.objects.create(
            code=f"{cls.desa_a.code}.02", name="Borong", level=Level.DUSUN, parent=cls.desa_a
        )
        cls.dusun_c1 = Region.objects.create(
            code=f"{cls.desa_c.code}.01", name="Tamalate", level=Level.DUSUN, parent=cls.desa_c
        )
        cls.admin = make_user("admin", Role.ADMIN_KABUPATEN, KABUPATEN)
        cls.pimpinan = make_user("pimpinan", Role.PIMPINAN, KABUPATEN)
        cls.koordinator_a = make_user("koordinator_a", Role.KOORDINATOR_KECAMATAN, KECAMATAN_A)
        cls.mitra_a = make_user("mitra_a", Role.MITRA, KECAMATAN_A)
        cls.pkb = make_user("pkb", Role.PKB, cls.desa_a.code, cls.desa_b.code)
        cls.ppkbd_a = make_user("ppkbd_a", Role.PPKBD, cls.desa_a.code)
        cls.sub_ppkbd_a = make_user("sub_ppkbd_a", Role.SUB_PPKBD, cls.dusun_a1.code)
        cls.ppkbd_c = make_user("ppkbd_c", Role.PPKBD, cls.desa_c.code)

    # --- scope assertions: one line per page -------------------------------------------
    def _get(self, url: str, user: User | None):
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        CHECKED_ROUTES.add(resolve(url.split("?")[0]).view_name)
        return self.client.get(url)

    def assertVisible(self, url: str, users: list[User]) -> None:
        for user in users:
            response = self._get(url, user)
            self.assertEqual(response.status_code, 200, f"{user} should see {url}")

    def assertNotVisible(self, url: str, users: list[User | None]) -> None:
        """Anonymous users go to the login page; signed-in users outside scope get 404/403."""
        for user in users:
            response = self._get(url, user)
            if user is None:
                self.assertEqual(response.status_code, 302, url)
                self.assertIn("/accounts/login/", response["Location"])
            else:
                self.assertIn(response.status_code, (403, 404), f"{user} must not see {url}")

    def assertPostRefused(self, url: str, data: dict, users: list[User | None]) -> None:
        for user in users:
            self.client.logout()
            if user is not None:
                self.client.force_login(user)
            CHECKED_ROUTES.add(resolve(url).view_name)
            response = self.client.post(url, data)
            expected = (302,) if user is None else (403, 404)
            self.assertIn(response.status_code, expected, f"{user} must not post to {url}")

    # --- API ---------------------------------------------------------------------------
    def api_get(self, path: str, user: User | None):
        headers = {}
        if user is not None:
            headers["Authorization"] = f"Bearer {ApiToken.issue(user)}"
        CHECKED_ROUTES.add(resolve(path.split("?")[0]).view_name)
        return self.client.get(path, headers=headers)

    def assertApiVisible(self, path: str, users: list[User]) -> None:
        for user in users:
            self.assertEqual(self.api_get(path, user).status_code, 200, f"{user}: {path}")

    def assertApiNotVisible(self, path: str, users: list[User | None]) -> None:
        for user in users:
            expected = 401 if user is None else 404
            self.assertEqual(self.api_get(path, user).status_code, expected, f"{user}: {path}")
