"""The organisation grading measure ``poktan_active``: resilience groups meeting lately.

Counts the BKB, BKR and BKL groups in the institution's region with a session in the last three
months up to the day graded; ``None`` when the region holds no such groups at all.
"""

from __future__ import annotations

import datetime as dt

from impsmart.dates import add_months
from impsmart.groups.models import RESILIENCE_KINDS, Group
from impsmart.organization import grading

ACTIVE_MONTHS = 3


@grading.provides("poktan_active")
def poktan_active(institution, day: dt.date) -> int | None:
    groups = Group.objects.within(institution.region_code).filter(kind__in=RESILIENCE_KINDS)
    if not groups.exists():
        return None
    since = add_months(day, -(ACTIVE_MONTHS - 1))
    met = groups.filter(sessions__date__gte=since, sessions__date__lte=day)
    return met.distinct().count()
