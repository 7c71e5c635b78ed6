"""The ``meeting_months`` measure of the institution grades (``organization/grading.py``)."""

from __future__ import annotations

import datetime as dt

from django.db.models.functions import TruncMonth

from impsmart import dates
from impsmart.meetings.models import Meeting
from impsmart.organization import grading
from impsmart.organization.models import Institution


def window(day: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months up to ``day``'s month: first day of the earliest, and ``day`` itself."""
    return dates.months_back(day, 11)[0], day


@grading.provides("meeting_months")
def meeting_months(institution: Institution, day: dt.date) -> int | None:
    """Months of the last 12 with a held meeting whose minutes are final; None before any
    meeting is recorded anywhere (the system holds no such data yet)."""
    if not Meeting.objects.exists():
        return None
    start, end = window(day)
    return (
        Meeting.objects.filter(
            institution=institution, date__gte=start, date__lte=end, finalised_at__isnull=False
        )
        .annotate(month=TruncMonth("date"))
        .values("month")
        .distinct()
        .count()
    )
