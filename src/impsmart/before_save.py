"""The stored row a save replaces, read once per save however many receivers ask for it.

The audit trail keeps it as an update's "before"; the stored PUS months compare it with the
saved row to see which months change. Each read it in its own ``pre_save`` receiver: two
identical queries on every update. ``stored_row`` reads it for the first receiver that asks
and keeps it on the instance until the next save of that instance begins (``_forget`` is
connected when this module is imported, so before any receiver that imports it).
"""

from __future__ import annotations

from django.db import models
from django.db.models.signals import pre_save

_UNREAD = object()


def stored_row(sender: type[models.Model], instance: models.Model) -> models.Model | None:
    """The row as stored before this save of ``instance``; None when it is new."""
    row = instance.__dict__.get("_stored_row", _UNREAD)
    if row is _UNREAD:
        row = None
        if not instance._state.adding:
            row = sender._base_manager.filter(pk=instance.pk).order_by().first()
        instance._stored_row = row
    return row


def _forget(sender, instance, **kwargs) -> None:
    instance.__dict__.pop("_stored_row", None)


pre_save.connect(_forget, dispatch_uid="before_save_forget")
