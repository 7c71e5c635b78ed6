"""A world with PUS in two desa of kecamatan A (and one in kecamatan C) for the target maps.

In June 2025, kecamatan A holds:
- desa A: three couples in dusun A1 (IUD, PIL, IAT) and one family on the desa itself
  (a PUS using SUNTIK3) — 4 families, PUS 4, PA 3, MKJP 1, unmet 1 (mCPR 75.0);
- desa B: three families: SUNTIK3, unknown status, and a wife of 55 (no PUS) —
  3 families, PUS 2, PA 1, MKJP 0, unmet 0.
A family of dusun A1 that moved out in May counts nowhere. Kecamatan C holds one couple using
IMPLAN in desa C. One open family of desa A is geotagged (and the one that moved out).
"""

import datetime as dt

from impsmart.families import actions, contraception
from tests.base import World
from tests.families.world import make_couple

JUNE = dt.date(2025, 6, 30)
START = dt.date(2025, 1, 15)


class MapWorld(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls._desa_a()
        cls._desa_b_and_c()

    @classmethod
    def _couple(cls, actor, code, birth=dt.date(1995, 3, 14), method="", intention=""):
        family, wife, _ = make_couple(actor, code, birth)
        if method:
            contraception.start_method(actor=actor, member=wife, method=method, start_date=START)
        if intention:
            contraception.record_intention(
                actor=actor, member=wife, intention=intention, recorded_on=START
            )
        return family

    @classmethod
    def _desa_a(cls):
        a1, actor = cls.dusun_a1.code, cls.ppkbd_a
        cls.family_iud = cls._couple(actor, a1, method="IUD")
        cls._couple(actor, a1, method="PIL")
        cls._couple(actor, a1, intention="IAT")
        cls._couple(actor, cls.desa_a.code, method="SUNTIK3")
        actions.update_family(actor=actor, family=cls.family_iud, lat=-5.2, lng=119.55)
        moved = cls._couple(actor, a1, method="IUD")
        # Moved out in May: neither counted nor drawn in June.
        actions.update_family(
            actor=actor, family=moved, lat=-5.21, lng=119.56, closed_on=dt.date(2025, 5, 1)
        )

    @classmethod
    def _desa_b_and_c(cls):
        b = cls.desa_b.code
        cls._couple(cls.pkb, b, method="SUNTIK3")
        cls._couple(cls.pkb, b)
        cls._couple(cls.pkb, b, birth=dt.date(1970, 1, 1))
        cls._couple(cls.ppkbd_c, cls.desa_c.code, method="IMPLAN")
