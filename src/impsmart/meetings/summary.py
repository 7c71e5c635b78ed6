"""One row per meeting of a region and month: the shape of ``impsmart meetings`` and the API.

``[{"id", "institution", "date", "attendance", "actions_opened", "actions_closed"}]`` with
``institution`` the institution's code, ``attendance`` the number present, actions opened
(raised) and closed at that meeting.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, OuterRef, Subquery

from impsmart import dates
from impsmart.meetings.models import Action, Attendance


def _count(model, field: str):
    return Subquery(
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )


def month_rows(meetings, region_code: str, month: dt.date) -> list[dict]:
    """``meetings`` (already scoped) in ``region_code`` and below during ``month``."""
    found = (
        meetings.within(region_code)
        .filter(date__gte=month.replace(day=1), date__lte=dates.last_day(month))
        .annotate(
            people=_count(Attendance, "meeting"),
            opened=_count(Action, "meeting"),
            closed=_count(Action, "closed_in"),
        )
        .order_by("date", "institution__code", "pk")
        .values("pk", "institution__code", "date", "people", "opened", "closed")
    )
    return [
        {
            "id": row["pk"],
            "institution": row["institution__code"],
            "date": row["date"].isoformat(),
            "attendance": row["people"] or 0,
            "actions_opened": row["opened"] or 0,
            "actions_closed": row["closed"] or 0,
        }
        for row in found
    ]
