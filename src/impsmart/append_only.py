"""Tables the database itself keeps append-only: UPDATE and DELETE of a row are refused.

A migration installs the triggers (``install(schema_editor, table)``): on SQLite ``RAISE(ABORT,
…)``, on PostgreSQL a plpgsql function raising an exception (also on TRUNCATE). The one way
past them is emptying the *whole* database (``impsmart restore``, Django's ``flush`` in the
demo and the tests): that runs inside ``emptying()``, a flag of the database session: on
PostgreSQL a transaction-local setting, on SQLite a function of the connection. A connection
made outside Django knows neither, so it cannot remove a row either.

On SQLite, Django rebuilds a table for most ALTER TABLE changes and the triggers go with the
old table: a migration that alters an append-only table must call ``install`` again (the
raw-SQL tests in ``tests/funds/test_append_only.py`` fail otherwise).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

SETTING = "impsmart.emptying"
_emptying: contextvars.ContextVar[bool] = contextvars.ContextVar("emptying", default=False)


@contextlib.contextmanager
def emptying(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Let the whole database be emptied; on PostgreSQL call it inside the transaction."""
    connection = connections[using]
    token = _emptying.set(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # audit-ok: a session setting, no data
                cursor.execute("SELECT set_config(%s, 'on', true)", [SETTING])
        yield
    finally:
        _emptying.reset(token)
        if connection.vendor == "postgresql" and not connection.needs_rollback:
            with connection.cursor() as cursor:  # audit-ok: a session setting, no data
                cursor.execute("SELECT set_config(%s, '', true)", [SETTING])


@receiver(connection_created)
def _register_flag(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "impsmart_emptying", 0, lambda: int(_emptying.get()), deterministic=False
        )


def install(schema_editor, table: str) -> None:
    """Create the refusing triggers on ``table`` (from a migration's ``RunPython``)."""
    message = f"{table} hanya bisa ditambah: buat entri koreksi, jangan ubah atau hapus."
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"WHEN NOT impsmart_emptying() BEGIN SELECT RAISE(ABORT, '{message}'); END",
        ]
    elif vendor == "postgresql":
        statements = [
            f"""CREATE FUNCTION {table}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'UPDATE' AND current_setting('{SETTING}', true) = 'on' THEN
                RETURN OLD;
              END IF;
              RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation';
            END $$""",
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse()",
        ]
    else:
        raise NotImplementedError(f"append-only tables need triggers for {vendor}")
    for sql in statements:
        schema_editor.execute(sql)


def uninstall(schema_editor, table: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    else:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_refuse() CASCADE")
