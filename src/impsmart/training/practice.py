"""Practice evidence this app reads from the system: board seats, KIE and counselling, reports.

Each provider names the users (of those asked about) who practise a role in the 12 months up
to the day (see ``competence.practice``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from impsmart import dates
from impsmart.training.competence import practice

LOOKBACK_MONTHS = 12


def _since(day: dt.date) -> dt.date:
    return dates.add_months(day, -LOOKBACK_MONTHS)


@practice(1)
def board_seat(users: list[Any], day: dt.date) -> set[int]:
    """Role 1 (organising): a seat on an IMP institution's board, held on the day."""
    from impsmart.organization.models import BoardSeat

    seats = BoardSeat.objects.filter(user__in=users, started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day)
    )
    return set(seats.values_list("user_id", flat=True))


@practice(3)
def kie_and_counselling(users: list[Any], day: dt.date) -> set[int]:
    """Role 3: a KIE session recorded or a counselling given."""
    from impsmart.counseling.models import Counseling, KieSession

    since = _since(day)
    kie = KieSession.objects.filter(created_by__in=users, date__gt=since, date__lte=day)
    counselled = Counseling.objects.filter(counselor__in=users, date__gt=since, date__lte=day)
    return set(kie.values_list("created_by_id", flat=True)) | set(
        counselled.values_list("counselor_id", flat=True)
    )


@practice(4)
def reports_on_time(users: list[Any], day: dt.date) -> set[int]:
    """Role 4: a monthly report the cadre sent by its due date."""
    from impsmart.reports import calendar
    from impsmart.reports.models import Report

    sent = Report.objects.filter(
        submitted_by__in=users, month__gt=_since(day), month__lte=day, submitted_at__isnull=False
    )
    days_by_kabupaten: dict[str, dict[str, int]] = {}
    on_time = set()
    for report in sent:
        kabupaten = ".".join(report.region_code.split(".")[:2])
        if kabupaten not in days_by_kabupaten:
            days_by_kabupaten[kabupaten] = calendar.due_days(report.region_code)
        if calendar.submitted_on_time(report, days_by_kabupaten[kabupaten]):
            on_time.add(report.submitted_by_id)
    return on_time
