"""``GET /api/v1/scorecard?region=CODE`` and ``GET /api/v1/trends?region=CODE``: the CLI's
contracts for a region in the caller's scope (404 outside it or without aggregates)."""

from __future__ import annotations

from django.http import Http404
from ninja import Query, Router

from impsmart import dates, params
from impsmart.accounts.scope import get_visible
from impsmart.monitoring import scorecard, trends
from impsmart.regions.models import Region

scorecard_router = Router(tags=["monitoring"])
trends_router = Router(tags=["monitoring"])


def _region(request, code: str) -> Region:
    """The region asked for, or without one the caller's own region."""
    if not request.auth.may("view_aggregates"):
        raise Http404
    return get_visible(Region.objects, request.auth, code=code or request.auth.region_code)


@scorecard_router.get("")
def get_scorecard(request, region: str = Query("", pattern=params.REGION_CODE.pattern)):
    """The replication scorecard of the latest complete month."""
    card = scorecard.scorecard(_region(request, region), dates.latest_complete_month())
    return scorecard.contract(card)


@trends_router.get("")
def get_trends(
    request,
    region: str = Query("", pattern=params.REGION_CODE.pattern),
    months: int = Query(trends.MONTHS, ge=1, le=60),
):
    """Every outcome per month, the latest complete month last."""
    code = _region(request, region).code
    return trends.contract(code, trends.months_ending(dates.latest_complete_month(), months))
