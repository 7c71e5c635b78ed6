"""The audit trail: every create, update and delete of project data, with who and what.

Signals catch every ``save()`` and ``delete()`` of a model in an ``impsmart`` app, so no write
path can forget it. The actor comes from a context variable set per request (middleware), per
API call and per CLI command (``acting_as``). Bulk queryset writes bypass signals: code that
uses them must call ``record`` itself (``tests/accounts/test_audit.py`` guards this).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from impsmart.before_save import stored_row

_actor: contextvars.ContextVar = contextvars.ContextVar("audit_actor", default=None)
# Not user data: the trail itself, hashed tokens, copies derived from the registers, and
# forum read marks (written on every thread view).
UNAUDITED = {
    "accounts.AuditEvent",
    "accounts.ApiToken",
    "counseling.ListedMember",
    "families.PusMonth",
    "families.PusMonthBuilt",
    "families.PusTally",
    "families.PusYear",
    "meetings.ThreadRead",
}
SECRET_FIELDS = {"password", "digest"}


@contextlib.contextmanager
def acting_as(user: Any) -> Iterator[None]:
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


Write = TypeVar("Write", bound=Callable[..., Any])


def action(func: Write) -> Write:
    """Mark a write function: it runs atomically and is audited as its ``actor`` argument."""

    @functools.wraps(func)
    def wrapper(*args: Any, actor: Any, **kwargs: Any) -> Any:
        with transaction.atomic(), acting_as(actor):
            return func(*args, actor=actor, **kwargs)

    return wrapper  # type: ignore[return-value]


def set_actor(user: Any) -> None:
    """Name the actor for the rest of the current request (the enclosing ``acting_as`` resets)."""
    _actor.set(user)


def current_actor() -> Any:
    return _actor.get()


def data_version() -> int:
    """The latest audit event's id: it changes with every committed write of project data
    (every save and delete is audited, bulk writes record their own event), so a figure
    computed at one version is the registers' figure until the next write."""
    from impsmart.accounts.models import AuditEvent

    return AuditEvent.objects.order_by().aggregate(latest=models.Max("id"))["latest"] or 0


# Events that replace the data wholesale: every model's data version counts them.
WHOLESALE = ("ops.Restore", "demo.Demo")


def latest_writes(labels: Iterable[str]) -> dict[str, int]:
    """Per model label, the id of the latest audit event of a write to it (0: none), and
    per ``WHOLESALE`` label. A figure computed from some models alone stays right until the
    largest of theirs changes. One statement; each label is one step down the (model, id)
    index. The labels are a ``VALUES`` list with one correlated subquery: PostgreSQL planned
    one subquery per label in 1.2 ms, longer than it takes to answer (a home page's 29)."""
    from impsmart.accounts.models import AuditEvent

    chosen = sorted({*labels, *WHOLESALE})
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    values = ", ".join(["(%s)"] * len(chosen))
    with connection.cursor() as cursor:  # audit-ok: reads the trail
        cursor.execute(
            f"SELECT labels.column1, (SELECT MAX(id) FROM {table} WHERE model = labels.column1) "
            f"FROM (VALUES {values}) labels",
            chosen,
        )
        found = dict(cursor.fetchall())
    return {label: found[label] or 0 for label in chosen}


def data_version_of(labels: Iterable[str], latest: dict[str, int]) -> int:
    """The data version of the models ``labels`` in ``latest_writes``' answer."""
    return max(latest[label] for label in (*labels, *WHOLESALE))


def is_audited(model: type[models.Model]) -> bool:
    return model.__module__.startswith("impsmart.") and model._meta.label not in UNAUDITED


JSON_SAFE = (str, int, float, bool, type(None), list, dict)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The stored values of a record, JSON-safe, secrets masked."""
    data = {}
    for attname, masked in _snapshot_fields(type(instance)):
        if masked is not None:
            data[masked] = "***"
            continue
        value = getattr(instance, attname)  # ``value_from_object`` of a concrete field
        data[attname] = value if isinstance(value, JSON_SAFE) else str(value)
    return data


@functools.cache
def _snapshot_fields(model: type[models.Model]) -> tuple[tuple[str, str | None], ...]:
    """(attname, the name to mask it under or None) of each concrete field of ``model``."""
    return tuple(
        (field.attname, field.name if field.name in SECRET_FIELDS else None)
        for field in model._meta.concrete_fields
    )


def region_of(instance: models.Model) -> str:
    """The region code of a record, following ``scope_field`` through relations."""
    value: Any = instance
    for part in getattr(type(instance), "scope_field", "region_code").split("__"):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return str(value)


def _event(
    action: str,
    model_label: str,
    object_pk: Any,
    region_code: str,
    before: dict | None,
    after: dict | None,
):
    from impsmart.accounts.models import AuditEvent

    actor = current_actor()
    authenticated = getattr(actor, "is_authenticated", False)
    return AuditEvent(
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "sistem",
        action=action,
        model=model_label,
        object_pk=str(object_pk),
        region_code=region_code,
        before=before,
        after=after,
    )


def record(
    action: str,
    model_label: str,
    object_pk: Any,
    region_code: str,
    before: dict | None,
    after: dict | None,
) -> None:
    _event(action, model_label, object_pk, region_code, before, after).save()


def audit_rows(instances: Iterable[models.Model]) -> list[list]:
    """One ``create`` event per record stored in bulk (which sends no signal), as the
    current actor, with the record as stored: what ``_after_save`` writes one by one, here
    prepared for ``write_audit_rows`` to store in one statement (the values of the event
    every record shares are prepared once)."""
    from impsmart.accounts.models import AuditEvent

    shared = _event("create", "", "", "", None, None)
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    own = {"model", "object_pk", "region_code", "after"}
    db = connections[DEFAULT_DB_ALIAS]  # not the proxy: a context-local lookup per access
    prepared = {
        f.attname: f.get_db_prep_save(f.pre_save(shared, True), db)
        for f in fields
        if f.attname not in own
    }
    rows = []
    for instance in instances:
        if not is_audited(type(instance)):
            continue
        values = {
            "model": instance._meta.label,
            "object_pk": str(instance.pk),
            "region_code": region_of(instance),
            # The JSON text Django's JSONField would store on SQLite and its adapter would
            # dump for PostgreSQL's jsonb (there COPY hands the server this text).
            "after": json.dumps(snapshot(instance)),
        }
        rows.append(
            [values[f.attname] if f.attname in own else prepared[f.attname] for f in fields]
        )
    return rows


def write_audit_rows(rows: list[list]) -> None:
    """Store ``audit_rows``' events in one statement."""
    from impsmart.accounts.models import AuditEvent

    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    table = quote(AuditEvent._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:  # audit-ok: the trail itself, one statement for all
        if connection.vendor == "postgresql":  # COPY: one stream instead of a row per trip
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _remember_before(sender, instance, raw=False, **kwargs) -> None:
    if raw or not is_audited(sender) or instance._state.adding:
        instance._audit_before = None
        return
    old = stored_row(sender, instance)
    instance._audit_before = snapshot(old) if old else None


def _after_save(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or not is_audited(sender):
        return
    before = None if created else getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if before == after:
        return
    action = "create" if created else "update"
    record(action, sender._meta.label, instance.pk, region_of(instance), before, after)


def _after_delete(sender, instance, **kwargs) -> None:
    if is_audited(sender):
        record(
            "delete", sender._meta.label, instance.pk, region_of(instance), snapshot(instance), None
        )


pre_save.connect(_remember_before, dispatch_uid="audit_pre_save")
post_save.connect(_after_save, dispatch_uid="audit_post_save")
post_delete.connect(_after_delete, dispatch_uid="audit_post_delete")
