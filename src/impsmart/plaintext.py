"""Typed and imported text holds no control characters.

A NUL or another control character pasted into a name is invisible on screen but breaks what
reads it later: xlsx cannot hold it (one such name failed a desa's register download for
everyone) and PostgreSQL refuses NUL. Every form (``PlainTextForm``), the import and the API
refuse it with a message naming the field; ``spreadsheet`` drops any that reached the database.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _

# C0 controls, DEL and C1 controls. Multi-line text may also hold tab, newline and CR.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_IN_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control(text: str, *, multiline: bool = False) -> bool:
    return bool((CONTROL_IN_LINES if multiline else CONTROL).search(text))


def strip_controls(text: str) -> str:
    """``text`` without the characters no line of text may hold (tab, newline and CR stay)."""
    return CONTROL_IN_LINES.sub("", text)


def message(label: str) -> str:
    return _("%(field)s berisi karakter yang tidak sah; ketik ulang tanpa karakter khusus.") % {
        "field": label
    }


class NoControlCharacters:
    """A form field validator; tab and newline pass only in a multi-line field."""

    def __init__(self, label: str, *, multiline: bool):
        self.label, self.multiline = label, multiline

    def __call__(self, value: str) -> None:
        # A CharField subclass may clean to another type (a month field gives a date).
        if isinstance(value, str) and has_control(value, multiline=self.multiline):
            raise forms.ValidationError(message(self.label), code="control_character")


class PlainTextForm:
    """Mixin for every form of the project: each text field refuses control characters.

    Added at cleaning time, so fields that a form adds in its ``__init__`` are covered too.
    """

    def full_clean(self):
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField):
                continue
            if any(isinstance(v, NoControlCharacters) for v in field.validators):
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            field.validators.append(
                NoControlCharacters(str(field.label or name), multiline=multiline)
            )
        super().full_clean()
