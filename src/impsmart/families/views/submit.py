"""Run a register action for a form and put its refusals back on the form, by field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from impsmart.families.plausibility import ConfirmationRequired


def submit(
    form: forms.Form,
    write: Callable[..., Any],
    aliases: dict[str, str] | None = None,
    **kwargs: Any,
) -> Any:
    """``write(**kwargs)``, or None with the action's messages added to ``form``.

    ``aliases`` names the form field for an action's own field name (e.g. ``switch_date``
    shown on ``start_date``); messages for fields the form lacks go above the form.
    """
    try:
        return write(**kwargs)
    except ConfirmationRequired as error:
        form.needs_confirmation = True
        add_errors(form, error, aliases or {})
    except ValidationError as error:
        add_errors(form, error, aliases or {})
    return None


def add_errors(form: forms.Form, error: ValidationError, aliases: dict[str, str]) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        name = aliases.get(field, field)
        form.add_error(name if name in form.fields else None, messages)
