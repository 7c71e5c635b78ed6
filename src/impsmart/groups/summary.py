"""The contract rows of ``impsmart groups`` and ``GET /api/v1/groups``, one query per count."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from impsmart import dates
from impsmart.groups import eligibility
from impsmart.groups.models import Group


def rows(groups: QuerySet[Group]) -> list[dict]:
    """``[{"code","kind","name","region_code","members","eligible","sessions_last_month"}]``.

    ``members`` hold today; ``eligible`` counts the group's rule today; sessions of the last
    complete month.
    """
    today = dates.today()
    first, last = dates.months_back(today, 1)
    active = Q(memberships__started_on__lte=today) & (
        Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=today)
    )
    members = dict(groups.annotate(n=Count("memberships", filter=active)).values_list("pk", "n"))
    sessions = dict(
        groups.annotate(
            n=Count("sessions", filter=Q(sessions__date__gte=first, sessions__date__lte=last))
        ).values_list("pk", "n")
    )
    return [
        {
            "code": g.code,
            "kind": g.kind,
            "name": g.name,
            "region_code": g.region_code,
            "members": members[g.pk],
            "eligible": eligibility.eligible_count(g, today),
            "sessions_last_month": sessions[g.pk],
        }
        for g in groups.order_by("region_code", "kind", "code")
    ]
