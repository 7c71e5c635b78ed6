import json

from tests.base import PASSWORD, World


class ApiTests(World):
    def test_a_token_is_issued_for_a_valid_login_only(self):
        response = self.client.post(
            "/api/v1/auth/token",
            json.dumps({"username": "ppkbd_a", "password": PASSWORD}),
            content_type="application/json",
        )
        token = response.json()["token"]
        me = self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
        self.assertEqual((me["role"], me["region_code"]), ("ppkbd", self.desa_a.code))
        wrong = self.client.post(
            "/api/v1/auth/token",
            json.dumps({"username": "ppkbd_a", "password": "x"}),
            content_type="application/json",
        )
        self.assertEqual(wrong.status_code, 401)
        self.assertEqual(
            self.client.get("/api/v1/me", headers={"Authorization": "Bearer palsu"}).status_code,
            401,
        )

    def test_me_needs_a_token(self):
        self.assertApiNotVisible("/api/v1/me", [None])
        self.assertApiVisible("/api/v1/me", [self.mitra_a])

    def test_regions_are_scoped(self):
        path = f"/api/v1/regions/{self.desa_a.code}"
        self.assertApiNotVisible(path, [None, self.ppkbd_c, self.sub_ppkbd_a])
        self.assertApiVisible(path, [self.ppkbd_a, self.pkb, self.admin])
        listing = f"/api/v1/regions?parent={self.desa_a.code}"
        self.assertApiNotVisible(listing, [None, self.ppkbd_c])
        codes = [r["code"] for r in self.api_get(listing, self.ppkbd_a).json()]
        self.assertEqual(codes, [self.dusun_a1.code, self.dusun_a2.code])
        own = [r["code"] for r in self.api_get("/api/v1/regions", self.pkb).json()]
        self.assertEqual(own, [self.desa_a.code, self.desa_b.code])

    def test_the_openapi_schema_is_served(self):
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertIn("/api/v1/auth/token", schema["paths"])
