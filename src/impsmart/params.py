"""Parameters that views read outside forms (``?bulan=``, ``?page=``, a POSTed ``next``).

One place parses them, so a malformed value answers 400 saying which parameter and how to
write it (``BadParameterMiddleware``) instead of a 500 from deeper down. A missing or empty
value gives the default. Every reader takes the ``QueryDict`` (``request.GET`` or
``request.POST``) and the parameter's name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import BadRequest
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from impsmart.dates import parse_month

MAX_TEXT = 200
# A return reason, a "next" address.
LONG_TEXT = 2000
# Kemendagri codes (73.06.06.2001) and the local dusun/RW/RT codes below them; anchored for
# the API's schemas too.
REGION_CODE = re.compile(r"^\d{2}(\.\d{1,4}){0,6}$")
MAX_INT = 10**9


class BadParameter(BadRequest):
    """A parameter that cannot be read; ``hint`` says how to write it."""

    def __init__(self, name: str, hint: str):
        self.name = name
        self.hint = hint
        super().__init__(
            _("Parameter '%(name)s' tidak sah: %(hint)s") % {"name": name, "hint": hint}
        )


def text(query: QueryDict, name: str, default: str = "", max_length: int = MAX_TEXT) -> str:
    """Free text: at most ``max_length`` characters, no NUL (PostgreSQL refuses it)."""
    value = query.get(name, "")
    if not value:
        return default
    if "\x00" in value or len(value) > max_length:
        raise BadParameter(
            name, _("teks tanpa karakter NUL, paling panjang %(n)s huruf.") % {"n": max_length}
        )
    return value


def region_code(query: QueryDict, name: str, default: str = "") -> str:
    value = query.get(name, "")
    if not value:
        return default
    if not REGION_CODE.fullmatch(value):
        raise BadParameter(name, _("tulis kode wilayah, mis. 73.06.06."))
    return value


def month(query: QueryDict, name: str, default: dt.date) -> dt.date:
    """``YYYY-MM`` to the month's last day (``dates.parse_month``)."""
    value = query.get(name, "")
    if not value:
        return default
    try:
        return parse_month(value)
    except ValueError:
        raise BadParameter(name, _("tulis TTTT-BB, mis. 2026-10.")) from None


def integer(
    query: QueryDict, name: str, default: int, minimum: int = 0, maximum: int = MAX_INT
) -> int:
    """A whole number from ``minimum`` (0 or more) to ``maximum``: no sign, no 64-bit overflow."""
    value = query.get(name, "")
    if not value:
        return default
    if value.isascii() and value.isdigit() and len(value) <= len(str(maximum)):
        number = int(value)
        if minimum <= number <= maximum:
            return number
    hint = _("tulis bilangan bulat %(min)s sampai %(max)s.") % {"min": minimum, "max": maximum}
    raise BadParameter(name, hint)


def choice(query: QueryDict, name: str, default: str, choices: Iterable[str]) -> str:
    value = query.get(name, "")
    if not value:
        return default
    allowed = list(choices)
    if value not in allowed:
        raise BadParameter(
            name, _("pilih salah satu dari %(list)s.") % {"list": ", ".join(allowed)}
        )
    return value


class BadParameterMiddleware:
    """Answers ``BadParameter`` with 400: JSON for .json/.geojson, a fragment for htmx."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, BadParameter):
            return None
        message = str(exception)
        if request.path.endswith((".json", ".geojson")):
            return JsonResponse({"error": message, "parameter": exception.name}, status=400)
        if request.headers.get("HX-Request"):
            return render(request, "_bad_parameter.html", {"message": message}, status=400)
        return render(request, "bad_parameter.html", {"message": message}, status=400)
