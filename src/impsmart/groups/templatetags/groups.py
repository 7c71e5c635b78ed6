"""``{% family_memberships family %}``: a family's poktan memberships on its page."""

from django import template

from impsmart.groups.models import Membership

register = template.Library()


@register.inclusion_tag("groups/_family_memberships.html")
def family_memberships(family) -> dict:
    found = Membership.objects.filter(family=family).select_related("group", "person")
    return {"memberships": found.order_by("ended_on", "group__kind")}
