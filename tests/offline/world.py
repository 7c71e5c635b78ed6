"""Desa A with everything a cadre records offline: couples, a BKB with a member, a Puskesmas,
the PPKBD's meeting held this month and its iuran fund; desa C has its own couple."""

import datetime as dt

from impsmart.accounts.audit import acting_as
from impsmart.counseling.models import Facility
from impsmart.funds import actions as funds
from impsmart.funds.models import Fund
from impsmart.groups import actions as groups
from impsmart.meetings import actions as meetings
from impsmart.organization.models import Institution, Level
from tests.base import KECAMATAN_A
from tests.groups.world import GroupWorld

THIS_MONTH = dt.date(2026, 11, 12)


class OfflineWorld(GroupWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.puskesmas = Facility.objects.create(
            name="Puskesmas Bontomarannu", kind="puskesmas", region_code=KECAMATAN_A
        )
        cls.institution = Institution.objects.create(
            code="PPKBD-A", level=Level.PPKBD, name="PPKBD Desa A", region_code=cls.desa_a.code
        )
        with acting_as(cls.ppkbd_a):
            cls.meeting = meetings.schedule_meeting(
                actor=cls.ppkbd_a, institution=cls.institution, date=THIS_MONTH, place="Balai"
            )
            cls.membership = groups.enrol(
                actor=cls.ppkbd_a, group=cls.bkb, family=cls.family_a,
                started_on=dt.date(2026, 1, 1),
            )  # fmt: skip
            cls.fund = funds.create_fund(
                actor=cls.ppkbd_a, institution=cls.institution, name="Iuran PPKBD A",
                kind=Fund.Kind.IURAN, treasurer_name="B", chair_name="K", dues_amount=2000,
            )  # fmt: skip
            cls.fund_member = funds.add_member(
                actor=cls.ppkbd_a, fund=cls.fund, name="Ani", joined_on=dt.date(2026, 1, 1)
            )
