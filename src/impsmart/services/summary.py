"""Service days as contract rows (``GET /api/v1/service-days``): the day and its counts.

The counts are of the invitations the user may count (``aggregatable_by``: the women of her
scope; a mitra, its facility's), so a desa cadre reads her desa's share of a kecamatan day,
as on the day's page. No names: the rows are safe for leaders too.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from impsmart.services.models import Invitation

COUNTS = {
    "invited": Count("pk"),
    "came": Count("pk", filter=Q(attended=True)),
    "methods_given": Count("pk", filter=~Q(method="")),
    "confirmed": Count("pk", filter=Q(confirmed_on__isnull=False)),
}


def day_rows(days: Any, user: Any) -> list[dict[str, Any]]:
    """One row per day of ``days`` (already scoped), latest first."""
    days = list(days.select_related("facility").order_by("-date", "-pk"))
    counted = {
        row.pop("service_day"): row
        for row in Invitation.objects.aggregatable_by(user)
        .filter(service_day__in=[d.pk for d in days])
        .values("service_day")
        .annotate(**COUNTS)
        .order_by()
    }
    empty = dict.fromkeys(COUNTS, 0)
    return [
        {
            "id": day.pk,
            "date": day.date,
            "place": day.place,
            "facility": day.facility.name,
            "region_code": day.region_code,
            **counted.get(day.pk, empty),
        }
        for day in days
    ]
