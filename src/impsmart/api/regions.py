"""Regions in the caller's scope."""

from ninja import Path, Query, Router, Schema

from impsmart import params
from impsmart.accounts.scope import get_visible
from impsmart.regions.models import Region

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    kind: str
    parent_id: str | None


@router.get("", response=list[RegionOut])
def list_regions(request, parent: str | None = Query(None, pattern=params.REGION_CODE.pattern)):
    """Direct children of ``parent`` (default: the caller's own regions)."""
    regions = Region.objects.visible_to(request.auth)
    if parent:
        return regions.filter(parent=get_visible(Region.objects, request.auth, code=parent))
    return regions.filter(code__in=request.auth.scope_codes)


@router.get("/{code}", response=RegionOut)
def region(request, code: str = Path(..., pattern=params.REGION_CODE.pattern)):
    return get_visible(Region.objects, request.auth, code=code)
