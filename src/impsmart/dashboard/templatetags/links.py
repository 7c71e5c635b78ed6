"""``{% pk_url 'app:route' obj.pk 'slug' %}``: the url tag for links repeated per row.

The same address as ``{% url %}``, from ``impsmart.links.pk_url`` (reversed once per
process and route) instead of ``reverse`` on every row.
"""

from django import template

from impsmart import links

register = template.Library()


@register.simple_tag
def pk_url(url_name: str, pk, *rest: str) -> str:
    return links.pk_url(url_name, pk, *rest)
