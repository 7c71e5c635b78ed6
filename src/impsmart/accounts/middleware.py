"""Per-request wiring: the audit actor and the Content-Security-Policy header."""

from django.conf import settings

from impsmart.accounts.audit import acting_as


class ActorMiddleware:
    """Every write during a request is audited as the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(request.user):
            return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
