"""``meeting_months``: months of the last 12 with a final-minuted meeting, counted anew."""

import datetime as dt

from django.utils import timezone

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.meetings.models import Meeting
from impsmart.organization import grading
from impsmart.organization.models import Institution, Level
from tests.base import World

DAY = dt.date(2026, 11, 18)


class MeetingMonthsTests(World):
    def test_no_meetings_anywhere_is_no_data(self):
        inst = Institution.objects.create(
            code="P", level=Level.PPKBD, region_code=self.desa_a.code, name="P"
        )
        self.assertIsNone(grading.measure("meeting_months", inst, DAY))

    def test_counts_months_against_an_independent_count(self):
        inst = Institution.objects.create(
            code="P", level=Level.PPKBD, region_code=self.desa_a.code, name="P"
        )
        other = Institution.objects.create(
            code="Q", level=Level.PPKBD, region_code=self.desa_b.code, name="Q"
        )
        final = timezone.now()
        days = [
            (dt.date(2025, 11, 30), True),  # 12 months back + 1: outside
            (dt.date(2025, 12, 1), True),
            (dt.date(2026, 3, 5), True),
            (dt.date(2026, 3, 25), True),  # same month again
            (dt.date(2026, 6, 5), False),  # no final minutes
            (dt.date(2026, 11, 10), True),
            (dt.date(2026, 11, 25), True),  # after the day graded
        ]
        user = User.objects.get(username="ppkbd_a")
        for day, done in days:
            Meeting.objects.create(
                institution=inst,
                region_code=inst.region_code,
                date=day,
                place="B",
                created_by=user,
                finalised_at=final if done else None,
            )
        Meeting.objects.create(
            institution=other,
            region_code=other.region_code,
            place="B",
            date=dt.date(2026, 4, 1),
            created_by=user,
            finalised_at=final,
        )
        start = dates.add_months(DAY, -11)
        expected = len({(d.year, d.month) for d, done in days if done and start <= d <= DAY})
        self.assertEqual(expected, 3)
        self.assertEqual(grading.measure("meeting_months", inst, DAY), expected)
