"""Forms of KB service days and PUP, sized for a phone. The rules live in ``actions.py``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart.counseling.forms import BLANK, date_field
from impsmart.counseling.models import KieTopic, Partner, Presenter
from impsmart.families import codes
from impsmart.plaintext import PlainTextForm
from impsmart.regions.choices import option_label
from impsmart.regions.models import Level, Region
from impsmart.services.pup import MENTORING_TOPICS


def region_options(user: Any, levels: list[str]) -> list[tuple[str, str]]:
    regions = Region.objects.visible_to(user).filter(level__in=levels).select_related("parent")
    return [(r.code, option_label(r)) for r in regions.order_by("code")]


class IdsField(forms.Field):
    """Ticked record ids; which of them the user may use is for the view and the action."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        try:
            return sorted({int(v) for v in values})
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Pilihan tidak dikenal; muat ulang halaman.")) from None


class ServiceDayForm(PlainTextForm, forms.Form):
    date = date_field(_("Tanggal pelayanan"))
    # Not a ChoiceField: a region outside the scope must reach the action and answer 403.
    region_code = forms.CharField(label=_("Wilayah"), max_length=40, widget=forms.Select)
    place = forms.CharField(label=_("Tempat"), max_length=120)
    facility = forms.ModelChoiceField(
        label=_("Fasilitas kesehatan"),
        queryset=None,
        error_messages={"invalid_choice": _("Pilih fasilitas dari daftar.")},
    )
    medical_staff = forms.CharField(
        label=_("Tenaga medis"),
        max_length=200,
        help_text=_("Mis. Bidan Sari, dr. Andi (Puskesmas)."),
    )
    methods = forms.MultipleChoiceField(
        label=_("Metode yang dilayani"),
        choices=codes.Method.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu metode yang dilayani.")},
    )
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, facilities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [Level.KECAMATAN, Level.DESA, Level.DUSUN]
        self.fields["region_code"].widget.choices = region_options(user, levels)
        self.fields["facility"].queryset = facilities


class InviteForm(PlainTextForm, forms.Form):
    members = IdsField(
        label=_("Sasaran yang diundang"),
        error_messages={"required": _("Pilih sedikitnya satu ibu dari daftar sasaran.")},
    )


class AttendanceForm(PlainTextForm, forms.Form):
    present = IdsField(label=_("Yang hadir"), required=False)


class MethodsForm(PlainTextForm, forms.Form):
    """One select per woman who came (``method_<invitation id>``), and the day's jalur."""

    jalur = forms.ChoiceField(label=_("Jalur"), choices=codes.Jalur.choices)

    def __init__(self, *args: Any, invitations: list, offered: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every method is listed, so a method the day does not offer reaches the action and
        # is refused there with the list of those it offers.
        choices = BLANK + [(m, codes.Method(m).label) for m in codes.Method.values]
        for invitation in invitations:
            self.fields[f"method_{invitation.pk}"] = forms.ChoiceField(
                label=invitation.member.name,
                choices=choices,
                required=False,
                initial=invitation.method,
            )
        self.offered = offered

    def method_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("method_")]

    def chosen(self) -> dict[int, str]:
        return {
            int(name.removeprefix("method_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("method_")
        }


class ConfirmForm(PlainTextForm, forms.Form):
    confirmed = forms.BooleanField(label=_("Saya sudah memeriksa, tetap simpan"), required=False)


class CoupleForm(PlainTextForm, forms.Form):
    region_code = forms.CharField(label=_("Desa/dusun"), max_length=40, widget=forms.Select)
    bride = forms.IntegerField(
        label=_("Calon istri dari register"), required=False, widget=forms.Select
    )
    bride_name = forms.CharField(label=_("Nama calon istri"), max_length=120, required=False)
    bride_birth_date = date_field(_("Tanggal lahir calon istri"), required=False)
    groom = forms.IntegerField(
        label=_("Calon suami dari register"), required=False, widget=forms.Select
    )
    groom_name = forms.CharField(label=_("Nama calon suami"), max_length=120, required=False)
    groom_birth_date = date_field(_("Tanggal lahir calon suami"), required=False)
    planned_on = date_field(_("Rencana menikah"), required=False)
    married_on = date_field(_("Sudah menikah pada"), required=False)

    def __init__(self, *args: Any, user: Any, brides: Any, grooms: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region_code"].widget.choices = region_options(user, [Level.DESA, Level.DUSUN])
        for name, people in (("bride", brides), ("groom", grooms)):
            options = [(p.pk, f"{p.name} ({p.birth_date:%d-%m-%Y})") for p in people]
            self.fields[name].widget.choices = [("", _("— tidak ada di register —")), *options]
        for name in ("bride_birth_date", "groom_birth_date", "planned_on", "married_on"):
            self.fields[name].initial = None
        self.fields["bride_birth_date"].help_text = _(
            "Isi nama dan tanggal lahir bila ia tidak ada di register wilayah ini."
        )
        self.fields["married_on"].help_text = _("Kosongkan bila belum menikah.")


class MarriageForm(PlainTextForm, forms.Form):
    married_on = date_field(_("Tanggal menikah"))


class MentoringForm(PlainTextForm, forms.Form):
    """A PUP mentoring session: a KIE session with the young people and couples named."""

    date = date_field(_("Tanggal"))
    place = forms.CharField(label=_("Tempat"), max_length=120)
    topics = forms.MultipleChoiceField(
        label=_("Materi"),
        choices=[(t.value, t.label) for t in MENTORING_TOPICS],
        widget=forms.CheckboxSelectMultiple,
        initial=[KieTopic.PUP],
    )
    presenter_kind = forms.ChoiceField(label=_("Pendamping"), choices=Presenter.choices)
    presenter_name = forms.CharField(label=_("Nama pendamping"), max_length=120)
    partners = forms.MultipleChoiceField(
        label=_("Mitra yang terlibat"),
        choices=Partner.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people = IdsField(label=_("Remaja yang hadir"), required=False)
    couples = IdsField(label=_("Calon pengantin yang hadir"), required=False)
