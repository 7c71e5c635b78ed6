"""The shared world plus IMP institutions: a PPKBD in desa A and B, a Sub-PPKBD in dusun A1,
the kecamatan A body, a PPKBD in desa C, and last month's held meeting of desa A with two
open actions."""

import datetime as dt

from impsmart.accounts.audit import acting_as
from impsmart.meetings import actions
from impsmart.organization.models import Institution, Level
from tests.base import KABUPATEN, KECAMATAN_A, World

LAST_MONTH = dt.date(2026, 10, 12)
THIS_MONTH = dt.date(2026, 11, 12)  # before "today" (2026-11-18)


def institution(code: str, level: str, region_code: str, name: str) -> Institution:
    return Institution.objects.create(code=code, level=level, region_code=region_code, name=name)


class MeetingsWorld(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ppkbd_inst_a = institution("PPKBD-A", Level.PPKBD, cls.desa_a.code, "PPKBD Desa A")
        cls.ppkbd_inst_b = institution("PPKBD-B", Level.PPKBD, cls.desa_b.code, "PPKBD Desa B")
        cls.ppkbd_inst_c = institution("PPKBD-C", Level.PPKBD, cls.desa_c.code, "PPKBD Desa C")
        cls.kecamatan_inst = institution("KEC-A", Level.KECAMATAN, KECAMATAN_A, "Kader Kec A")
        cls.forum_inst = institution("FORUM", Level.FORUM, KABUPATEN, "Forum Kader Gowa")
        with acting_as(cls.ppkbd_a):
            cls.last = actions.schedule_meeting(
                actor=cls.ppkbd_a, institution=cls.ppkbd_inst_a, date=LAST_MONTH, place="Balai"
            )
            actions.add_attendance(
                actor=cls.ppkbd_a, meeting=cls.last, role="ppkbd", user=cls.ppkbd_a
            )
            cls.old_action = actions.raise_action(
                actor=cls.ppkbd_a,
                meeting=cls.last,
                problem="Stok kondom habis",
                owner_name="Ibu Ketua",
                due_on=dt.date(2026, 11, 5),
            )
            cls.old_action_2 = actions.raise_action(
                actor=cls.ppkbd_a,
                meeting=cls.last,
                problem="Register dusun belum diperbarui",
                owner_user=cls.sub_ppkbd_a,
                due_on=dt.date(2026, 11, 5),
            )
            actions.save_minutes(
                actor=cls.ppkbd_a, meeting=cls.last, minutes="Dibahas stok.", finalise=True
            )
