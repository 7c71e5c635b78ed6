"""Bearer-token authentication for the JSON API."""

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from impsmart.accounts.audit import set_actor
from impsmart.accounts.models import ApiToken, User


def refuse_until_password_changed(user: User) -> None:
    """A user with a temporary password (a reset) first picks their own on the web."""
    if user.must_change_password:
        raise HttpError(
            403,
            _(
                "Kata sandi Anda harus diganti dulu: masuk ke aplikasi web, "
                "buka Ganti kata sandi, lalu minta token baru."
            ),
        )


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.alive()
            .select_related("user")
            .filter(digest=ApiToken.hash(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        refuse_until_password_changed(found.user)
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        set_actor(found.user)
        return found.user
