"""Families in the test world, built through the same actions the product uses."""

import datetime as dt

from impsmart.accounts.audit import acting_as
from impsmart.families import actions
from impsmart.families.identity import nik_for
from tests.base import World

_serial = iter(range(1, 10_000))


def make_couple(
    actor, region_code: str, wife_birth: dt.date, *, kk_seq: int | None = None, confirmed=False
):
    """A family with a married couple; returns (family, wife, husband).

    ``confirmed`` keeps a couple the register asks to confirm (a bride under 19).
    """
    n = next(_serial)
    with acting_as(actor):
        family = actions.create_family(
            actor=actor,
            region_code=region_code,
            kk_number=f"730606010120{n:04d}",
            registered_on=dt.date(2024, 1, 1),
            address="Jl. Poros Malino",
        )
        husband = actions.add_member(
            actor=actor,
            family=family,
            name=f"Suami {n}",
            sex="L",
            birth_date=dt.date(wife_birth.year - 3, 5, 5),
            relation="kepala",
            marital_status="kawin",
            nik=nik_for("730606", dt.date(wife_birth.year - 3, 5, 5), "L", n),
            confirmed=confirmed,
        )
        wife = actions.add_member(
            actor=actor,
            family=family,
            name=f"Istri {n}",
            sex="P",
            birth_date=wife_birth,
            relation="istri",
            marital_status="kawin",
            nik=nik_for("730606", wife_birth, "P", n),
            confirmed=confirmed,
        )
        actions.marry(actor=actor, wife=wife, husband=husband, confirmed=confirmed)
    return family, wife, husband


class FamilyWorld(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.family_a, cls.wife_a, cls.husband_a = make_couple(
            cls.ppkbd_a, cls.dusun_a1.code, dt.date(1995, 3, 14)
        )
        cls.family_c, cls.wife_c, cls.husband_c = make_couple(
            cls.ppkbd_c, cls.dusun_c1.code, dt.date(1990, 7, 2)
        )
