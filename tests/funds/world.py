"""A world with a PPKBD in desa A keeping a fund of ten members with a dues rule."""

import datetime as dt

from impsmart.funds import actions
from impsmart.funds.models import Fund, Kind
from impsmart.organization.models import Institution, Level
from tests.base import World

MEMBERS = ["Ani", "Bau", "Cica", "Dewi", "Eka", "Fitri", "Gusti", "Hasna", "Ina", "Jumi"]


def fund_objects(keeper, desa_code: str) -> dict[str, int]:
    """One object of each kind the funds routes take, by route name (for the route fuzz)."""
    owner = Institution.objects.create(
        code=f"PPKBD-{desa_code}", level=Level.PPKBD, name="PPKBD", region_code=desa_code
    )
    fund = actions.create_fund(
        actor=keeper,
        institution=owner,
        name="Kas",
        kind=Fund.Kind.ARISAN,
        treasurer_name="B",
        chair_name="K",
        dues_amount=1000,
    )
    members = [
        actions.add_member(actor=keeper, fund=fund, name=n, joined_on=dt.date(2026, 1, 1))
        for n in ("Ani", "Bau")
    ]
    entry = actions.record_entry(
        actor=keeper,
        fund=fund,
        kind=Kind.INCOME,
        amount=1000,
        date=dt.date(2026, 11, 1),
        purpose="x",
    )
    cycle = actions.create_cycle(
        actor=keeper, fund=fund, contribution=100, starts_on=dt.date(2026, 11, 1), members=members
    )
    count = actions.record_count(actor=keeper, fund=fund, date=dt.date(2026, 11, 2), counted=0)
    by_fund = ["detail", "member_add", "dues", "entry", "count", "statement", "cycle_create"]
    by_cycle = ["cycle", "commit", "draw", "contribute", "payout", "verify"]
    return {
        "funds:institution": owner.pk,
        "api:fund_ledger": fund.pk,
        "funds:card": members[0].pk,
        "funds:reverse": entry.pk,
        "funds:receipt": entry.pk,
        "funds:explain": count.pk,
        **{f"funds:{name}": fund.pk for name in by_fund},
        **{f"funds:{name}": cycle.pk for name in by_cycle},
    }


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
