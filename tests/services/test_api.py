"""``GET /api/v1/service-days``: the days a user may see, with counts of the women she may
count (no names), in and out of scope."""

import datetime as dt

from impsmart.accounts.audit import acting_as
from impsmart.services import actions
from impsmart.services.models import Invitation
from tests.base import KECAMATAN_A
from tests.services.world import DAY, ServiceWorld

KEYS = {"id", "date", "place", "facility", "region_code", "invited", "came", "methods_given",
        "confirmed"}  # fmt: skip


class ServiceDayApiTests(ServiceWorld):
    """The desa A day invites wife_a and implant (dusun A1) and mother (A2); wife_a and mother
    came and got a method, not yet confirmed. Kecamatan A and desa C have a day each."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        women = [cls.wife_a, cls.implant, cls.mother]
        with acting_as(cls.ppkbd_a):
            actions.invite(actor=cls.ppkbd_a, service_day=cls.day, members=women)
        came = [Invitation.objects.get(member=m).pk for m in (cls.wife_a, cls.mother)]
        with acting_as(cls.mitra_a):
            actions.record_attendance(actor=cls.mitra_a, service_day=cls.day, present=came)
            actions.record_methods(
                actor=cls.mitra_a, service_day=cls.day, jalur="pemerintah",
                methods={came[0]: "IMPLAN", came[1]: "SUNTIK3"},
            )  # fmt: skip
        with acting_as(cls.koordinator_a):
            cls.kecamatan_day = actions.create_service_day(
                actor=cls.koordinator_a, region_code=KECAMATAN_A, date=DAY + dt.timedelta(days=9),
                place="Aula kecamatan", facility=cls.puskesmas_a, medical_staff="Bidan Sari",
                methods=["IUD"],
            )  # fmt: skip
        with acting_as(cls.ppkbd_c):
            cls.day_c = actions.create_service_day(
                actor=cls.ppkbd_c, region_code=cls.desa_c.code, date=DAY, place="Balai",
                facility=cls.puskesmas_c, medical_staff="Bidan Ani", methods=["PIL"],
            )  # fmt: skip

    def rows(self, user, query=""):
        response = self.api_get(f"/api/v1/service-days{query}", user)
        self.assertEqual(response.status_code, 200)
        return {row["id"]: row for row in response.json()}

    def test_a_region_outside_scope_is_not_found(self):
        path = f"/api/v1/service-days?region={self.desa_a.code}"
        self.assertApiVisible(path, [self.ppkbd_a, self.pkb, self.koordinator_a, self.admin])
        self.assertApiVisible(path, [self.pimpinan, self.mitra_a])
        self.assertApiNotVisible(path, [None, self.ppkbd_c, self.mitra_c])
        self.assertEqual(set(self.rows(self.ppkbd_c)), {self.day_c.pk})

    def test_rows_follow_the_contract_and_count_the_women(self):
        rows = self.rows(self.ppkbd_a, f"?region={self.desa_a.code}")
        self.assertEqual(set(rows), {self.day.pk, self.kecamatan_day.pk})  # serving desa A
        row = rows[self.day.pk]
        self.assertEqual(set(row), KEYS)
        self.assertEqual(
            row,
            {**row, "date": "2026-11-18", "place": "Balai desa", "region_code": self.desa_a.code,
             "facility": "Puskesmas Bontomarannu", "invited": 3, "came": 2, "methods_given": 2,
             "confirmed": 0},
        )  # fmt: skip
        self.assertEqual(rows[self.kecamatan_day.pk]["invited"], 0)
        with acting_as(self.ppkbd_a):
            actions.confirm(actor=self.ppkbd_a, service_day=self.day)
        self.assertEqual(self.rows(self.ppkbd_a)[self.day.pk]["confirmed"], 2)

    def test_each_user_counts_the_women_of_her_scope_and_reads_no_names(self):
        counts = ("invited", "came", "methods_given")
        sub = self.rows(self.sub_ppkbd_a)[self.day.pk]  # dusun A1: wife_a and implant
        self.assertEqual([sub[k] for k in counts], [2, 1, 1])
        for user in (self.pimpinan, self.mitra_a, self.koordinator_a):
            response = self.api_get("/api/v1/service-days", user)
            row = {r["id"]: r for r in response.json()}[self.day.pk]
            self.assertEqual([row[k] for k in counts], [3, 2, 2], user)
            self.assertNotIn(self.wife_a.name, response.content.decode())
        self.assertEqual(set(self.rows(self.mitra_c)), {self.day_c.pk})  # its facility only
        self.assertEqual(set(self.rows(self.mitra_a)), {self.day.pk, self.kecamatan_day.pk})
