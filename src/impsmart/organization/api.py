"""IMP institutions in the caller's scope, as ``impsmart institutions`` gives them."""

from __future__ import annotations

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from impsmart import dates, params
from impsmart.accounts.scope import get_visible
from impsmart.api.families import MAX_PAGE, Pages
from impsmart.organization import listing
from impsmart.organization.models import Institution
from impsmart.regions.models import Region

router = Router(tags=["institutions"])


class SeatOut(Schema):
    seat: str
    name: str
    since: str


class DecreeOut(Schema):
    number: str
    date: str


class InstitutionOut(Schema):
    code: str
    level: str
    name: str
    region_code: str
    grade: str | None
    board: list[SeatOut]
    sk: DecreeOut | None
    active: bool


@router.get("", response=list[InstitutionOut])
@paginate(Pages, max_limit=MAX_PAGE)
def list_institutions(
    request, region: str | None = Query(None, pattern=params.REGION_CODE.pattern)
):
    """Institutions in scope, optionally those in ``region`` (404 when outside scope)."""
    if not request.auth.may("view_institutions"):
        raise Http404
    found = Institution.objects.visible_to(request.auth)
    if region:
        found = found.within(get_visible(Region.objects, request.auth, code=region).code)
    return listing.rows(found, dates.today())
