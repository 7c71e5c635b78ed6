"""``GET /api/v1/service-days?region=CODE``: the KB service days in the caller's scope."""

from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Schema

from impsmart import params
from impsmart.accounts.scope import get_visible
from impsmart.regions.models import Region
from impsmart.services import summary
from impsmart.services.models import ServiceDay

router = Router(tags=["services"])


class ServiceDayOut(Schema):
    id: int
    date: dt.date
    place: str
    facility: str
    region_code: str
    invited: int
    came: int
    methods_given: int
    confirmed: int


@router.get("", response=list[ServiceDayOut])
def list_service_days(
    request, region: str | None = Query(None, pattern=params.REGION_CODE.pattern)
):
    """Days the caller may see; with ``region`` (404 outside scope) those held in it, below
    it, or above it for it (a kecamatan day serves its desa)."""
    days = ServiceDay.objects.visible_to(request.auth)
    if region:
        days = days.serving([get_visible(Region.objects, request.auth, code=region).code])
    return summary.day_rows(days, request.auth)
