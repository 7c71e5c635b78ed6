"""Writes to user accounts; views, the API and the CLI all come through here."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied

from impsmart.accounts.audit import action
from impsmart.accounts.models import User
from impsmart.accounts.roles import GRANTABLE
from impsmart.accounts.scope import require_writable


def _require_may_grant(actor: User, role: str, region_codes: list[str]) -> None:
    if role not in GRANTABLE.get(actor.role, set()):
        raise PermissionDenied
    for code in region_codes:
        require_writable(actor, code, "manage_users")


@action
def create_user(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    region_codes: list[str],
    **fields,
) -> User:
    """Create an account; ``actor`` None means the system (setup, demo)."""
    if actor is not None:
        _require_may_grant(actor, role, region_codes)
    return User.objects.create(
        username=username,
        password=make_password(password),
        role=role,
        region_code=region_codes[0],
        extra_region_codes=region_codes[1:],
        **fields,
    )


@action
def update_user(
    *, actor: User, user: User, role: str, region_codes: list[str], password: str = "", **fields
) -> User:
    _require_may_grant(actor, user.role, user.scope_codes)
    _require_may_grant(actor, role, region_codes)
    user.role = role
    user.region_code, user.extra_region_codes = region_codes[0], region_codes[1:]
    for name, value in fields.items():
        setattr(user, name, value)
    if password:
        user.set_password(password)
    user.save()
    return user
