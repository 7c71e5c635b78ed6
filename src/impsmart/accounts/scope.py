"""Region scope: the only module that knows how scope works.

Every record that holds personal or regional data carries a Kemendagri-style code (its
``scope_field``, ``region_code`` unless the model says otherwise). A user's scope is one or
more codes; a record is inside it when its code equals a scope code or starts with it plus a
dot. Views, exports, the API and the CLI read scoped data only through ``visible_to`` and
``get_visible``; out-of-scope reads answer 404 (never leak existence), writes 403.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.db.models import Q
from django.shortcuts import get_object_or_404

if TYPE_CHECKING:
    from impsmart.accounts.models import User


def code_within(code: str, scope_code: str) -> bool:
    """True when ``code`` is ``scope_code`` itself or a region below it."""
    return f"{code}.".startswith(f"{scope_code}.")


def user_scope_codes(user: Any) -> list[str]:
    """The codes a user may see; none for anonymous or inactive users."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not user.is_active:
        return []
    return user.scope_codes


def _inside(field: str, code: str) -> Q:
    """``field`` is ``code`` or below it; on SQLite below the kabupaten also as a code range.

    The range (codes hold digits and dots, and "/" follows "." in SQLite's binary order) lets
    SQLite use the region-code index, which its LIKE cannot: without it a desa's records cost
    a scan of the whole kabupaten. A kabupaten is most of the table, where a scan is faster.
    PostgreSQL gets the lower bound only: under a linguistic collation (en_US) punctuation
    may not sort that way, and an upper bound would drop records.
    """
    found = Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}."})
    if code.count(".") < 2:
        return found
    if connection.vendor != "sqlite":
        # A lower bound alone holds under any collation (a code sorts before the codes that
        # extend it) and lets an ordered index scan start at the region: without it the
        # family list's first page walked the kabupaten's index up to the desa.
        return Q(**{f"{field}__gte": code}) & found
    return Q(**{f"{field}__gte": code, f"{field}__lt": f"{code}/"}) & found


def scope_filter(field: str, codes: list[str]) -> Q:
    """A filter for records whose ``field`` lies inside any of ``codes``."""
    return reduce(or_, (_inside(field, c) for c in codes))


def scope_field_of(model: type[models.Model]) -> str:
    return getattr(model, "scope_field", "region_code")


class ScopedQuerySet(models.QuerySet):
    """The queryset of every model that holds regional or personal data."""

    def visible_to(self, user: User | Any) -> ScopedQuerySet:
        codes = user_scope_codes(user)
        if not codes:
            return self.none()
        if self.model.holds_personal_data and not user.may("view_personal"):
            return self.none()
        return self.filter(scope_filter(scope_field_of(self.model), codes))

    def aggregatable_by(self, user: User | Any) -> ScopedQuerySet:
        """Records inside the user's scope to be counted, never listed.

        Leaders (``pimpinan``) see figures without personal data, so the personal-data rule
        of ``visible_to`` does not apply here; callers return only aggregates from it.
        """
        codes = user_scope_codes(user)
        if not codes:
            return self.none()
        if not user.may("view_aggregates"):
            return self.none()
        return self.filter(scope_filter(scope_field_of(self.model), codes))

    def within(self, code: str) -> ScopedQuerySet:
        """Records in the region ``code`` and below (after ``visible_to``/``aggregatable_by``)."""
        return self.filter(scope_filter(scope_field_of(self.model), [code]))


def get_visible(queryset: models.QuerySet, user: User | Any, **lookup: Any) -> models.Model:
    """One record inside the user's scope, or 404."""
    if isinstance(queryset, type):
        queryset = queryset.objects.all()
    return get_object_or_404(queryset.visible_to(user), **lookup)


def require_writable(user: User | Any, region_code: str, permission: str) -> None:
    """Refuse (403) a write into ``region_code`` outside scope or beyond the user's role."""
    if not user.may(permission):
        raise PermissionDenied
    codes = user_scope_codes(user)
    if not any(code_within(region_code, c) for c in codes):
        raise PermissionDenied
