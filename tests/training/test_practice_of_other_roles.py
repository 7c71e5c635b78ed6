"""Roles 2, 5 and 6 become "practising" from the meetings, poktan and funds a cadre keeps."""

from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.groups import actions as group_actions
from impsmart.groups.models import Session
from tests.funds.world import fund_objects
from tests.meetings.world import THIS_MONTH, MeetingsWorld


class PracticeOfOtherRolesTests(MeetingsWorld):
    def levels(self, username: str) -> list[str]:
        self.client.force_login(self.koordinator_a)
        rows = self.client.get(reverse("training:competence")).context["matrix"]
        return {cadre.username: levels for cadre, levels in rows}[username]

    def test_a_meeting_a_poktan_session_and_a_fund_make_roles_2_5_and_6_practised(self):
        # ppkbd_a attended last month's meeting, whose minutes are final (the world).
        self.assertEqual(self.levels("ppkbd_a")[1], "practising")
        self.assertEqual(self.levels("sub_ppkbd_a")[1], "none")
        self.assertEqual(self.levels("ppkbd_a")[4:], ["none", "none"])
        with acting_as(self.ppkbd_a):
            group = group_actions.create_group(
                actor=self.ppkbd_a, kind="BKB", region_code=self.desa_a.code, name="BKB Melati"
            )
            Session.objects.create(
                group=group, date=THIS_MONTH, topic="bkb_tumbuh_kembang", presenter_kind="kader",
                presenter_name="Kader", created_by=self.ppkbd_a,
            )  # fmt: skip
            fund_objects(self.ppkbd_a, self.desa_a.code)
        self.assertEqual(self.levels("ppkbd_a")[4:], ["practising", "practising"])
        self.assertEqual(self.levels("sub_ppkbd_a")[4:], ["none", "none"])
