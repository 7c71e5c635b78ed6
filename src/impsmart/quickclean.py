"""``Model.full_clean`` for unsaved rows made by hand, at a fraction of its cost.

The import checks thousands of new members and episodes; Django's ``full_clean`` spent a fifth
of the import's Python going through every field's ``clean`` (``to_python``, ``validate``,
``run_validators``) and the unique checks of a row that has no id yet. ``full_clean`` here
first looks at each value with a test prepared once per model and field (exactly a ``str``
within the length, without NUL and among the choices; exactly a ``date``; ``True``/``False``;
an empty id): a value that passes is one Django's ``clean`` accepts and returns unchanged.
When every value passes and the model can raise nothing else (no ``clean`` of its own, no
unique field but the id, no unique-together, no constraints to validate), nothing is left to
check. Otherwise — any value in doubt, or a model this cannot judge — Django's own
``full_clean`` runs, so every refusal is Django's, word for word.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from django.core import validators
from django.db import models

Check = Callable[[object], bool]
_MISSING = object()


def full_clean(
    instance: models.Model, exclude: list[str] | None = None, validate_constraints: bool = True
) -> None:
    """``instance.full_clean(exclude=exclude, validate_constraints=validate_constraints)``."""
    checks = _checks(type(instance), frozenset(exclude or ()), validate_constraints)
    if checks is not None and instance.pk is None:
        value = instance.__dict__.get  # each field's attribute (a missing one: in doubt)
        if all(check(value(attname, _MISSING)) for attname, check in checks):
            return
    instance.full_clean(exclude=exclude, validate_constraints=validate_constraints)


@functools.cache
def _checks(model, exclude: frozenset, validate_constraints: bool) -> list | None:
    """(attname, test) of every field ``full_clean`` cleans; None: the model is not simple
    enough to be judged here (``full_clean`` decides)."""
    meta = model._meta
    if model.clean is not models.Model.clean or meta.unique_together:
        return None
    if validate_constraints and meta.constraints:
        return None
    checks = []
    for field in meta.fields:
        if field.unique and not field.primary_key:
            return None  # a stored row may hold the value: Django queries
        if field.unique_for_date or field.unique_for_month or field.unique_for_year:
            return None
        if field.name in exclude or field.generated:
            continue
        check = _check(field)
        if check is None:
            return None
        checks.append((field.attname, check))
    return checks


def _check(field) -> Check | None:
    """A test whose pass means ``clean_fields`` leaves the value as it is, without error."""
    kind = type(field)
    blank = field.blank
    if field.primary_key and kind in (models.AutoField, models.BigAutoField):
        return (lambda value: value is None) if blank else None
    if kind is models.CharField:
        return _char_check(field)
    if field.validators:
        return None
    if kind is models.DateField and not (field.auto_now or field.auto_now_add):
        return lambda value: type(value) is dt.date or (value is None and blank)
    if kind is models.BooleanField and not field.choices:
        return lambda value: value is True or value is False or (value is None and blank)
    return None


def _char_check(field) -> Check | None:
    limit = field.max_length
    known = (validators.MaxLengthValidator, validators.ProhibitNullCharactersValidator)
    if limit is None or not all(type(v) in known for v in field.validators):
        return None
    if not any(
        type(v) is validators.MaxLengthValidator and v.limit_value == limit
        for v in field.validators
    ):
        return None
    choices = {key for key, _ in field.flatchoices} if field.choices else None
    blank = field.blank

    def check(value) -> bool:
        if type(value) is not str:
            return False
        if not value:
            return blank  # an empty value is skipped when blank is allowed, refused otherwise
        return len(value) <= limit and "\x00" not in value and (choices is None or value in choices)

    return check
