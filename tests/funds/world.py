"""A world with a PPKBD in desa A keeping a fund of ten members with a dues rule."""

import datetime as dt

from impsmart.funds import actions
from impsmart.funds.models import Fund
from impsmart.organization.models import Institution, Level
from tests.base import World

MEMBERS = ["Ani", "Bau", "Cica", "Dewi", "Eka", "Fitri", "Gusti", "Hasna", "Ina", "Jumi"]


class FundWorld(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.institution = Institution.objects.create(
            code="PPKBD-A", level=Level.PPKBD, name="PPKBD Desa A", region_code=cls.desa_a.code
        )
        cls.fund = actions.create_fund(
            actor=cls.ppkbd_a,
            institution=cls.institution,
            name="Arisan PPKBD A",
            kind=Fund.Kind.ARISAN,
            treasurer_name="Bendahara A",
            chair_name="Ketua A",
            dues_amount=5000,
            treasurer=cls.ppkbd_a,
        )
        cls.members = []
        for i, name in enumerate(MEMBERS):
            inviter = cls.members[i // 3] if i >= 2 else None
            cls.members.append(
                actions.add_member(
                    actor=cls.ppkbd_a,
                    fund=cls.fund,
                    name=name,
                    joined_on=dt.date(2026, 1, 5),
                    invited_by=inviter,
                )
            )
