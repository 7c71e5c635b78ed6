"""One row per event: a form submitted twice (double tap, a second tab, "Kirim lagi") stores once.

Each register event has a natural key (the woman and the date, plus what happened) guarded by
a unique constraint. ``save_once`` answers the row already stored under that key when it is
the same event, so the repeated request succeeds like the first; a different event under the
same key is refused with the caller's Indonesian message. The constraint decides when two
requests race (PostgreSQL; SQLite's immediate transactions already serialise them): the loser
gets an ``IntegrityError`` inside a savepoint and answers the winner's row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

Record = TypeVar("Record", bound=models.Model)
_UNASKED = object()


def _lookup(record: models.Model, key: Sequence[str]) -> dict:
    fields = (record._meta.get_field(name) for name in key)
    return {field.attname: getattr(record, field.attname) for field in fields}


def _values(record: models.Model) -> list[str]:
    """The stored values of every field but the primary key, in a comparable form."""
    return [
        json.dumps(field.value_from_object(record), sort_keys=True, default=str)
        for field in record._meta.concrete_fields
        if not field.primary_key
    ]


def stored(record: Record, key: Sequence[str]) -> Record | None:
    """The row already stored under ``record``'s key, if any."""
    return type(record)._base_manager.filter(**_lookup(record, key)).order_by().first()


def same(found: models.Model | None, record: models.Model) -> bool:
    """Whether ``found`` (what ``stored`` answered) holds the same values as ``record``."""
    return found is not None and _values(found) == _values(record)


def save_once(
    record: Record, key: Sequence[str], conflict: str | dict | None, found=_UNASKED
) -> Record:
    """Save the new ``record``, or answer the row already stored under its key.

    The stored row is answered when it is the same event, or whatever it holds when
    ``conflict`` is None; otherwise ``conflict`` is raised as a ``ValidationError``.
    ``found`` is what ``stored`` answered for ``record`` earlier in this transaction, when
    the caller asked already (it is not asked again).
    """
    if found is _UNASKED:
        found = stored(record, key)
    if found is None:
        try:
            with transaction.atomic():
                record.save()
            return record
        except IntegrityError:
            found = stored(record, key)  # another request stored it a moment ago
            if found is None:
                raise
    if conflict is None or same(found, record):
        return found
    raise ValidationError(conflict)


def remove_duplicates(apps, label: str, key: Sequence[str], keep_latest: bool = False) -> None:
    """For a migration adding a unique key: delete rows repeating an earlier one exactly.

    With ``keep_latest`` every row but the last under a key goes (a later entry of the same
    day replaced the earlier, as the registers read it). Rows that share the key but differ
    otherwise are left alone, so the constraint then fails and names them. The removal is
    recorded as one audit event of the system.
    """
    model = apps.get_model(label)
    groups = (
        model._base_manager.values(*key)
        .annotate(rows=models.Count("pk"))
        .filter(rows__gt=1)
        .values_list(*key)
    )
    removed = []
    for values in groups:
        rows = list(
            model._base_manager.filter(**dict(zip(key, values, strict=True))).order_by("pk")
        )
        kept = rows.pop() if keep_latest else rows.pop(0)
        removed += [row.pk for row in rows if keep_latest or _values(row) == _values(kept)]
    if not removed:
        return
    model._base_manager.filter(pk__in=removed).delete()  # audit-ok: the event below
    apps.get_model("accounts.AuditEvent").objects.create(
        actor_name="sistem",
        action="event",
        model=label,
        object_pk="",
        before={"duplicates_removed": removed},
    )
