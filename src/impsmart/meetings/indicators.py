"""F/I/Dal section II, the desa's KB coordination meetings, as a report indicator.

``rakor_desa``: meetings held in the month by a PPKBD (the desa's KB coordination forum),
counted in the region the meeting is registered in.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count

from impsmart.meetings.models import Meeting
from impsmart.organization.models import Level
from impsmart.reports.indicators import Frame, Indicator, Tallies, child_code, from_group, register


def _meeting_tallies(frame: Frame) -> Tallies:
    rows = (
        Meeting.objects.within(frame.region_code)
        .filter(institution__level=Level.PPKBD, date__gte=frame.first_day, date__lte=frame.day)
        .annotate(child=frame.child("region_code"))
        .order_by()
        .values("child")
        .annotate(rakor_desa=Count("pk"))
    )
    return {child_code(row.pop("child")): Counter(row) for row in rows}


register(Indicator("rakor_desa", counts=from_group(_meeting_tallies, "rakor_desa")))
