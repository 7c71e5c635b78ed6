"""Writes to user accounts; views, the API and the CLI all come through here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from impsmart.accounts.audit import action
from impsmart.accounts.models import User
from impsmart.accounts.passwords import temporary_password
from impsmart.accounts.roles import GRANTABLE
from impsmart.accounts.scope import require_writable


def _require_may_grant(actor: User, role: str, region_codes: list[str]) -> None:
    if role not in GRANTABLE.get(actor.role, set()):
        raise PermissionDenied
    for code in region_codes:
        require_writable(actor, code, "manage_users")


def _set_password(user: User, password: str, *, chosen_by_user: bool) -> None:
    """A password someone else chose must be changed at next sign-in; either way the old
    API tokens die (the audit sees ``password_changed_at``, the hash itself is masked)."""
    user.set_password(password)
    user.must_change_password = not chosen_by_user
    # The real clock, like the audit's ``at``: this records an event, not a register date.
    user.password_changed_at = timezone.now()
    if user.pk:
        user.api_tokens.all().delete()  # audit-ok: tokens are not audited (audit.UNAUDITED)


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
    user = User(
        username=username,
        role=role,
        region_code=region_codes[0],
        extra_region_codes=region_codes[1:],
        **fields,
    )
    _set_password(user, password, chosen_by_user=actor is None)
    user.save()
    return user


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
        _set_password(user, password, chosen_by_user=user.pk == actor.pk)
    user.save()
    return user


@action
def change_password(*, actor: User, password: str) -> None:
    """The signed-in user picks their own password (the form checked the old one)."""
    _set_password(actor, password, chosen_by_user=True)
    actor.save()


@action
def reset_password(*, actor: User, user: User) -> str:
    """Give a user in one's scope a temporary password, to be changed at next sign-in."""
    if not actor.may("reset_passwords"):
        raise PermissionDenied
    if user.pk == actor.pk:
        raise PermissionDenied  # one's own password is changed, not reset
    _require_may_grant(actor, user.role, user.scope_codes)
    password = temporary_password()
    _set_password(user, password, chosen_by_user=False)
    user.save()
    return password
