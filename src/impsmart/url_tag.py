"""``{% url %}`` with its addresses kept (``links.address``), a builtin of every template.

The layout alone reverses four addresses a page and a family page dozens, at 50–75 µs each;
the address of a route and its text or number arguments does not change while the process
runs. Parsed by Django's own tag; ``{% url … as name %}`` and other arguments render as
Django renders them.
"""

from __future__ import annotations

from django import template
from django.template import defaulttags
from django.utils.html import conditional_escape

from impsmart import links

register = template.Library()


def _current_app(context) -> str | None:
    """The application namespace Django's tag reverses in (``URLNode.render``)."""
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


class KeptURLNode(defaulttags.URLNode):
    def render(self, context) -> str:
        if self.asvar:
            return super().render(context)
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((k, v.resolve(context)) for k, v in self.kwargs.items())
        url = links.address(self.view_name.resolve(context), args, kwargs, _current_app(context))
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token) -> KeptURLNode:
    node = defaulttags.url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
