"""A write that waited out SQLite's busy timeout answers 503 "try again", not a server error.

Writes queue for SQLite's single write lock (``OPTIONS["timeout"]`` in settings); only when a
lock outlasts that wait does the request fail. The page then keeps what the user typed: it
posts the same fields again, with a fresh CSRF token, from a "Kirim lagi" button.
"""

from __future__ import annotations

import logging

from django.db import OperationalError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
RETRY_AFTER = "5"  # seconds


def is_locked(error: Exception) -> bool:
    """SQLite gave up waiting for another connection's lock."""
    return (
        isinstance(error, OperationalError)
        and connection.vendor == "sqlite"
        and "is locked" in str(error)
    )


def _fields(request) -> list[tuple[str, str]]:
    if request.method != "POST":
        return []
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_locked(exception):
            return None
        logger.warning("database busy: %s %s", request.method, request.path)
        message = _("Sistem sedang sibuk, coba lagi sebentar lagi.")
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=503)
        else:
            context = {
                "message": message,
                "fields": _fields(request),
                "files_lost": bool(request.FILES),
                "again": request.get_full_path(),
            }
            response = render(request, "busy.html", context, status=503)
        response["Retry-After"] = RETRY_AFTER
        return response
