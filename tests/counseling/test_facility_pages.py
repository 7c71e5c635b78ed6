"""The facility list and a facility's page: who sees which facilities, filters, counts.

Facilities in this world: Puskesmas A (kecamatan A, mitra_a), Puskesmas C (kecamatan C, mitra_c),
a polindes in desa A, a pustu in desa B and the RSUD at the kabupaten (seen by everyone below).
"""

import datetime as dt

from django.urls import reverse

from impsmart import dates
from impsmart.accounts.audit import acting_as
from impsmart.counseling import actions
from impsmart.counseling.models import Facility, Referral
from tests.base import KABUPATEN
from tests.counseling.world import CounselingWorld

TODAY = dates.today()


class FacilityWorld(CounselingWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with acting_as(cls.admin):
            cls.polindes_a = actions.create_facility(
                actor=cls.admin,
                name="Polindes Bontoa",
                kind="polindes",
                region_code=cls.desa_a.code,
            )
            cls.pustu_b = actions.create_facility(
                actor=cls.admin, name="Pustu Borong", kind="pustu", region_code=cls.desa_b.code
            )
            cls.rsud = actions.create_facility(
                actor=cls.admin, name="RSUD Syekh Yusuf", kind="rs", region_code=KABUPATEN
            )


def names(response) -> list[str]:
    return [f.name for f in response.context["page"]]


class FacilityListTests(FacilityWorld):
    url = reverse("counseling:facility_list")

    def test_field_staff_see_the_list_others_do_not(self):
        self.assertNotVisible(self.url, [None, self.ppkbd_a, self.mitra_a, self.pimpinan])
        self.assertVisible(self.url, [self.admin, self.koordinator_a, self.pkb])

    def test_each_sees_the_facilities_of_their_scope_and_those_serving_it(self):
        self.client.force_login(self.koordinator_a)
        self.assertEqual(
            sorted(names(self.client.get(self.url))),
            ["Polindes Bontoa", "Puskesmas Bontomarannu", "Pustu Borong", "RSUD Syekh Yusuf"],
        )
        self.client.force_login(self.admin)
        self.assertEqual(len(names(self.client.get(self.url))), 5)

    def test_it_filters_by_kind_and_by_region(self):
        self.client.force_login(self.koordinator_a)
        self.assertEqual(names(self.client.get(self.url, {"jenis": "pustu"})), ["Pustu Borong"])
        by_desa = self.client.get(self.url, {"wilayah": self.desa_a.code})
        self.assertEqual(names(by_desa), ["Polindes Bontoa"])
        self.assertContains(by_desa, f'value="{self.desa_a.code}" selected')
        nothing = self.client.get(self.url, {"jenis": "klinik"})
        self.assertContains(nothing, "Tidak ada fasilitas yang cocok")
        bogus = self.client.get(self.url, {"jenis": "bogus"})
        self.assertContains(bogus, "Parameter &#x27;jenis&#x27; tidak sah", status_code=400)

    def test_a_region_filter_outside_scope_answers_404(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.get(self.url, {"wilayah": self.desa_c.code})
        self.assertEqual(response.status_code, 404)

    def test_only_managers_get_the_add_button_and_the_referral_pages_link_here(self):
        self.client.force_login(self.pkb)
        self.assertNotContains(self.client.get(self.url), "Tambah fasilitas")
        self.assertContains(self.client.get(reverse("counseling:referral_list")), self.url)
        self.client.force_login(self.koordinator_a)
        self.assertContains(self.client.get(self.url), reverse("counseling:facility_create"))
        self.assertContains(self.client.get(reverse("counseling:index")), self.url)
        self.client.force_login(self.ppkbd_a)
        self.assertNotContains(self.client.get(reverse("counseling:index")), self.url)


class FacilityDetailTests(FacilityWorld):
    def url(self, facility) -> str:
        return reverse("counseling:facility_detail", args=[facility.pk])

    def test_scope(self):
        outside = self.url(self.puskesmas_c)
        self.assertNotVisible(
            outside, [None, self.koordinator_a, self.pkb, self.ppkbd_c, self.mitra_c]
        )
        self.assertVisible(outside, [self.admin])
        self.assertNotVisible(self.url(self.puskesmas_a), [self.ppkbd_a, self.mitra_a])
        self.assertVisible(self.url(self.puskesmas_a), [self.admin, self.koordinator_a, self.pkb])

    def test_it_shows_the_facility_and_its_mitra_staff(self):
        self.client.force_login(self.pkb)
        response = self.client.get(self.url(self.puskesmas_a))
        self.assertContains(response, "Kecamatan Bontomarannu")
        self.assertContains(response, "mitra_a")
        self.assertNotContains(response, "Ubah data fasilitas")  # a PKB reads only
        self.assertIsNone(response.context["link_form"])

    def test_managers_may_change_only_what_lies_in_their_scope(self):
        self.client.force_login(self.koordinator_a)
        self.assertContains(self.client.get(self.url(self.puskesmas_a)), "Ubah data fasilitas")
        rsud = self.client.get(self.url(self.rsud))  # serves her kecamatan, belongs above it
        self.assertNotContains(rsud, "Ubah data fasilitas")

    def refer(self, member, actor, sent_on, facility=None) -> Referral:
        with acting_as(actor):
            return actions.create_referral(
                actor=actor,
                member=member,
                facility=facility or self.puskesmas_a,
                reason="Ingin MKJP",
                sent_on=sent_on,
            )

    def test_referral_counts_are_figures_of_the_users_scope_without_names(self):
        served = self.refer(self.wife_a, self.ppkbd_a, TODAY - dt.timedelta(days=3))
        refused = self.refer(self.wife_a, self.ppkbd_a, TODAY - dt.timedelta(days=40))
        self.refer(self.wife_a, self.ppkbd_a, TODAY - dt.timedelta(days=400))  # still waiting
        with acting_as(self.mitra_a):
            actions.answer_referral(actor=self.mitra_a, referral=served, served=True)
            actions.answer_referral(
                actor=self.mitra_a, referral=refused, served=False, reason="Bidan pelatihan"
            )
        # A client from kecamatan C sent to the RSUD: the district counts it, kecamatan A not.
        self.refer(self.wife_c, self.ppkbd_c, TODAY, facility=self.rsud)
        self.refer(self.wife_a, self.ppkbd_a, TODAY, facility=self.rsud)

        self.client.force_login(self.koordinator_a)
        response = self.client.get(self.url(self.puskesmas_a))
        rows = {r["label"]: r for r in response.context["counts"]}
        self.assertEqual(
            rows["30 hari terakhir"],
            {
                "label": "30 hari terakhir",
                "received": 1,
                "served": 1,
                "not_served": 0,
                "waiting": 0,
            },
        )
        self.assertEqual(
            [rows["12 bulan terakhir"][k] for k in ("received", "served", "not_served")], [2, 1, 1]
        )
        self.assertEqual([rows["Semua"][k] for k in ("received", "waiting")], [3, 1])
        self.assertNotContains(response, self.wife_a.name)

        def rsud_received() -> int:
            return self.client.get(self.url(self.rsud)).context["counts"][-1]["received"]

        self.assertEqual(rsud_received(), 1)
        self.client.force_login(self.admin)
        self.assertEqual(rsud_received(), 2)

    def test_a_facility_with_referrals_offers_no_delete(self):
        self.client.force_login(self.koordinator_a)
        self.assertContains(self.client.get(self.url(self.polindes_a)), "Hapus (salah input)")
        self.refer(self.wife_a, self.ppkbd_a, TODAY, facility=self.polindes_a)
        response = self.client.get(self.url(self.polindes_a))
        self.assertNotContains(response, "Hapus (salah input)")
        self.assertContains(response, "tidak bisa dihapus")
        self.assertTrue(Facility.objects.filter(pk=self.polindes_a.pk).exists())
