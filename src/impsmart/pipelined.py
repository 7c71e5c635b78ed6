"""Statements sent to PostgreSQL without waiting for them to finish (libpq's pipeline mode).

A bulk writer (the import) hands the database work that returns nothing — the stored PUS
months and visit-list rows of the households it has just stored — and goes on checking the
next households in Python while the server writes them: the two run on two cores instead of
one after the other. ``ahead()`` opens the pipeline around such statements and leaves it
open; ``settle()`` waits for everything sent and raises the first error, if any. Queries
that need an answer still work in between (psycopg waits for the statements before them),
but COPY does not, so a writer settles before its next COPY and, in every case, before its
transaction ends (``finally``). Elsewhere (SQLite) ``ahead()`` runs the statements as usual.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection

ATTRIBUTE = "_impsmart_pipeline"  # the open pipeline, on the (per-thread) connection


@contextlib.contextmanager
def ahead() -> Iterator[None]:
    """Run the block's statements without waiting for them (PostgreSQL); see the module."""
    if connection.vendor != "postgresql":
        yield
        return
    settle()
    connection.ensure_connection()
    pipeline = connection.connection.pipeline()
    pipeline.__enter__()
    setattr(connection, ATTRIBUTE, pipeline)
    yield


def settle() -> None:
    """Wait for every statement sent ``ahead`` on this connection; raise its error if any."""
    pipeline = getattr(connection, ATTRIBUTE, None)
    if pipeline is not None:
        setattr(connection, ATTRIBUTE, None)
        pipeline.__exit__(None, None, None)
