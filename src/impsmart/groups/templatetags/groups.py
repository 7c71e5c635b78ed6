"""``{% family_memberships family %}``: a family's poktan memberships on its page."""

from types import SimpleNamespace
from typing import Any

from django import template

from impsmart import compiled
from impsmart.groups.models import Membership

register = template.Library()
FIELDS = ("group_id", "group__kind", "group__name", "person__name", "started_on", "ended_on")
NAMES = ("group_id", "kind", "group_name", "person_name", "started_on", "ended_on")


def _memberships(user: Any) -> dict:
    found = Membership.objects.filter(family_id=compiled.SLOT)
    return {"memberships": found.order_by("ended_on", "group__kind").values_list(*FIELDS)}


@register.inclusion_tag("groups/_family_memberships.html")
def family_memberships(family) -> dict:
    """Read by a query compiled once per process (the family's id given when it runs): the
    ORM built it anew on every family page, a tenth of the page."""
    query = compiled.queries(_memberships, None)["memberships"]
    rows = query.rows(slot=family.pk)
    return {"memberships": [SimpleNamespace(**dict(zip(NAMES, row, strict=True))) for row in rows]}
