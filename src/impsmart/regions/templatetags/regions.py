"""Regions as people read them: the name first, the Kemendagri code second and small."""

from django import template
from django.utils.html import format_html

from impsmart.regions.models import Region

register = template.Library()


def _region(value) -> Region | None:
    if isinstance(value, Region):
        return value
    return Region.objects.select_related("parent").filter(code=value).first()


@register.simple_tag
def region(value) -> str:
    """``{% region r %}`` (a Region or a code): its name, then ``<small class="code">``."""
    found = _region(value)
    if found is None:
        return format_html('<small class="code">{}</small>', value)
    return format_html('{} <small class="code">{}</small>', found, found.code)


@register.filter
def region_name(value) -> str:
    """The region's name alone, where markup cannot go (``<option>``, ``<title>``)."""
    found = _region(value)
    return str(found) if found else value
