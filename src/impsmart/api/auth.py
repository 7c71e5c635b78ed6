"""Bearer-token authentication for the JSON API."""

from django.utils import timezone
from ninja.security import HttpBearer

from impsmart.accounts.audit import set_actor
from impsmart.accounts.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.hash(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        set_actor(found.user)
        return found.user
