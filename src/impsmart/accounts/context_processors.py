"""Template access to the signed-in user's permissions (``{% if may.view_personal %}``) and
the navigation the apps contribute (``menu``)."""

from impsmart import plugins


def permissions(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may": {}, "menu": []}
    return {
        "may": {name: user.may(name) for name in plugins.permissions()},
        "menu": plugins.menu_for(user),
    }
