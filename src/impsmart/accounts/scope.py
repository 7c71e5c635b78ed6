"""Region scope: the only module that knows how scope works.

Every record that holds personal or regional data carries a Kemendagri-style code (its
``scope_field``, ``region_code`` unless the model says otherwise). A user's scope is one or
more codes; a record is inside it when its code equals a scope code or starts with it plus a
dot. Views, exports, the API and the CLI read scoped data only through ``visible_to`` and
``get_visible``; out-of-scope reads answer 404 (never leak existence), writes 403.
"""

from __future__ import annotations

import functools
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.db.models import F, Q
from django.db.models.expressions import Combinable
from django.db.models.functions import Collate
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThan
from django.http import Http404
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


def _inside(field: str, code: str, binary: bool = False) -> Q:
    """``field`` is ``code`` or below it; on SQLite below the kabupaten also as a code range.

    The range (codes hold digits and dots, and "/" follows "." in SQLite's binary order) lets
    SQLite use the region-code index, which its LIKE cannot: without it a desa's records cost
    a scan of the whole kabupaten. A kabupaten is most of the table, where a scan is faster.
    PostgreSQL gets the lower bound only: under a linguistic collation (en_US) punctuation
    may not sort that way, and an upper bound would drop records. ``binary`` (PostgreSQL,
    a column with a "C" index: ``C_INDEXED``) takes ``_binary_range`` instead.
    """
    found = Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}."})
    if code.count(".") < 2:
        return found
    if connection.vendor != "sqlite":
        if binary:
            return _binary_range(field, code)
        # A lower bound alone holds under any collation (a code sorts before the codes that
        # extend it) and lets an ordered index scan start at the region: without it the
        # family list's first page walked the kabupaten's index up to the desa.
        return Q(**{f"{field}__gte": code}) & found
    return Q(**{f"{field}__gte": code, f"{field}__lt": f"{code}/"}) & found


def _binary_range(field: str, code: str) -> Q:
    """``code`` or below it, compared byte by byte (PostgreSQL's "C" collation, whatever the
    database's): the codes from ``code`` up to ``code/`` except those between ``code`` and
    ``code.`` (``code`` followed by a character sorting before the dot), exactly ``code`` and
    the codes starting with ``code.``.

    One range a "C" index walks in order (``C_INDEXED``), and the planner estimates it from
    the column's histogram; the excluded gap holds no code, so it costs the estimate nothing.
    The equality-or-prefix test (with the lower bound) is estimated as two independent tests
    of the same column, a hundredth of the rows for a desa: the planner then chose nested
    loops that walked every member of the desa.
    """
    text = Collate(F(field), "C")
    gap = Q(GreaterThan(text, code), LessThan(text, f"{code}."))
    return Q(GreaterThanOrEqual(text, code), LessThan(text, f"{code}/")) & ~gap


# PostgreSQL: columns with an index in the "C" collation (migrations families 0008, 0014, 0016,
# counseling 0004), which scope filters compare as ``_binary_range``.
C_INDEXED = {
    ("families_family", "region_code"),
    ("families_familytext", "region_code"),
    ("families_pusmonth", "region_code"),
    ("families_pusyear", "region_code"),
    ("counseling_listedmember", "region_code"),
}


def code_order(field: str | Combinable) -> Combinable:
    """``field`` (a name or an expression) to order by in Python's order of strings, as a "C"
    index of ``C_INDEXED`` walks it: SQLite's BINARY collation is that order, PostgreSQL's
    "C" collation too (UTF-8 bytes sort as their code points). Ordered in the database's
    collation, a region's first page walked that index from the kabupaten's first code."""
    expression = F(field) if isinstance(field, str) else field
    return Collate(expression, "C") if connection.vendor == "postgresql" else expression


@functools.cache
def _binary(model: type[models.Model], field: str) -> bool:
    """Whether ``field`` (a path from ``model``) ends at a column of ``C_INDEXED``."""
    *path, column = field.split("__")
    for name in path:
        model = model._meta.get_field(name).related_model
    return (model._meta.db_table, model._meta.get_field(column).column) in C_INDEXED


def scope_filter(field: str, codes: list[str], model: type[models.Model] | None = None) -> Q:
    """A filter for records whose ``field`` lies inside any of ``codes``; with ``model`` (the
    queryset's, ``field`` a path from it), in the form its database reads best."""
    binary = model is not None and connection.vendor == "postgresql" and _binary(model, field)
    found = reduce(or_, (_inside(field, c, binary) for c in codes))
    if binary and len(codes) > 1 and all(c.count(".") >= 2 for c in codes):
        # Several regions (a PKB's desa): their ranges joined by OR bound no index scan, so
        # the family list's first page walked the index from the kabupaten's first code.
        # The range around them all does (it holds every code of each: "x/" ends x's).
        text = Collate(F(field), "C")
        around = Q(
            GreaterThanOrEqual(text, min(codes)), LessThan(text, max(f"{c}/" for c in codes))
        )
        return around & found
    return found


def scope_field_of(model: type[models.Model]) -> str:
    return getattr(model, "scope_field", "region_code")


class ScopedQuerySet(models.QuerySet):
    """The queryset of every model that holds regional or personal data."""

    def _scoped(self, codes: list[str]) -> ScopedQuerySet:
        scoped = self.filter(scope_filter(scope_field_of(self.model), codes, self.model))
        # ``within`` right after replaces this filter with its narrower one (see there).
        scoped._scope = (codes, self)
        return scoped

    def visible_to(self, user: User | Any) -> ScopedQuerySet:
        codes = user_scope_codes(user)
        if not codes:
            return self.none()
        if self.model.holds_personal_data and not user.may("view_personal"):
            return self.none()
        return self._scoped(codes)

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
        return self._scoped(codes)

    def within(self, code: str) -> ScopedQuerySet:
        """Records in the region ``code`` and below (after ``visible_to``/``aggregatable_by``).

        Right after them, when ``code`` lies inside the user's scope, its filter replaces
        theirs (it implies it): the same rows, but the database estimates one region test,
        not two tests of the same column as if independent (which multiplied a desa's
        families down to a handful and chose plans for a handful).
        """
        codes, unscoped = getattr(self, "_scope", (None, None))
        narrowed = scope_filter(scope_field_of(self.model), [code], self.model)
        if codes is not None and any(code_within(code, c) for c in codes):
            return unscoped.filter(narrowed)
        return self.filter(narrowed)


def get_visible(queryset: models.QuerySet, user: User | Any, **lookup: Any) -> models.Model:
    """One record inside the user's scope, or 404."""
    if isinstance(queryset, type):
        queryset = queryset.objects
    if isinstance(queryset, models.Manager):
        queryset = queryset.all()
    relation = _plain_relation(queryset, lookup)
    if relation is not None:
        return _visible_by_pk(queryset.model, user, lookup["pk"], relation)
    return get_object_or_404(queryset.visible_to(user), **lookup)


def _plain_relation(queryset: models.QuerySet, lookup: dict) -> str | None:
    """For a record by its id from a model's plain ``ScopedQuerySet`` (at most one
    ``select_related`` relation): that relation ("" for none). None: anything else."""
    query = queryset.query
    if type(queryset) is not ScopedQuerySet or list(lookup) != ["pk"]:
        return None
    pk = lookup["pk"]  # beyond 64 bits: the ORM answers (SQLite takes no such number)
    if type(pk) is not int or not -(2**63) <= pk < 2**63 or queryset.db != "default":
        return None
    if query.where or query.annotations or query.extra or queryset._prefetch_related_lookups:
        return None
    if query.deferred_loading != (frozenset(), True) or query.is_sliced or query.distinct:
        return None
    if query.select_related is False:
        return ""
    if isinstance(query.select_related, dict) and len(query.select_related) == 1:
        relation, deeper = next(iter(query.select_related.items()))
        return relation if deeper == {} else None
    return None


def _by_pk(user: Any, model: type[models.Model], relation: str) -> dict:
    from impsmart import compiled  # here: ``compiled`` reads the scope from this module

    fields = compiled.fields_with(model, relation) if relation else compiled.fields_of(model)
    visible = model.objects.all().visible_to(user).filter(pk=compiled.SLOT)
    return {"record": visible.values_list(*fields)}


def _visible_by_pk(model: type[models.Model], user: Any, pk: int, relation: str) -> models.Model:
    """``get_object_or_404(visible_to(user), pk=pk)`` by a query compiled once per user and
    model: the ORM built it anew for every family page and every write (0.5 ms)."""
    from impsmart import compiled  # here: ``compiled`` reads the scope from this module

    query = compiled.queries(_by_pk, user, model, relation)["record"]
    found = query.rows(slot=pk)
    if not found:
        raise Http404(f"No {model._meta.object_name} matches the given query.")
    if relation:
        return compiled.instance_with(query.using, model, relation, found[0])
    return compiled.instance(query.using, model, found[0])


def require_writable(user: User | Any, region_code: str, permission: str) -> None:
    """Refuse (403) a write into ``region_code`` outside scope or beyond the user's role."""
    if not user.may(permission):
        raise PermissionDenied
    codes = user_scope_codes(user)
    if not any(code_within(region_code, c) for c in codes):
        raise PermissionDenied
