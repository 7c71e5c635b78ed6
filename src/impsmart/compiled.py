"""Querysets compiled once and re-run: the ORM's work per request without the ORM.

Building and compiling a queryset with subqueries, ``Exists`` and annotations costs the
ORM milliseconds of Python per request, often more than the database takes to answer it
(the visit list's queries: ~8 ms of ~13 ms for a dusun). Their SQL depends only on the
user's scope (who, role, scope codes) and on the arguments (a region, a day), so
``queries`` compiles them once per such key and keeps the SQL, its parameters and Django's
converters for the selected columns (dates on SQLite); ``Compiled.rows`` runs the SQL and
converts the rows as iterating the ``values_list`` queryset would. Only the SQL is kept:
every call reads the database afresh.

The key is the build function, the user's id, role, activity and scope codes,
and the arguments: whatever else the build reads must not change while the process runs
(the permissions of a role are configuration). The last ``SIZE`` keys are kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from impsmart.accounts.scope import user_scope_codes

SIZE = 1000  # keys (a user's list for a day): a kabupaten's cadres, ~10 KB each
# Stands for a value given only when the query runs (``Compiled.rows(slot=…)``), so that
# one compiled query serves every family of a user's day: no row has this id.
SLOT = -7_000_000_001
_cache: OrderedDict[tuple, dict[str, Compiled]] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class _Column:
    """What a converter is given for the expression it converts: its output field."""

    output_field: Any


@dataclass(frozen=True)
class Compiled:
    """One ``values_list`` queryset's SQL, parameters, converters and column order."""

    using: str
    sql: str | None  # None: the query matches nothing (an empty scope)
    params: tuple
    converters: tuple  # (position, converters, expression), as the compiler applies them
    order: tuple[int, ...] | None  # the values_list order when the SELECT's differs

    @classmethod
    def of(cls, queryset: QuerySet) -> Compiled:
        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return cls(queryset.db, None, (), (), None)
        fields = [s[0] for s in compiler.select[: compiler.col_count]]
        # A converter reads the value, the connection and the column's output field; keeping
        # the whole expression (a subquery holds its query) would triple the memory per key.
        converters = tuple(
            (position, (functions, _Column(expression.output_field)))
            for position, (functions, expression) in compiler.get_converters(fields).items()
        )
        # As ValuesListIterable: annotations come after the fields in the SELECT.
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        chosen = queryset._fields
        wanted = [*chosen, *(f for f in query.annotation_select if f not in chosen)]
        order = None if not chosen or wanted == names else tuple(map(names.index, wanted))
        return cls(queryset.db, sql, tuple(params), converters, order)

    def rows(self, slot: Any = None) -> list[tuple]:
        """The rows, with ``slot`` in place of every ``SLOT`` the query was built with."""
        if self.sql is None:
            return []
        params = self.params
        if slot is not None:
            params = tuple(slot if value == SLOT else value for value in params)
        connection = connections[self.using]
        with connection.cursor() as cursor:  # audit-ok: a read
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [self._convert(list(row), connection) for row in rows]
        if self.order is not None:
            rows = [tuple(row[i] for i in self.order) for row in rows]
        return rows

    def _convert(self, row: list, connection: Any) -> tuple:
        for position, (converters, expression) in self.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        return tuple(row)


def queries(
    build: Callable[..., dict[str, QuerySet]], user: Any, *args: Any
) -> dict[str, Compiled]:
    """``build(user, *args)`` compiled, from the cache when this key was compiled before."""
    key = (
        build.__module__,
        build.__qualname__,
        getattr(user, "pk", None),
        getattr(user, "role", None),
        getattr(user, "is_active", False),
        tuple(user_scope_codes(user)),
        *args,
    )
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    found = {name: Compiled.of(queryset) for name, queryset in build(user, *args).items()}
    with _lock:
        _cache[key] = found
        while len(_cache) > SIZE:
            _cache.popitem(last=False)
    return found


def clear() -> None:
    with _lock:
        _cache.clear()
