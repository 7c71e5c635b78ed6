"""Region pages (kabupaten → kecamatan → desa → dusun → RW → RT) and their map data."""

from django.contrib import messages
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.regions import actions
from impsmart.regions.forms import LocalRegionForm
from impsmart.regions.models import LOCAL_LEVELS, Level, Region


def _own(user):
    return Region.objects.visible_to(user).filter(code__in=user.scope_codes).order_by("code")


def home_own_regions(user) -> dict:
    """The home page's list of one's own regions (wilayah kerja)."""
    return {"own_regions": _own(user)}


def home_children(user) -> dict:
    """The home page's list of the regions right below one's own."""
    children = Region.objects.visible_to(user).filter(parent__in=_own(user))
    return {"children": children.annotate(n_children=Count("children")).order_by("code")}


@permission_required("view_regions")
def region_index(request):
    """The user's own region: a PKB with several desa sees their common parent's list."""
    codes = request.user.scope_codes
    if len(codes) == 1:
        return redirect("regions:detail", code=codes[0])
    regions = Region.objects.visible_to(request.user).filter(code__in=codes)
    return render(request, "regions/region_list.html", {"regions": regions})


@permission_required("view_regions")
def region_detail(request, code):
    region = get_visible(Region.objects, request.user, code=code)
    children = region.children.visible_to(request.user).order_by("code")
    context = {
        "region": region,
        "ancestors": region.ancestors(),
        "children": children,
        "has_map": region.boundary is not None or any(c.boundary for c in children),
        "can_add_child": region.child_level in LOCAL_LEVELS and request.user.may("manage_regions"),
        "child_level_label": Level(region.child_level).label if region.child_level else "",
    }
    return render(request, "regions/region_detail.html", context)


@permission_required("view_regions")
def region_geojson(request, code):
    """The region's children as GeoJSON features (its own outline when it has none)."""
    region = get_visible(Region.objects, request.user, code=code)
    shapes = [c for c in region.children.visible_to(request.user) if c.boundary] or [region]
    features = [
        {
            "type": "Feature",
            "geometry": r.boundary,
            "properties": {"code": r.code, "name": str(r), "url": f"/wilayah/{r.code}/"},
        }
        for r in shapes
        if r.boundary
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_POST
@permission_required("manage_regions")
def add_child(request, code):
    parent = get_visible(Region.objects, request.user, code=code)
    form = LocalRegionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["name"]))
        return redirect("regions:detail", code=parent.code)
    try:
        child = actions.add_local_region(
            actor=request.user, parent=parent, name=form.cleaned_data["name"]
        )
    except actions.RegionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{child} ditambahkan dengan kode {child.code}.")
    return redirect("regions:detail", code=parent.code)
