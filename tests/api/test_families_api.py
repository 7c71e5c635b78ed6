"""GET /api/v1/families and /api/v1/families/{id}: scoped, paginated, members with status."""

import datetime as dt

from impsmart.families import contraception
from tests.families.world import FamilyWorld, make_couple


class FamiliesApiTests(FamilyWorld):
    def test_the_list_holds_only_families_in_scope(self):
        body = self.api_get("/api/v1/families", self.ppkbd_a).json()
        self.assertEqual(body["count"], 1)
        item = body["items"][0]
        self.assertEqual(
            item,
            {
                "id": self.family_a.pk,
                "region_code": self.dusun_a1.code,
                "kk_number": self.family_a.kk_number,
                "address": "Jl. Poros Malino",
                "member_count": 2,
                "ks_stage": "",
            },
        )
        everyone = self.api_get("/api/v1/families", self.admin).json()
        self.assertEqual(everyone["count"], 2)
        self.assertApiVisible("/api/v1/families", [self.pkb, self.sub_ppkbd_a])
        self.assertApiNotVisible("/api/v1/families", [None, self.mitra_a, self.pimpinan])

    def test_a_region_outside_scope_is_not_found(self):
        path = f"/api/v1/families?region={self.desa_c.code}"
        self.assertApiNotVisible(path, [None, self.ppkbd_a, self.pkb, self.mitra_a])
        codes = [f["region_code"] for f in self.api_get(path, self.admin).json()["items"]]
        self.assertEqual(codes, [self.dusun_c1.code])
        self.assertApiNotVisible("/api/v1/families?region=99.99", [self.admin])

    def test_the_list_is_paginated(self):
        for year in (1991, 1992, 1993):
            make_couple(self.ppkbd_a, self.dusun_a2.code, dt.date(year, 1, 1))
        path = f"/api/v1/families?region={self.desa_a.code}&limit=2&offset=2"
        body = self.api_get(path, self.ppkbd_a).json()
        self.assertEqual((body["count"], len(body["items"])), (4, 2))
        self.assertEqual(self.api_get(f"{path[:-1]}4", self.ppkbd_a).json()["items"], [])
        too_many = self.api_get("/api/v1/families?limit=100000", self.ppkbd_a).json()
        self.assertEqual(too_many["count"], 4)

    def test_one_family_with_its_members_and_the_wifes_status(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="IMPLAN", start_date=dt.date(2024, 5, 1)
        )
        path = f"/api/v1/families/{self.family_a.pk}"
        body = self.api_get(path, self.sub_ppkbd_a).json()
        self.assertEqual(body["kk_number"], self.family_a.kk_number)
        members = {m["name"]: m for m in body["members"]}
        wife = members[self.wife_a.name]
        self.assertEqual(
            {
                k: wife[k]
                for k in ("id", "nik", "sex", "birth_date", "relation", "marital_status", "status")
            },
            {
                "id": self.wife_a.pk,
                "nik": self.wife_a.nik,
                "sex": "P",
                "birth_date": "1995-03-14",
                "relation": "istri",
                "marital_status": "kawin",
                "status": "IMPLAN",
            },
        )
        self.assertIsNone(members[self.husband_a.name]["status"])
        self.assertApiVisible(path, [self.ppkbd_a, self.pkb, self.admin])
        self.assertApiNotVisible(path, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        self.assertApiNotVisible("/api/v1/families/999999", [self.admin])

    def test_the_schema_documents_the_family_routes(self):
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        self.assertIn("/api/v1/families", paths)
        self.assertIn("/api/v1/families/{family_id}", paths)
