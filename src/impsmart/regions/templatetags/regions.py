"""Regions as people read them: the name first, the Kemendagri code second and small."""

from django import template
from django.utils.html import format_html

from impsmart.regions.models import Region

register = template.Library()


def _region(value, context=None) -> Region | None:
    """The Region of ``value`` (a Region or a code). A page showing many items of a few
    regions (the visit list: ten items, one desa) looks each code up once per request."""
    if isinstance(value, Region):
        return value
    given = context.get("regions_shown") if context is not None else None
    # A page's regions looked up at once (``lookup.by_code``).
    if given is not None and value in given:
        return given[value]
    request = context.get("request") if context is not None else None
    known = getattr(request, "_regions_shown", None) if request is not None else None
    if known is not None and value in known:
        return known[value]
    found = Region.objects.select_related("parent").filter(code=value).first()
    if request is not None:
        if known is None:
            known = request._regions_shown = {}
        known[value] = found
    return found


def region(value, context=None) -> str:
    """A Region or a code as HTML: its name, then ``<small class="code">``."""
    found = _region(value, context)
    if found is None:
        return format_html('<small class="code">{}</small>', value)
    return format_html('{} <small class="code">{}</small>', found, found.code)


@register.simple_tag(takes_context=True, name="region")
def region_tag(context, value) -> str:
    """``{% region r %}``: ``region`` with the request's lookups remembered."""
    return region(value, context)


@register.filter
def region_name(value) -> str:
    """The region's name alone, where markup cannot go (``<option>``, ``<title>``)."""
    found = _region(value)
    return str(found) if found else value
