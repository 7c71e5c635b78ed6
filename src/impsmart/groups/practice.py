"""Role 5 practice for the cadre's competence (``training.competence.practice``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from impsmart import dates
from impsmart.groups.models import Session
from impsmart.training.competence import practice


@practice(5)
def sessions_run(users: list[Any], day: dt.date) -> set[int]:
    """Role 5: she recorded a poktan session (BKB, BKR, BKL, UPPKA, PIK-R) in 12 months."""
    run = Session.objects.filter(
        created_by__in=users, date__gt=dates.add_months(day, -12), date__lte=day
    )
    return set(run.values_list("created_by_id", flat=True))
