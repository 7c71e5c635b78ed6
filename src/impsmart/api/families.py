"""Families in the caller's scope, with their members and each wife's current status."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from impsmart import dates, params
from impsmart.accounts.scope import get_visible
from impsmart.families import status
from impsmart.families.models import Family
from impsmart.regions.models import Region

router = Router(tags=["families"])
MAX_PAGE = 500


class Pages(LimitOffsetPagination):
    """Limit and offset within what the database can count (no 64-bit overflow: 422)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=params.MAX_INT)
        offset: int = Field(0, ge=0, le=params.MAX_INT)


class FamilyItem(Schema):
    id: int
    region_code: str
    kk_number: str
    address: str
    member_count: int
    ks_stage: str


class MemberOut(Schema):
    id: int
    nik: str
    name: str
    sex: str
    birth_date: dt.date
    relation: str
    marital_status: str
    spouse_id: int | None
    left_on: dt.date | None
    # The PUS status today (method code, H, IAS/IAT/TIAL or ?); null when not a PUS.
    status: str | None = None


class FamilyOut(Schema):
    id: int
    region_code: str
    kk_number: str
    address: str
    lat: float | None
    lng: float | None
    jkn: bool | None
    ks_stage: str
    registered_on: dt.date
    members: list[MemberOut]


def _families(user):
    """Families the caller may see; 404 for roles without personal data (as out of scope)."""
    if not user.may("view_personal"):
        raise Http404
    return Family.objects.visible_to(user)


@router.get("", response=list[FamilyItem])
@paginate(Pages, max_limit=MAX_PAGE)
def list_families(request, region: str | None = Query(None, pattern=params.REGION_CODE.pattern)):
    """Families in scope, optionally only those in ``region`` (404 when outside scope)."""
    families = _families(request.auth)
    if region:
        families = families.within(get_visible(Region.objects, request.auth, code=region).code)
    return families.annotate(
        member_count=Count("members", filter=Q(members__left_on__isnull=True))
    ).order_by("region_code", "kk_number", "pk")


@router.get("/{family_id}", response=FamilyOut)
def family(request, family_id: int = Path(..., ge=1, le=params.MAX_INT)):
    found = get_visible(_families(request.auth), request.auth, pk=family_id)
    members = list(found.members.order_by("birth_date", "pk"))
    statuses = status.statuses_of_family(request.auth, found.pk, dates.today())
    for member in members:
        member.status = statuses.get(member.pk)
    data = {name: getattr(found, name) for name in FamilyOut.model_fields if name != "members"}
    return {**data, "members": members}
