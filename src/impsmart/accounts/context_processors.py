"""Template access to the signed-in user's permissions: ``{% if may.view_personal %}``."""

from impsmart.accounts.roles import PERMISSIONS


def permissions(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may": {}}
    return {"may": {name: user.may(name) for name in PERMISSIONS}}
