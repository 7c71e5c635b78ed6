"""The grading measures this app can read (``grading.provides``): board, decree, KIE, reports.

Each looks at the institution's own region (its code and the codes below it) over the twelve
months up to the day graded. KIE and reports read "no data" (None) while the kabupaten holds no
record of that kind at all, so a fresh installation does not mark every institution as lacking.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.db.models.functions import TruncMonth

from impsmart.counseling.models import KieSession
from impsmart.dates import months_back
from impsmart.organization.grading import kabupaten_of, provides
from impsmart.organization.models import COLLECTIVE_CORE, BoardSeat, Decree, Institution
from impsmart.reports.models import Report, Status

REPORT_FORM = "REKAP_PUS"
SENT = (Status.SUBMITTED, Status.VERIFIED, Status.APPROVED)


def window(day: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months up to ``day``: the first day of the earliest, and ``day``."""
    return months_back(day, 11)[0], day


def seats_on(institution: Institution, day: dt.date):
    """The tenures running on ``day``."""
    return BoardSeat.objects.filter(institution=institution, started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


@provides("board_seats")
def board_seats(institution: Institution, day: dt.date) -> int:
    return seats_on(institution, day).values("seat").distinct().count()


@provides("board_collective")
def board_collective(institution: Institution, day: dt.date) -> int:
    filled = set(seats_on(institution, day).values_list("seat", flat=True))
    return int(filled >= COLLECTIVE_CORE)


@provides("sk_signed")
def sk_signed(institution: Institution, day: dt.date) -> int:
    return int(Decree.objects.filter(institutions=institution, effective_on__lte=day).exists())


def _months(dates_: list[dt.date]) -> int:
    return len({(d.year, d.month) for d in dates_})


@provides("kie_months")
def kie_months(institution: Institution, day: dt.date) -> int | None:
    sessions = KieSession.objects.within(kabupaten_of(institution.region_code))
    if not sessions.exists():
        return None
    first, last = window(day)
    found = KieSession.objects.within(institution.region_code).filter(date__range=(first, last))
    return _months(list(found.values_list("date", flat=True)))


@provides("report_months")
def report_months(institution: Institution, day: dt.date) -> int | None:
    reports = Report.objects.filter(form=REPORT_FORM)
    if not reports.within(kabupaten_of(institution.region_code)).exists():
        return None
    first, last = window(day)
    sent = reports.filter(
        region_code=institution.region_code, status__in=SENT, month__range=(first, last)
    )
    return sent.annotate(m=TruncMonth("month")).values("m").distinct().count()
