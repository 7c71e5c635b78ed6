"""The stored monthly facts of every PUS (``PusMonth``), kept equal to the registers.

A month's reports count one stored row per PUS instead of re-deriving each woman's status
from her histories (``status.with_month_facts`` stays the definition and fills the rows).
A month is built for the whole database the first time a report asks for it, if it lies
between the first registration and the current month (others are computed live). From then
on every save or delete of a family, member, episode, pregnancy or intention refreshes that
family's rows for every built month, inside the same transaction: the copy cannot drift,
and a rolled-back write rolls its refresh back too. Bulk writers (the import, the demo) wrap
their work in ``deferred()`` to refresh once, set-based, at the end.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction
from django.db.models import F, Min, QuerySet
from django.db.models.signals import post_delete, post_save, pre_save

from impsmart import dates
from impsmart.dates import month_end
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
    PusMonth,
    PusMonthBuilt,
)
from impsmart.families.status import with_month_facts, with_status

COLUMNS = ("month", "member_id", "family_id", "region_code", "status", "jalur", "drop_out")
CHUNK = 500  # families per refresh statement
_pending: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar(
    "pus_months_pending", default=None
)


def stored(day: dt.date) -> bool:
    """Whether the month of ``day`` is stored, building it now when it may be."""
    month = day.replace(day=1)
    if PusMonthBuilt.objects.filter(month=month).exists():
        return True
    first = Family.objects.aggregate(first=Min("registered_on"))["first"]
    if first is None or not first.replace(day=1) <= month <= dates.today().replace(day=1):
        return False
    with transaction.atomic():
        _, created = PusMonthBuilt.objects.get_or_create(month=month)
        if created:
            _insert(Member.objects.all(), month)
    return True


def facts(
    region_code: str, day: dt.date, narrow: Callable[[QuerySet], QuerySet] | None = None
) -> QuerySet:
    """One row per PUS of the region on ``day`` with ``region_code``, ``status``, ``jalur`` and
    ``drop_out``: the stored rows when the month is stored, else derived live.

    ``narrow`` (e.g. ``lambda records: records.aggregatable_by(user)``) is applied to the
    stored rows or to the members alike: both are scoped querysets.
    """
    narrow = narrow or (lambda records: records)
    if stored(day):
        return narrow(PusMonth.objects.within(region_code).filter(month=day.replace(day=1)))
    return live_facts(narrow(Member.objects.within(region_code)), day)


def statuses(members: QuerySet[Member], day: dt.date) -> QuerySet:
    """(member pk, status, jalur) of each PUS among ``members`` on ``day``."""
    if stored(day):
        rows = PusMonth.objects.filter(month=day.replace(day=1), member__in=members.values("pk"))
        return rows.values_list("member_id", "status", "jalur")
    return with_status(members, day).values_list("pk", "status", "jalur")


def live_facts(members: QuerySet[Member], day: dt.date) -> QuerySet[Member]:
    """The rows of ``facts`` derived from the histories of ``members``."""
    return with_month_facts(members, day).annotate(region_code=F("family__region_code"))


def _insert(members: QuerySet[Member], month: dt.date) -> None:
    """Store the facts of the PUS among ``members`` for ``month``: one INSERT … SELECT."""
    facts = (
        with_month_facts(members, month_end(month.year, month.month))
        .annotate(pm_member=F("pk"), pm_family=F("family_id"), pm_region=F("family__region_code"))
        .order_by()
        .values("pm_member", "pm_family", "pm_region", "status", "jalur", "drop_out")
    )
    select, params = facts.query.sql_with_params()
    table = PusMonth._meta.db_table
    with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(COLUMNS)}) SELECT %s, pm_member, pm_family, "
            f"pm_region, status, jalur, drop_out FROM ({select}) facts",
            (connection.ops.adapt_datefield_value(month), *params),
        )


def refresh(family_ids: Iterable[int]) -> None:
    """Recompute the stored rows of these families (at the end of ``deferred`` if inside)."""
    ids = {i for i in family_ids if i is not None}
    pending = _pending.get()
    if pending is not None:
        pending.update(ids)
    elif ids:
        _refresh(ids)


def _refresh(family_ids: set[int]) -> None:
    months = list(PusMonthBuilt.objects.values_list("month", flat=True))
    if not months:
        return
    ordered = sorted(family_ids)
    table = PusMonth._meta.db_table
    with transaction.atomic():
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
                cursor.execute(f"DELETE FROM {table} WHERE family_id IN ({marks})", chunk)
            for month in months:
                _insert(Member.objects.filter(family_id__in=chunk), month)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect refreshes and run them once, when the outermost block ends without error.

    Nothing is refreshed when the enclosing transaction is already marked for rollback.
    """
    if _pending.get() is not None:
        yield
        return
    token = _pending.set(set())
    try:
        yield
        if not (connection.in_atomic_block and transaction.get_rollback()):
            _refresh(_pending.get() or set())
    finally:
        _pending.reset(token)


# --- every write path refreshes the family it touched ------------------------------------


def _member_family_before(sender, instance: Member, raw: bool = False, **kwargs) -> None:
    """A member moving to another family changes her old family's PUS too."""
    moved_from = None
    if not raw and instance.pk is not None:
        moved_from = Member.objects.filter(pk=instance.pk).values_list("family_id", flat=True)
        moved_from = next(iter(moved_from), None)
    instance._pus_family_before = moved_from


def _family_changed(sender, instance: Family, raw: bool = False, **kwargs) -> None:
    if not raw:
        refresh([instance.pk])


def _member_changed(sender, instance: Member, raw: bool = False, **kwargs) -> None:
    if not raw:
        refresh([instance.family_id, getattr(instance, "_pus_family_before", None)])


def _history_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        family = Member.objects.filter(pk=instance.member_id).values_list("family_id", flat=True)
        refresh(family)


pre_save.connect(_member_family_before, sender=Member, dispatch_uid="pus_months_member_before")
for _model, _handler in (
    (Family, _family_changed),
    (Member, _member_changed),
    (ContraceptiveEpisode, _history_changed),
    (Pregnancy, _history_changed),
    (IntentionRecord, _history_changed),
):
    post_save.connect(_handler, sender=_model, dispatch_uid=f"pus_months_save_{_model.__name__}")
    post_delete.connect(_handler, sender=_model, dispatch_uid=f"pus_months_del_{_model.__name__}")
