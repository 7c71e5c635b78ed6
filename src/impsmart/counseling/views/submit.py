"""Run a counselling action for a form; put its Indonesian refusals back on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from impsmart.counseling.mec import MecInputError


def submit(form: forms.Form, write: Callable[..., Any], **kwargs: Any) -> Any:
    """``write(**kwargs)``, or None with the refusal added to ``form`` by field."""
    try:
        return write(**kwargs)
    except MecInputError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, str(error))
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error.messages)
            return None
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    return None
