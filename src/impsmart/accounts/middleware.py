"""Per-request wiring: the audit actor, the password someone else chose, and the CSP header."""

from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from impsmart.accounts.audit import acting_as


class ActorMiddleware:
    """Every write during a request is audited as the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if isinstance(user, SimpleLazyObject):
            # The user herself, which every page reads (the next middleware first), instead
            # of the lazy object wrapping her: each attribute read through it is a proxy
            # call, some 1,800 over a cadre's five pages.
            request.user = user = get_user(request)
        with acting_as(user):
            return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """After a reset, every page leads to the password change until the user picks their own.

    Logout, static files and the language switch stay open; the API answers its own 403.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password and not _open(request.path):
            return redirect("accounts:password_change")
        return self.get_response(request)


def _open(path: str) -> bool:
    if path in (reverse("accounts:password_change"), reverse("accounts:logout")):
        return True
    prefixes = (settings.STATIC_URL, reverse("set_language"), reverse("api:api-root"))
    return path.startswith(prefixes)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
