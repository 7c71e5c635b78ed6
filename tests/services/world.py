"""The counselling world plus the register a service day draws on, and a day in desa A.

Desa A: wife_a wants to delay (IAT: unmet need); ``implant`` has an implant of 2023-12-20
ending on 2026-12-20 (within 90 days of the day); ``mother`` gave birth on 2026-10-30 and
uses nothing (postpartum); ``pill`` uses the pill (no target). Desa C: wife_c (IAT), outside
kecamatan A's staff. The day: today (2026-11-18) at the balai desa of desa A, Puskesmas
Bontomarannu (mitra_a), offering IUD, implant and 3-monthly injection.
"""

import datetime as dt

from impsmart.accounts.audit import acting_as
from impsmart.families import contraception as kb
from impsmart.services import actions
from tests.counseling.world import CounselingWorld
from tests.families.world import make_couple

DAY = dt.date(2026, 11, 18)


class ServiceWorld(CounselingWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.ppkbd_a
        cls.implant = make_couple(a, cls.dusun_a1.code, dt.date(1990, 1, 9))[1]
        cls.mother = make_couple(a, cls.dusun_a2.code, dt.date(1998, 6, 1))[1]
        cls.pill = make_couple(a, cls.dusun_a1.code, dt.date(1992, 2, 2))[1]
        with acting_as(a):
            kb.record_intention(
                actor=a, member=cls.wife_a, intention="IAT", recorded_on=dt.date(2026, 9, 1)
            )
            kb.start_method(
                actor=a, member=cls.implant, method="IMPLAN", start_date=dt.date(2023, 12, 20)
            )
            pregnancy = kb.record_pregnancy(
                actor=a, member=cls.mother, start_date=dt.date(2026, 2, 1)
            )
            kb.record_outcome(
                actor=a, pregnancy=pregnancy, outcome_date=dt.date(2026, 10, 30),
                outcome="lahir_hidup",
            )  # fmt: skip
            kb.start_method(actor=a, member=cls.pill, method="PIL", start_date=dt.date(2025, 1, 5))
            cls.day = actions.create_service_day(
                actor=a, region_code=cls.desa_a.code, date=DAY, place="Balai desa",
                facility=cls.puskesmas_a, medical_staff="Bidan Sari",
                methods=["IUD", "IMPLAN", "SUNTIK3"],
            )  # fmt: skip
        with acting_as(cls.ppkbd_c):
            kb.record_intention(
                actor=cls.ppkbd_c, member=cls.wife_c, intention="IAT",
                recorded_on=dt.date(2026, 9, 1),
            )  # fmt: skip
