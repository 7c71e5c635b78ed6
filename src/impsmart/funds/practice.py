"""Role 6 practice for the cadre's competence (``training.competence.practice``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from impsmart import dates
from impsmart.funds.models import LedgerEntry
from impsmart.training.competence import practice


@practice(6)
def funds_kept(users: list[Any], day: dt.date) -> set[int]:
    """Role 6: she entered dues, arisan or cash entries of a group fund in 12 months."""
    kept = LedgerEntry.objects.filter(
        by__in=users, date__gt=dates.add_months(day, -12), date__lte=day
    )
    return set(kept.values_list("by_id", flat=True))
