"""The visit list page: wider scopes choose a desa first; filters and pages stay in scope."""

import datetime as dt
import gzip
from unittest import mock

from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.counseling import visits
from impsmart.counseling.views import visits as visit_views
from impsmart.families import contraception
from tests.counseling.world import CounselingWorld
from tests.families.world import make_couple

TODAY = dt.date(2026, 11, 18)  # tests/conftest.py
URL = reverse("counseling:visits")


class VisitListPageTests(CounselingWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actor = cls.ppkbd_a
        _f, cls.unmet, _h = make_couple(actor, cls.dusun_a1.code, dt.date(1993, 1, 1))
        _f, cls.dropout, _h = make_couple(actor, cls.dusun_a2.code, dt.date(1992, 1, 1))
        _f, cls.dmpa, _h = make_couple(actor, cls.dusun_a1.code, dt.date(1994, 1, 1))
        _f, cls.unmet_c, _h = make_couple(cls.ppkbd_c, cls.dusun_c1.code, dt.date(1991, 1, 1))
        with acting_as(actor):
            contraception.record_intention(
                actor=actor, member=cls.unmet, intention="TIAL", recorded_on=dt.date(2026, 6, 1)
            )
            contraception.start_method(
                actor=actor, member=cls.dropout, method="PIL", start_date=dt.date(2026, 1, 1)
            )
            contraception.stop_method(
                actor=actor, member=cls.dropout, end_date=dt.date(2026, 11, 1), reason="lainnya"
            )
            contraception.start_method(
                actor=actor, member=cls.dmpa, method="SUNTIK3", start_date=dt.date(2026, 8, 30)
            )
        with acting_as(cls.ppkbd_c):
            contraception.record_intention(
                actor=cls.ppkbd_c,
                member=cls.unmet_c,
                intention="IAT",
                recorded_on=dt.date(2026, 6, 1),
            )

    def names(self, response) -> set[str]:
        return {item.member.name for item in response.context["items"]}

    def test_an_admin_chooses_a_kecamatan_then_a_desa_before_anything_is_computed(self):
        self.client.force_login(self.admin)
        response = self.client.get(URL)
        self.assertNotIn("page", response.context)
        self.assertContains(response, f"?wilayah={self.desa_a.parent_id}")
        response = self.client.get(URL, {"wilayah": self.desa_a.parent_id})
        self.assertContains(response, f"?wilayah={self.desa_a.code}")
        self.assertNotIn("page", response.context)
        response = self.client.get(URL, {"wilayah": self.desa_a.code})
        self.assertEqual(self.names(response), {self.unmet.name, self.dropout.name, self.dmpa.name})
        self.assertLess(len(gzip.compress(response.content)), 100 * 1024)

    def test_a_cadre_sees_her_desa_at_once(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(URL)
        self.assertEqual(response.context["total_items"], 3)

    def test_filters_by_kind_and_state(self):
        self.client.force_login(self.koordinator_a)
        wilayah = self.desa_a.code
        response = self.client.get(URL, {"wilayah": wilayah, "jenis": "drop_out"})
        self.assertEqual(self.names(response), {self.dropout.name})
        response = self.client.get(URL, {"wilayah": wilayah, "keadaan": "jatuh_tempo"})
        self.assertEqual(self.names(response), {self.dmpa.name})
        self.assertEqual(self.client.get(URL, {"wilayah": wilayah, "jenis": "x"}).status_code, 400)

    def test_a_koordinators_filters_never_reach_outside_her_kecamatan(self):
        self.client.force_login(self.koordinator_a)
        for code in (self.desa_c.code, self.desa_c.parent_id, self.kabupaten.code):
            self.assertEqual(self.client.get(URL, {"wilayah": code}).status_code, 404)
        self.assertEqual(visits.visit_list(self.koordinator_a, TODAY, self.desa_c.code), [])

    def test_pages_keep_the_filters(self):
        self.client.force_login(self.ppkbd_a)
        with mock.patch.object(visit_views, "PAGE_SIZE", 2):
            first = self.client.get(URL, {"keadaan": "terlambat"})
            self.assertEqual(len(first.context["items"]), 2)
            first = self.client.get(URL)
            self.assertContains(first, "page=2")
            second = self.client.get(URL, {"page": 2})
        self.assertEqual(len(second.context["items"]), 1)
        shown = self.names(first) | self.names(second)
        self.assertEqual(len(shown), 3)

    def test_marking_a_visit_answers_the_list_of_the_page_it_came_from(self):
        self.client.force_login(self.admin)
        data = {
            "member": self.unmet.pk,
            "kind": "unmet",
            "date": TODAY.isoformat(),
            "outcome": "bertemu",
            "next": f"{URL}?wilayah={self.desa_a.code}&jenis=unmet",
        }
        response = self.client.post(
            reverse("counseling:visit_record"), data, headers={"HX-Request": "true"}
        )
        self.assertTemplateUsed(response, "counseling/_visit_list.html")
        self.assertEqual(list(response.context["items"]), [])
        self.assertEqual(response.context["region"], self.desa_a)
