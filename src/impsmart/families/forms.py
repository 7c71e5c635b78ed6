"""Forms of the family register, sized for a cadre's phone.

Forms only check what the browser sent (types, choices, NIK/KK shape); the rules of the
register live in ``families/actions.py``, ``families/contraception.py`` and
``families/plausibility.py``, whose refusals the views put back on these forms next to the
field they concern. A form whose write may ask for confirmation is a ``ConfirmForm``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart import dates
from impsmart.families import codes
from impsmart.families.identity import IdentityError, clean_kk, clean_nik
from impsmart.families.ks import INDICATORS
from impsmart.families.models import Member
from impsmart.plaintext import PlainTextForm
from impsmart.regions.choices import desa_and_dusun

BLANK = [("", "—")]


def date_field(label, required: bool = True) -> forms.DateField:
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(label=label, required=required, widget=widget)


def today_field(label) -> forms.DateField:
    field = date_field(label)
    field.initial = dates.today
    return field


class ConfirmForm(PlainTextForm, forms.Form):
    """A form whose write may answer with warnings the user must confirm."""

    confirmed = forms.BooleanField(label=_("Saya sudah memeriksa, tetap simpan"), required=False)
    needs_confirmation = False

    @property
    def asks_confirmation(self) -> bool:
        return self.needs_confirmation or bool(self["confirmed"].value())


class FamilyForm(PlainTextForm, forms.Form):
    region_code = forms.ChoiceField(
        label=_("Dusun/desa"),
        error_messages={"invalid_choice": _("Pilih dusun/desa di wilayah kerja Anda.")},
    )
    kk_number = forms.CharField(
        label=_("Nomor KK"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka, seperti tertulis di Kartu Keluarga."),
    )
    address = forms.CharField(label=_("Alamat (RT/RW, jalan)"), max_length=200, required=False)
    jkn = forms.NullBooleanField(label=_("Peserta JKN"), required=False)
    lat = forms.FloatField(label=_("Lintang"), required=False, min_value=-90, max_value=90)
    lng = forms.FloatField(label=_("Bujur"), required=False, min_value=-180, max_value=180)
    registered_on = today_field(_("Tanggal pendataan"))

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = desa_and_dusun(user)  # where a family may be registered
        current = self.initial.get("region_code")
        if current and current not in dict(choices):  # a family registered at RW/RT level
            choices.append((current, current))
        self.fields["region_code"].choices = choices
        if user.region_code in dict(choices):
            self.fields["region_code"].initial = user.region_code
        if editing:
            del self.fields["kk_number"]
            del self.fields["registered_on"]

    def clean_kk_number(self):
        try:
            return clean_kk(self.cleaned_data["kk_number"])
        except IdentityError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("lat") is None) != (cleaned.get("lng") is None):
            raise forms.ValidationError(
                _("Isi lintang dan bujur bersama, atau kosongkan keduanya.")
            )
        return cleaned


class MemberForm(ConfirmForm):
    name = forms.CharField(label=_("Nama lengkap"), max_length=120)
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka dari KTP/KK; kosongkan bila belum ada."),
    )
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=codes.Sex.choices, widget=forms.RadioSelect
    )
    birth_date = date_field(_("Tanggal lahir"))
    relation = forms.ChoiceField(label=_("Hubungan dengan kepala keluarga"))
    marital_status = forms.ChoiceField(label=_("Status kawin"), choices=codes.Marital.choices)
    spouse = forms.TypedChoiceField(
        label=_("Suami/istri (dalam KK ini)"), required=False, coerce=int, empty_value=None
    )
    education = forms.ChoiceField(
        label=_("Pendidikan"), choices=BLANK + codes.Education.choices, required=False
    )
    occupation = forms.CharField(label=_("Pekerjaan"), max_length=60, required=False)
    jkn = forms.NullBooleanField(label=_("Peserta JKN"), required=False)

    def __init__(self, *args, family, member: Member | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relation"].choices = codes.Relation.choices
        others = family.members.filter(left_on__isnull=True)
        if member is not None:
            others = others.exclude(pk=member.pk)
        self.fields["spouse"].choices = BLANK + [(m.pk, m.name) for m in others]

    def clean_nik(self):
        nik = self.cleaned_data["nik"]
        if not nik.strip():
            return ""
        try:
            return clean_nik(nik)
        except IdentityError as error:
            raise forms.ValidationError(str(error)) from error


class ExitForm(PlainTextForm, forms.Form):
    left_on = today_field(_("Tanggal keluar"))
    reason = forms.ChoiceField(
        label=_("Alasan"), choices=codes.ExitReason.choices, widget=forms.RadioSelect
    )


class KkNumberForm(PlainTextForm, forms.Form):
    """A new Kartu Keluarga number for a family (the old one is shown on the page)."""

    kk_number = forms.CharField(
        label=_("Nomor KK baru"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka, seperti tertulis di Kartu Keluarga yang baru."),
    )

    def clean_kk_number(self):
        try:
            return clean_kk(self.cleaned_data["kk_number"])
        except IdentityError as error:
            raise forms.ValidationError(str(error)) from error


class SeparationForm(PlainTextForm, forms.Form):
    """Cerai hidup, cerai mati or pindah of a couple: what happened, who left, and when."""

    event = forms.ChoiceField(
        label=_("Yang terjadi"),
        widget=forms.RadioSelect,
        choices=[
            (codes.Marital.DIVORCED, _("Cerai hidup: salah satu keluar dari KK ini")),
            (codes.Marital.WIDOWED, _("Cerai mati: suami atau istri meninggal")),
            (codes.ExitReason.MOVED, _("Pindah: keluar dari KK ini, masih kawin")),
        ],
    )
    leaving = forms.ChoiceField(
        label=_("Siapa yang meninggal atau keluar dari KK ini?"), widget=forms.RadioSelect
    )
    on = today_field(_("Tanggal kejadian"))

    def __init__(self, *args, wife: Member, husband: Member, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {"suami": husband, "istri": wife}
        self.fields["leaving"].choices = [
            ("suami", _("Suami: %(name)s") % {"name": husband.name}),
            ("istri", _("Istri: %(name)s") % {"name": wife.name}),
        ]

    def leaving_member(self) -> Member:
        return self.people[self.cleaned_data["leaving"]]


class HusbandForm(PlainTextForm, forms.Form):
    """Hubungkan suami: the husband of a married woman, among the men on her KK."""

    husband = forms.TypedChoiceField(label=_("Suaminya"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, men: list[Member], **kwargs):
        super().__init__(*args, **kwargs)
        self.men = {man.pk: man for man in men}
        self.fields["husband"].choices = [(man.pk, self.describe(man)) for man in men]

    @staticmethod
    def describe(man: Member) -> str:
        facts = {"name": man.name, "relation": man.get_relation_display()}
        return _("%(name)s (%(relation)s, lahir %(year)s)") % {**facts, "year": man.birth_date.year}

    def chosen(self) -> Member:
        return self.men[self.cleaned_data["husband"]]


class MethodForm(ConfirmForm):
    """Mulai KB and ganti cara: which method, since when, and where it was served."""

    method = forms.ChoiceField(
        label=_("Metode"), choices=codes.Method.choices, widget=forms.RadioSelect
    )
    start_date = today_field(_("Tanggal"))
    jalur = forms.ChoiceField(label=_("Jalur"), choices=BLANK + codes.Jalur.choices, required=False)
    place = forms.ChoiceField(
        label=_("Tempat pelayanan"), choices=BLANK + codes.Place.choices, required=False
    )
    method_type = forms.ChoiceField(
        label=_("Jenis (bila diketahui)"),
        required=False,
        choices=BLANK + codes.MethodType.choices,
    )


class StopForm(PlainTextForm, forms.Form):
    end_date = today_field(_("Tanggal berhenti"))
    reason = forms.ChoiceField(
        label=_("Alasan berhenti"),
        choices=[c for c in codes.EndReason.choices if c[0] != codes.EndReason.SWITCH],
        widget=forms.RadioSelect,
    )


class PregnancyForm(ConfirmForm):
    start_date = today_field(_("Mulai hamil (atau pertama diketahui)"))


class OutcomeForm(PlainTextForm, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Hasil kehamilan"), choices=codes.Outcome.choices, widget=forms.RadioSelect
    )
    outcome_date = today_field(_("Tanggal persalinan/keguguran"))


class IntentionForm(ConfirmForm):
    intention = forms.ChoiceField(
        label=_("Keinginan ber-anak"), choices=codes.Intention.choices, widget=forms.RadioSelect
    )
    recorded_on = today_field(_("Tanggal"))


class KsForm(PlainTextForm, forms.Form):
    """The 21 indicators of Tahapan KS, one checkbox each, grouped by stage."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, stage, label in INDICATORS:
            self.fields[code] = forms.BooleanField(label=label, required=False)
            self.fields[code].stage = codes.KsStage(stage).label

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        grouped: dict[str, list[forms.BoundField]] = {}
        for code, _stage, _label in INDICATORS:
            grouped.setdefault(self.fields[code].stage, []).append(self[code])
        return list(grouped.items())

    def answers(self) -> dict[str, bool]:
        return {code: bool(self.cleaned_data.get(code)) for code, _s, _l in INDICATORS}
