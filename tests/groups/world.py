"""Families for the poktan tests, built through the register's own actions."""

import datetime as dt

from impsmart.accounts.audit import acting_as
from impsmart.families import actions as family_actions
from impsmart.families import contraception
from impsmart.groups import actions
from tests.families.world import FamilyWorld, make_couple

TODAY = dt.date(2026, 11, 18)


def add_person(actor, family, name, birth, relation="anak"):
    with acting_as(actor):
        return family_actions.add_member(
            actor=actor,
            family=family,
            name=name,
            sex="L",
            birth_date=birth,
            relation=relation,
            marital_status="belum_kawin" if relation == "anak" else "kawin",
        )


class GroupWorld(FamilyWorld):
    """Desa A: a family with a toddler whose mother uses a pill (BKB, UPPKA), a family with a
    teenager (BKR, PIK-R), one with a grandparent (BKL); desa C: a family with a toddler."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.toddler = add_person(cls.ppkbd_a, cls.family_a, "Andi", dt.date(2024, 5, 1))
        contraception.start_method(
            actor=cls.ppkbd_a, member=cls.wife_a, method="PIL", start_date=dt.date(2025, 1, 5)
        )
        cls.family_teen, cls.wife_teen, _h = make_couple(
            cls.ppkbd_a, cls.dusun_a2.code, dt.date(1980, 2, 2)
        )
        cls.teen = add_person(cls.ppkbd_a, cls.family_teen, "Rina", dt.date(2010, 3, 3))
        cls.family_old, cls.wife_old, _h = make_couple(
            cls.ppkbd_a, cls.dusun_a1.code, dt.date(1960, 1, 1)
        )
        cls.grandpa = add_person(
            cls.ppkbd_a, cls.family_old, "Kakek", dt.date(1940, 1, 1), "lainnya"
        )
        cls.toddler_c = add_person(cls.ppkbd_c, cls.family_c, "Budi", dt.date(2023, 1, 1))
        cls.bkb = cls.make_group("BKB", cls.desa_a.code)
        cls.bkb_c = cls.make_group("BKB", cls.desa_c.code, actor=cls.ppkbd_c)

    @classmethod
    def make_group(cls, kind, region_code, actor=None):
        actor = actor or cls.ppkbd_a
        return actions.create_group(
            actor=actor, kind=kind, region_code=region_code, name=f"{kind} Mawar {region_code}"
        )
