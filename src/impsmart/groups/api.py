"""``GET /api/v1/groups?region=CODE``: the poktan in the caller's scope (contract rows)."""

from __future__ import annotations

from ninja import Query, Router, Schema

from impsmart import params
from impsmart.accounts.scope import get_visible
from impsmart.groups import summary
from impsmart.groups.models import Group
from impsmart.regions.models import Region

router = Router(tags=["groups"])


class GroupOut(Schema):
    code: str
    kind: str
    name: str
    region_code: str
    members: int
    eligible: int
    sessions_last_month: int


@router.get("", response=list[GroupOut])
def list_groups(request, region: str | None = Query(None, pattern=params.REGION_CODE.pattern)):
    """Groups in scope, optionally only those in ``region`` (404 when outside scope)."""
    groups = Group.objects.visible_to(request.auth)
    if region:
        groups = groups.within(get_visible(Region.objects, request.auth, code=region).code)
    return summary.rows(groups)
