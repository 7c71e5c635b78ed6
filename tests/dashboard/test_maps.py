"""Target maps: the page, its GeoJSON and family points, each only inside scope."""

from django.test import SimpleTestCase
from django.urls import reverse

from impsmart.dashboard.maps import class_edges, class_of
from tests.base import KECAMATAN_A
from tests.dashboard import MapWorld

QUERY = "?indikator=mcpr&bulan=2025-06"


def url(name, code, query=QUERY):
    return reverse(f"dashboard:{name}", args=[code]) + query


class MapPageTests(MapWorld):
    def test_a_kecamatan_map_is_visible_only_inside_scope(self):
        page = url("map", KECAMATAN_A)
        self.assertNotVisible(page, [None, self.ppkbd_c, self.pkb, self.ppkbd_a, self.mitra_a])
        self.assertVisible(page, [self.koordinator_a, self.admin, self.pimpinan])

    def test_a_desa_map_is_visible_to_its_cadres(self):
        page = url("map", self.desa_a.code)
        self.assertNotVisible(page, [None, self.ppkbd_c, self.sub_ppkbd_a, self.mitra_a])
        self.assertVisible(page, [self.ppkbd_a, self.pkb, self.koordinator_a, self.pimpinan])

    def test_the_index_opens_the_users_own_region(self):
        index = reverse("dashboard:map_index")
        self.assertNotVisible(index, [None, self.mitra_a])
        self.client.force_login(self.ppkbd_a)
        self.assertRedirects(
            self.client.get(index), reverse("dashboard:map", args=[self.desa_a.code])
        )

    def test_the_table_shows_the_figures_per_desa_without_javascript(self):
        self.client.force_login(self.pimpinan)
        page = self.client.get(url("map", KECAMATAN_A)).content.decode()
        self.assertIn(self.desa_a.name, page)
        self.assertIn("75,0", page)  # mCPR of desa A, Indonesian decimals
        self.assertIn("50,0", page)
        self.assertIn("—", page)  # desa without PUS
        self.assertIn(url("map", self.desa_a.code), page.replace("&amp;", "&"))
        self.assertNotIn("titik.geojson", page)  # no family points for leaders

    def test_a_desa_map_offers_family_points_to_cadres(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(url("map", self.desa_a.code)).content.decode()
        self.assertIn("titik.geojson", page)
        self.assertIn("1 keluarga bertitik GPS", page)

    def test_a_bad_month_answers_400_saying_how_to_write_it(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.get(url("map", KECAMATAN_A, "?bulan=2025-13"))
        self.assertContains(response, "tulis TTTT-BB", status_code=400)


class MapDataTests(MapWorld):
    def test_the_geojson_has_one_feature_per_desa_with_its_value(self):
        data_url = url("map_data", KECAMATAN_A)
        self.assertNotVisible(data_url, [None, self.ppkbd_c, self.pkb, self.mitra_a])
        self.assertVisible(data_url, [self.koordinator_a, self.pimpinan])
        data = self.client.get(data_url).json()
        desa = self.desa_a.parent.children.all()
        self.assertEqual(len(data["features"]), desa.count())
        by_code = {f["properties"]["code"]: f["properties"] for f in data["features"]}
        a = by_code[self.desa_a.code]
        self.assertEqual((a["value"], a["label"]), (75.0, "75,0 %"))
        self.assertEqual(a["class"], 4)  # the highest
        self.assertEqual(by_code[self.desa_b.code]["class"], 0)
        self.assertEqual(a["url"], url("map", self.desa_a.code))
        empty = [p for p in by_code.values() if p["value"] is None]
        self.assertTrue(all(p["label"] == "—" and p["class"] is None for p in empty))
        self.assertEqual(len(data["legend"]), 5)
        self.assertEqual(data["month"], "2025-06")

    def test_the_indicator_decides_the_value(self):
        self.client.force_login(self.admin)
        data = self.client.get(url("map_data", KECAMATAN_A, "?indikator=pus&bulan=2025-06"))
        values = {
            f["properties"]["code"]: f["properties"]["value"] for f in data.json()["features"]
        }
        self.assertEqual((values[self.desa_a.code], values[self.desa_b.code]), (4, 2))
        data = self.client.get(url("map_data", KECAMATAN_A, "?indikator=unmet&bulan=2025-06"))
        values = {
            f["properties"]["code"]: f["properties"]["label"] for f in data.json()["features"]
        }
        self.assertEqual(values[self.desa_a.code], "25,0 %")

    def test_a_desa_without_dusun_boundaries_is_drawn_as_its_own_outline(self):
        self.client.force_login(self.ppkbd_a)
        features = self.client.get(url("map_data", self.desa_a.code)).json()["features"]
        self.assertEqual([f["properties"]["code"] for f in features], [self.desa_a.code])
        self.assertEqual(features[0]["properties"]["value"], 75.0)

    def test_a_bad_month_is_refused(self):
        self.client.force_login(self.admin)
        response = self.client.get(url("map_data", KECAMATAN_A, "?bulan=juni"))
        self.assertEqual(response.status_code, 400)


class FamilyPointTests(MapWorld):
    def test_points_are_personal_data_of_a_desa_in_scope(self):
        points = url("map_points", self.desa_a.code)
        self.assertNotVisible(points, [None, self.ppkbd_c, self.pimpinan, self.mitra_a])
        self.assertVisible(points, [self.ppkbd_a, self.pkb, self.koordinator_a])
        data = self.client.get(points).json()
        self.assertEqual(data["total"], 1)  # the family that moved out is not drawn
        self.assertEqual(data["features"][0]["geometry"]["coordinates"], [119.55, -5.2])
        self.assertEqual(set(data["features"][0]["properties"]), {"region_code"})

    def test_there_are_no_points_above_desa_level(self):
        self.client.force_login(self.koordinator_a)
        self.assertEqual(self.client.get(url("map_points", KECAMATAN_A)).status_code, 404)


class ClassTests(SimpleTestCase):
    def test_five_equal_classes_from_the_lowest_to_the_highest_value(self):
        edges = class_edges([0.0, 50.0, 100.0])
        self.assertEqual(edges, [0.0, 20.0, 40.0, 60.0, 80.0, 100.0])
        self.assertEqual([class_of(v, edges) for v in (0, 20, 21, 100, None)], [0, 0, 1, 4, None])
        self.assertEqual(class_edges([7.0, 7.0]), [7.0, 7.0])
        self.assertEqual(class_of(7.0, [7.0, 7.0]), 0)
