"""The kabupaten's thresholds of the replication targets, one number field per threshold."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart.monitoring import targets
from impsmart.plaintext import PlainTextForm

KEY_LABELS = {
    (targets.MONTHS_OF_12, "met"): _("terpenuhi bila ≥ … dari 12 bulan"),
    (targets.MONTHS_OF_12, "partly"): _("sebagian bila ≥ … dari 12 bulan"),
    (targets.WINDOW, "months"): _("dalam … bulan terakhir"),
    (targets.PERCENT, "met"): _("terpenuhi bila ≥ … % kader"),
    (targets.PERCENT, "partly"): _("sebagian bila ≥ … % kader"),
}


class ThresholdForm(PlainTextForm, forms.Form):
    """Every threshold of T2–T9 (T1 has none), filled with the kabupaten's current ones."""

    def __init__(self, *args, rules: dict[str, dict[str, int]], **kwargs):
        super().__init__(*args, **kwargs)
        for code, values in rules.items():
            for key, value in values.items():
                self.fields[targets.field_name(code, key)] = forms.IntegerField(
                    label=KEY_LABELS[targets.UNITS[code], key],
                    initial=value,
                    error_messages={
                        "required": _("Isi angka ambang ini."),
                        "invalid": _("Tulis angka bulat, mis. 10."),
                    },
                )

    def targets(self) -> list[dict]:
        """Per target with thresholds: its code, label and bound fields, for the page."""
        return [
            {
                "code": code,
                "label": targets.TARGETS[code].label,
                "fields": [self[name] for name in self.fields if name.startswith(f"{code}_")],
            }
            for code in targets.UNITS
        ]

    def thresholds(self) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for name, value in self.cleaned_data.items():
            code, key = name.split("_", 1)
            found.setdefault(code, {})[key] = value
        return found

    def clean(self):
        cleaned = super().clean()
        for name, message in targets.problems(self.thresholds()).items():  # the typed ones
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned
