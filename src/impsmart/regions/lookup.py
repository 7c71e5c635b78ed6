"""A region in the user's scope with its parent, ancestors and children, read by queries
compiled once per user and region (``impsmart.compiled``): building them with the ORM cost
a region's page about 1.5 ms per request, several times running them.

The rows become ``Region`` instances as the ORM's own do (``Model.from_db``): the region with
its parent (``select_related``), each child with the region as its parent (as the reverse
relation's manager gives them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from impsmart import compiled
from impsmart.regions.models import Region

FIELDS = compiled.fields_of(Region)
PARENT = Region._meta.get_field("parent")


@dataclass
class Frame:
    region: Region
    ancestors: list[Region]  # from the province down to the parent (``Region.ancestors``)
    children: list[Region]  # those in the user's scope, by code


WITH_PARENT = compiled.fields_with(Region, "parent")


def _with_parent(using: str, row: tuple) -> Region:
    """A row of ``WITH_PARENT`` as a Region with its parent (``select_related``)."""
    return compiled.instance_with(using, Region, "parent", row)


def _queries(user: Any, code: str) -> dict[str, QuerySet]:
    visible = Region.objects.visible_to(user)
    segments = code.split(".")
    above = [".".join(segments[:i]) for i in range(1, len(segments))]
    return {
        "region": visible.filter(code=code).values_list(*WITH_PARENT),
        "ancestors": Region.objects.filter(code__in=above).order_by("code").values_list(*FIELDS),
        "children": visible.filter(parent_id=code).order_by("code").values_list(*FIELDS),
    }


def frame(user: Any, code: str) -> Frame:
    """The region ``code`` with its parent, ancestors and children; 404 outside the user's
    scope (as ``get_visible``)."""
    queries = compiled.queries(_queries, user, code)
    using = queries["region"].using
    found = queries["region"].rows()
    if not found:
        raise Http404("No Region matches the given query.")  # as get_object_or_404
    region = _with_parent(using, found[0])
    ancestors = [compiled.instance(using, Region, r) for r in queries["ancestors"].rows()]
    children = [compiled.instance(using, Region, r) for r in queries["children"].rows()]
    for child in children:
        PARENT.set_cached_value(child, region)
    return Frame(region, ancestors, children)


def _of_levels(user: Any, levels: tuple[str, ...]) -> dict[str, QuerySet]:
    regions = Region.objects.visible_to(user).filter(level__in=levels).order_by("code")
    return {"regions": regions.values_list(*WITH_PARENT)}


def _by_code(user: Any) -> dict[str, QuerySet]:
    regions = Region.objects.visible_to(user).filter(code__in=[compiled.IDS])
    return {"regions": regions.values_list(*WITH_PARENT)}


def of_levels(user: Any, levels: tuple[str, ...]) -> list[Region]:
    """The regions of ``levels`` in the user's scope, by code, each with its parent."""
    query = compiled.queries(_of_levels, user, levels)["regions"]
    return [_with_parent(query.using, row) for row in query.rows()]


def by_code(user: Any, codes: set[str]) -> dict[str, Region]:
    """{code: region with its parent} of ``codes`` in the user's scope."""
    query = compiled.queries(_by_code, user)["regions"]
    regions = (_with_parent(query.using, row) for row in query.rows(ids=sorted(codes)))
    return {region.code: region for region in regions}
