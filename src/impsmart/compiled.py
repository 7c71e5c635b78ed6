"""Querysets compiled once and re-run: the ORM's work per request without the ORM.

Building and compiling a queryset with subqueries, ``Exists`` and annotations costs the
ORM milliseconds of Python per request, often more than the database takes to answer it
(the visit list's queries: ~8 ms of ~13 ms for a dusun). Their SQL depends only on the
user's scope (who, role, scope codes) and on the arguments (a region, a day), so
``queries`` compiles them once per such key and keeps the SQL, its parameters and Django's
converters for the selected columns (dates on SQLite); ``Compiled.rows`` runs the SQL and
converts the rows as iterating the ``values_list`` queryset would. Only the SQL is kept:
every call reads the database afresh. On PostgreSQL the values are written into the SQL
(``_inlined``), so that the server plans the prepared statement once, for them.

Two stand-ins make one compiled query serve many calls: ``SLOT``, one value (a family's
id), and ``IDS``, a list of ids of any length (the rows shown on a page: ``pk__in=[IDS]``,
or one array parameter ``[IDS]`` for PostgreSQL's ``= ANY(%s)``), both given to
``Compiled.rows`` (or ``Compiled.execute`` for a statement that writes). Run with ids on
PostgreSQL, a statement is planned once per connection for any ids (``_generic``).
``aggregate``
turns ``QuerySet.aggregate`` into a query to compile, and a build may return a
``Compiled`` it wrapped in SQL of its own (``around``).

The key is the build function, the user's id, role, activity and scope codes,
and the arguments: whatever else the build reads must not change while the process runs
(the permissions of a role are configuration). The last ``SIZE`` keys are kept.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model, QuerySet, Value
from psycopg import sql as pgsql

from impsmart.accounts.scope import user_scope_codes

# Keys kept: a cadre's pages use about eight (her visit list, family page, register page…),
# 2-10 KB each, so a worker keeps those of the ~375 cadres last seen in 30-60 MB; a cadre
# past them has her pages' queries compiled again (a few ms each), not refused.
SIZE = 3000
# Stands for a value given only when the query runs (``Compiled.rows(slot=…)``), so that
# one compiled query serves every family of a user's day: no row has this id.
SLOT = -7_000_000_001
# Stands for a list of ids given when the query runs (``Compiled.rows(ids=…)``): build
# with ``field__in=[IDS]``; the query then serves any page's rows, however many. A text
# field (region codes) holds it as text.
IDS = -7_000_000_002
_IDS = (IDS, str(IDS))
_cache: OrderedDict[tuple, dict[str, Compiled]] = OrderedDict()
_lock = threading.Lock()
GENERIC = "_impsmart_generic_plans"  # True on a connection inside ``planned_once``


@dataclass(frozen=True)
class _Column:
    """What a converter is given for the expression it converts: its output field."""

    output_field: Any


@dataclass(frozen=True)
class Compiled:
    """One ``values_list`` queryset's SQL, parameters and converters."""

    using: str
    sql: str | None  # None: the query matches nothing (an empty scope)
    params: tuple
    converters: tuple  # (position, converters, expression), as the compiler applies them
    # The SQL cut at each ``IDS`` placeholder (None: none), for ``rows(ids=…)`` to join with
    # as many placeholders as ids.
    pieces: tuple[str, ...] | None = None

    @classmethod
    def of(cls, queryset: QuerySet) -> Compiled:
        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return cls(queryset.db, None, (), ())
        fields = [s[0] for s in compiler.select[: compiler.col_count]]
        # A converter reads the value, the connection and the column's output field; keeping
        # the whole expression (a subquery holds its query) would triple the memory per key.
        converters = tuple(
            (position, (functions, _Column(expression.output_field)))
            for position, (functions, expression) in compiler.get_converters(fields).items()
        )
        sql, params = _inlined(queryset.db, sql, tuple(params))
        # Django 5.2 selects the columns in the values_list order: rows need no reordering.
        return cls(queryset.db, sql, params, converters, _pieces(sql, params))

    def around(self, template: str) -> Compiled:
        """This query as the subquery ``{}`` of ``template``: rows as the outer SELECT gives
        them, unconverted (its columns are not this query's)."""
        if self.sql is None:
            return self
        sql = template.format(self.sql)
        return dataclasses.replace(self, sql=sql, converters=(), pieces=_pieces(sql, self.params))

    def rows(self, slot: Any = None, ids: Sequence[int] | None = None) -> list[tuple]:
        """The rows, with ``slot`` in place of every ``SLOT`` the query was built with and
        the list ``ids`` in place of every ``IDS`` (no ids: no row matches, as ``[SLOT]``)."""
        if self.sql is None:
            return []
        connection = connections[self.using]
        if ids is not None and _planned_per_run(connection):
            rows = _generic(connection, *self._statement(slot, ids))
        else:
            with connection.cursor() as cursor:  # audit-ok: a read
                cursor.execute(*self._statement(slot, ids))
                rows = cursor.fetchall()
        if self.converters:
            rows = [self._convert(list(row), connection) for row in rows]
        return rows

    def execute(self, slot: Any = None, ids: Sequence[int] | None = None) -> None:
        """Run a statement that returns no rows (``around`` an INSERT), with ``slot`` and
        ``ids`` as ``rows`` puts them. The caller answers for its audit."""
        if self.sql is None:
            return
        with connections[self.using].cursor() as cursor:  # audit-ok: the caller's
            cursor.execute(*self._statement(slot, ids))

    def _statement(self, slot: Any, ids: Sequence[int] | None) -> tuple[str, tuple]:
        sql, params = self.sql, self.params
        if slot is not None:
            params = tuple(slot if value == SLOT else value for value in params)
        if ids is not None:
            sql, params = self._with_ids(params, list(ids))
        return sql, params

    def _with_ids(self, params: tuple, ids: list) -> tuple[str, tuple]:
        if [IDS] in params:  # the ids as one array parameter (PostgreSQL's ``= ANY(%s)``)
            params = tuple(ids if value == [IDS] else value for value in params)
            if self.pieces is None:
                return self.sql, params
        if self.pieces is None:
            raise ValueError("ids given to a query built without IDS")
        # No ids: a stand-in no row has, of the column's type (PostgreSQL compares no text
        # with a number), as ``field__in=[]`` matches nothing.
        given = {value: ids or [SLOT if value == IDS else str(SLOT)] for value in _IDS}
        sql = ", ".join(["%s"] * max(len(ids), 1)).join(self.pieces)
        expanded = [v for value in params for v in (given[value] if value in _IDS else [value])]
        return sql, tuple(expanded)

    def _convert(self, row: list, connection: Any) -> tuple:
        for position, (converters, expression) in self.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        return tuple(row)


def _generic(connection: Any, sql: str, params: tuple) -> list[tuple]:
    """The rows of a statement run with ids, planned once per connection for any ids (a
    generic plan) instead of at every run for the ids given: the rest of a compiled query
    is written in its text, so only the ids are left to the plan, and planning a register
    page's statements for their 100 ids took longer than running them (1.5–2 ms each here).
    One round trip: the setting and its reset go with the statement in one pipeline, in one
    implicit transaction, so an error leaves the setting as it was. The setting's statements
    go to the connection itself: they read nothing."""
    with connection.cursor() as cursor:  # audit-ok: a read
        raw = connection.connection
        with connection.wrap_database_errors, raw.pipeline():
            raw.execute("SET plan_cache_mode = force_generic_plan")
            cursor.execute(sql, params)
            raw.execute("RESET plan_cache_mode")
        return cursor.fetchall()


def _stand_in(value: Any) -> bool:
    return value == SLOT or value in _IDS or value == [IDS]


def _rewritten(sql: str, params: Sequence, placeholder: Callable[[Any], str]) -> str:
    """``sql`` with each ``%s`` replaced by ``placeholder(its parameter)``."""
    written, position = [], 0
    for piece in re.split(r"(%%|%s)", sql):
        if piece == "%s":
            piece = placeholder(params[position])
            position += 1
        written.append(piece)
    if position != len(params):
        raise ValueError("the SQL's placeholders do not match its parameters")
    return "".join(written)


def _inlined(using: str, sql: str, params: tuple) -> tuple[str, tuple]:
    """On PostgreSQL, ``sql`` with its values written in as literals (as a client-side cursor
    writes them), all but the stand-ins ``SLOT`` and ``IDS``. A compiled query belongs to one
    user and its arguments anyway; with its values in its text, the server prepares it once
    per connection and plans it for those values (a statement without parameters is planned
    once), where a prepared statement with parameters is planned at every run (settings:
    ``plan_cache_mode``)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return sql, params
    connection.ensure_connection()

    def placeholder(value: Any) -> str:
        if _stand_in(value):
            return "%s"
        return pgsql.Literal(value).as_string(connection.connection).replace("%", "%%")

    kept = tuple(value for value in params if _stand_in(value))
    return _rewritten(sql, params, placeholder), kept


def _pieces(sql: str, params: Sequence) -> tuple[str, ...] | None:
    """``sql`` cut at the placeholders of its ``IDS`` parameters; None when it has none."""
    if not any(value in _IDS for value in params):
        return None
    cut = "\0"  # no SQL holds a NUL
    return tuple(_rewritten(sql, params, lambda v: cut if v in _IDS else "%s").split(cut))


@functools.cache
def fields_of(model: type[Model]) -> tuple[str, ...]:
    """The attnames of ``model``'s concrete fields: a ``values_list`` of them gives rows that
    ``instance`` makes into instances."""
    return tuple(field.attname for field in model._meta.concrete_fields)


@functools.cache
def fields_with(model: type[Model], relation: str) -> tuple[str, ...]:
    """``fields_of(model)``, then those of the model its foreign key ``relation`` points to
    (``relation__…``): rows that ``instance_with`` makes into instances, as
    ``select_related(relation)`` would."""
    related = model._meta.get_field(relation).related_model
    return (*fields_of(model), *(f"{relation}__{name}" for name in fields_of(related)))


def instance(using: str, model: type[Model], row: Sequence) -> Model:
    """A row of ``fields_of(model)`` as the ORM's own instance (``Model.from_db``)."""
    return model.from_db(using, fields_of(model), row)


def instance_with(using: str, model: type[Model], relation: str, row: Sequence) -> Model:
    """A row of ``fields_with(model, relation)`` as an instance with its related one cached
    (None when the key is null), as ``select_related(relation)`` gives it."""
    field = model._meta.get_field(relation)
    size = len(fields_of(model))
    found = instance(using, model, row[:size])
    related = row[size:]
    key = fields_of(field.related_model).index(field.related_model._meta.pk.attname)
    field.set_cached_value(
        found, None if related[key] is None else instance(using, field.related_model, related)
    )
    return found


def aggregate(queryset: QuerySet, **aggregates: Any) -> QuerySet:
    """``queryset.aggregate(**aggregates)`` as a query to compile: one row of their values
    in that order, grouped by a constant (which adds no GROUP BY)."""
    grouped = queryset.order_by().annotate(every=Value(1)).values("every")
    return grouped.annotate(**aggregates).values_list(*aggregates)


def queries(
    build: Callable[..., dict[str, QuerySet | Compiled]], user: Any, *args: Any
) -> dict[str, Compiled]:
    """``build(user, *args)`` compiled (what it gives compiled already is kept as is), from
    the cache when this key was compiled before."""
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
    found = {
        name: query if isinstance(query, Compiled) else Compiled.of(query)
        for name, query in build(user, *args).items()
    }
    with _lock:
        _cache[key] = found
        while len(_cache) > SIZE:
            _cache.popitem(last=False)
    return found


@contextlib.contextmanager
def planned_once(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Inside a transaction: on PostgreSQL, the prepared statements run inside are planned
    once per connection for any value of their parameters (a generic plan) instead of at
    every run (the connection's ``force_custom_plan``, settings.py). For a statement whose
    plan does not depend on its values, e.g. a write's ``INSERT … SELECT`` of a few
    families given as one array of ids: the visit list's refresh took 8–9 ms to plan (its
    lookups of each member's latest records) and 1.5 ms to run."""
    connection = connections[using]
    if not _planned_per_run(connection):  # SQLite, no prepared statements, or inside one
        yield
        return
    with connection.cursor() as cursor:  # audit-ok: a setting of this transaction
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
    setattr(connection, GENERIC, True)
    try:
        yield
    finally:
        setattr(connection, GENERIC, False)
    with connection.cursor() as cursor:  # audit-ok: a setting of this transaction
        cursor.execute("SET LOCAL plan_cache_mode = DEFAULT")


def planned_once_per_view(view: Callable) -> Callable:
    """A view whose queries are all keyed by ids (a family's, a member's), run on PostgreSQL
    in one transaction ``planned_once``: their plans do not depend on the ids. Planning a
    family page's ORM queries for their values took 5 ms of the server's CPU where running
    them took 0.4; a register form's write planned for 4.7 ms (its stored months' refresh
    included), and with generic plans read the same buffers. Elsewhere (SQLite, no prepared
    statements) the view as it is."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not _planned_per_run(connections[DEFAULT_DB_ALIAS]):
            return view(*args, **kwargs)
        with transaction.atomic(), planned_once():
            return view(*args, **kwargs)

    return wrapped


def _planned_per_run(connection: Any) -> bool:
    """Whether the connection plans a prepared statement for its values at every run:
    PostgreSQL with values bound on the server (settings.py), outside ``planned_once``
    (whose generic plans ``_generic``'s reset, or a nested one's end, would end)."""
    return (
        connection.vendor == "postgresql"
        and connection.settings_dict["OPTIONS"].get("server_side_binding", False)
        and not getattr(connection, GENERIC, False)
    )


def clear() -> None:
    with _lock:
        _cache.clear()
