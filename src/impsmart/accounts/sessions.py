"""Sessions in the database (Django's store), each read with one fixed SQL statement.

Django's store builds and compiles an ORM query to read the session on every request:
0.3 ms of CPU per page, as much as the whole base layout's menu. ``load`` reads the same
row with the same condition (the key, not expired) from a fixed SQL text; saving, expiry,
cycling keys and signing stay Django's.
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict:
        data = self._stored_data() if self.session_key is not None else None
        if data is None:
            self._session_key = None  # as Django's: unknown or expired, a new session
            return {}
        return self.decode(data)

    def _stored_data(self) -> str | None:
        connection = connections[router.db_for_read(self.model)]
        table = connection.ops.quote_name(self.model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:  # audit-ok: a read
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
            row = cursor.fetchone()
        return row[0] if row else None
