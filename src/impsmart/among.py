"""``among(path, values)``: a filter condition that ``path`` is one of ``values``.

On PostgreSQL ``column = ANY(%s)`` with the values as one array parameter: a statement for
hundreds of values binds one parameter, and the driver parses its text once (psycopg caches
a statement's parsing only up to 50 parameters; an import's lookups of 500 values each were
parsed anew every time). Elsewhere ``IN``, a part of the values at a time (``parts``).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import F, Lookup, Q


class AnyOf(Lookup):
    """``column = ANY(%s)`` with the values as one array (PostgreSQL)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*params, list(self.rhs)]


def among(path: str, values: list) -> Q | Lookup:
    """A condition: ``path`` is one of ``values`` (``AnyOf`` on PostgreSQL, ``IN`` elsewhere)."""
    if connection.vendor == "postgresql":
        return AnyOf(F(path), values)
    return Q(**{f"{path}__in": values})


def parts(values: list, size: int) -> list[list]:
    """``values`` in the lists ``among`` is given: all at once on PostgreSQL (one array
    parameter), ``size`` at a time elsewhere (SQLite's limit on bound parameters)."""
    if connection.vendor == "postgresql":
        return [values] if values else []
    return [values[start : start + size] for start in range(0, len(values), size)]
