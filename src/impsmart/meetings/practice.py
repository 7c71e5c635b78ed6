"""Role 2 practice for the cadre's competence (``training.competence.practice``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from impsmart import dates
from impsmart.meetings.models import Meeting
from impsmart.training.competence import practice


@practice(2)
def meetings_held(users: list[Any], day: dt.date) -> set[int]:
    """Role 2: she took part in (or recorded) a meeting with finalised minutes in 12 months."""
    held = Meeting.objects.filter(
        date__gt=dates.add_months(day, -12), date__lte=day, finalised_at__isnull=False
    )
    took_part = held.filter(Q(attendance__user__in=users) | Q(created_by__in=users))
    ids = set(took_part.values_list("attendance__user_id", flat=True))
    ids |= set(took_part.values_list("created_by_id", flat=True))
    return ids & {user.pk for user in users}
