"""Addresses reversed once per process.

``reverse`` costs 50–75 µs: a page that linked each of its menu entries or each action of
each row reversed dozens per request (a family page with five members, sixty). The address
of a named route is fixed once the URLconf is loaded, and that of a route taking an id
differs between rows only by the id: it is reversed once with a marker in the id's place.
The templates' ``{% url %}`` keeps each address it reverses from text and numbers
(``address``, ``url_tag.py``): every page's layout and links reversed a dozen or more.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse

_MARKER = 2_147_483_647  # an id no row has, replaced by the row's


def fixed(url_name: str) -> str:
    """``reverse(url_name)``."""
    return _address(url_name, (), (), None, get_script_prefix())


def pk_url(url_name: str, pk: Any, *rest: str) -> str:
    """``reverse(url_name, args=[pk, *rest])`` for a route whose first argument is an id and
    whose other arguments (``rest``) are the same for many rows."""
    if not isinstance(pk, int) or isinstance(pk, bool):
        return reverse(url_name, args=[pk, *rest])  # its errors, as the url tag would give
    head, tail = _around_pk(url_name, rest, get_script_prefix())
    return f"{head}{pk}{tail}"


def address(view_name: str, args: tuple, kwargs: tuple, current_app: str | None) -> str:
    """``reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)``, kept
    for text and number arguments (an address of other objects is reversed each time)."""
    if all(type(value) in (str, int) for value in (*args, *(v for _k, v in kwargs))):
        return _address(view_name, args, kwargs, current_app, get_script_prefix())
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


@lru_cache(maxsize=4096)
def _address(
    view_name: str, args: tuple, kwargs: tuple, current_app: str | None, _script_prefix: str
) -> str:
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


@lru_cache(maxsize=1024)
def _around_pk(url_name: str, rest: tuple[str, ...], _script_prefix: str) -> tuple[str, str]:
    head, tail = reverse(url_name, args=[_MARKER, *rest]).split(str(_MARKER))
    return head, tail


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting in ("INSTALLED_APPS", "ROOT_URLCONF"):
        _around_pk.cache_clear()
        _address.cache_clear()
