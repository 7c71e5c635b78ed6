"""Target maps (pemetaan): a choropleth page per region, its GeoJSON and family points."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.dashboard import maps
from impsmart.dashboard.figures import child_figures
from impsmart.regions.models import Region


def _choice(request) -> tuple[maps.Indicator, dt.date]:
    """The chosen indicator and month (by default the latest complete month)."""
    key = params.choice(request.GET, "indikator", maps.DEFAULT_INDICATOR, maps.INDICATORS)
    return maps.INDICATORS[key], params.month(request.GET, "bulan", dates.latest_complete_month())


def _query(indicator: maps.Indicator, day: dt.date) -> str:
    return urlencode({"indikator": indicator.key, "bulan": f"{day:%Y-%m}"})


def _map_url(name: str, code: str, query: str) -> str:
    return f"{reverse(name, args=[code])}?{query}"


@permission_required("view_aggregates")
def map_index(request):
    """The map of the user's own (primary) region."""
    if not request.user.region_code:
        raise Http404
    return redirect("dashboard:map", code=request.user.region_code)


@permission_required("view_aggregates")
def region_map(request, code):
    region = get_visible(Region.objects, request.user, code=code)
    indicator, day = _choice(request)
    query = _query(indicator, day)
    table = child_figures(request.user, region, day)
    ancestors = region.ancestors()
    linked = set(
        Region.objects.visible_to(request.user)
        .filter(code__in=[a.code for a in ancestors])
        .values_list("code", flat=True)
    )
    with_points = maps.shows_points(request.user, region)
    points_total = 0
    if with_points:
        points_total = maps.geotagged_families(request.user, region, day).count()
    context = {
        "region": region,
        "ancestors": [(a, a.code in linked) for a in ancestors if a.level != "provinsi"],
        "table": table,
        "indicator": indicator,
        "indicators": maps.INDICATORS.values(),
        "month": f"{day:%Y-%m}",
        "query": query,
        "has_map": bool(maps.choropleth_shapes(table)) or with_points,
        "data_url": _map_url("dashboard:map_data", region.code, query),
        "points_url": _map_url("dashboard:map_points", region.code, query) if with_points else "",
        "points_total": points_total,
        "point_cap": maps.POINT_CAP,
    }
    return render(request, "dashboard/map.html", context)


@permission_required("view_aggregates")
def map_data(request, code):
    """The children's boundaries with the chosen indicator's value, class and legend."""
    region = get_visible(Region.objects, request.user, code=code)
    indicator, day = _choice(request)
    query = _query(indicator, day)
    table = child_figures(request.user, region, day)
    collection = maps.choropleth(
        table, indicator, lambda child: _map_url("dashboard:map", child, query)
    )
    collection["month"] = f"{day:%Y-%m}"
    return JsonResponse(collection)


@permission_required("view_aggregates")
def map_points(request, code):
    """Geotagged families of a desa (or below) as points: personal data, so 404 for others."""
    region = get_visible(Region.objects, request.user, code=code)
    if not maps.shows_points(request.user, region):
        raise Http404
    _, day = _choice(request)
    collection = maps.points(request.user, region, day)
    collection["cap"] = maps.POINT_CAP
    return JsonResponse(collection)
