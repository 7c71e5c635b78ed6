"""The audit trail as people read it: record and column names in words, not field codes.

Snapshots keep the engine's field names and raw values (the contract of the audit); the
page shows each model's and field's ``verbose_name``, "Ya"/"Tidak" for booleans, "—" for
empty values and leaves structured values (report figures, screening facts) folded.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from impsmart.regions.templatetags.regions import region


@dataclass(frozen=True)
class Change:
    label: str
    before: object
    after: object
    structured: bool  # a dict or list: shown folded, as data


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def record_label(label: str) -> str:
    model = _model(label)
    return str(model._meta.verbose_name).capitalize() if model else label


def _field_label(model, name: str) -> str:
    if model is None:
        return name
    try:
        field = model._meta.get_field(name.removesuffix("_id"))
    except FieldDoesNotExist:
        return name.replace("_", " ")
    return str(getattr(field, "verbose_name", name)).capitalize()


def _value(key: str, value: object) -> object:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if key == "region_code":
        return region(value)
    return value


def changes(event) -> list[Change]:
    """The event's changed columns, labelled for the audit page."""
    model = _model(event.model)
    return [
        Change(
            label=_field_label(model, key),
            before=_value(key, old),
            after=_value(key, new),
            structured=isinstance(old, dict | list) or isinstance(new, dict | list),
        )
        for key, old, new in event.changes()
    ]
