"""Register codes in words on the pages: statuses, methods and method types."""

from django import template

from impsmart.families import codes

register = template.Library()


@register.filter
def status_label(status: str) -> str:
    return codes.status_label(status)


@register.filter
def method_type_label(method_type: str) -> str:
    if method_type in codes.MethodType.values:
        return codes.MethodType(method_type).label
    return method_type
