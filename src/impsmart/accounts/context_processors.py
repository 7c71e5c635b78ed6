"""Template access to the signed-in user's permissions (``{% if may.view_personal %}``) and
the navigation the apps contribute (``menu``, as HTML)."""

from collections.abc import Mapping

from impsmart import plugins


class Permissions(Mapping):
    """``may.<name>``: whether the user holds a permission, asked when a template reads it
    (a page reads one or two of some twenty)."""

    def __init__(self, user) -> None:
        self._user = user

    def __getitem__(self, name: str) -> bool:
        if name not in plugins.permissions():
            raise KeyError(name)
        return self._user.may(name)

    def __iter__(self):
        return iter(plugins.permissions())

    def __len__(self) -> int:
        return len(plugins.permissions())


def permissions(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may": {}, "menu": ""}
    return {"may": Permissions(user), "menu": plugins.menu_html(user)}
