"""Forms of KIE, counselling (with the MEC screening), referrals, visits and partner facilities,
sized for a phone.

Forms check only what the browser sent; the rules live in ``counseling/actions.py`` and the
MEC engine, whose messages the views put back on these forms.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.counseling.facilities import region_choices
from impsmart.counseling.models import (
    AGE_GROUPS,
    Facility,
    KieTopic,
    Partner,
    Presenter,
    Referral,
    Visit,
)
from impsmart.counseling.visits import KINDS
from impsmart.families import codes
from impsmart.plaintext import PlainTextForm
from impsmart.regions.choices import desa_and_dusun

BLANK = [("", "—")]
YES_NO = [("", _("Belum ditanyakan")), ("ya", _("Ya")), ("tidak", _("Tidak"))]
# The common conditions a cadre can ask about: (fact key=value, label).
COMMON_CONDITIONS = [
    ("hypertension=controlled", _("Hipertensi yang terkontrol")),
    ("dvt=history", _("Pernah trombosis vena dalam (DVT/emboli paru)")),
    ("headache=migraine_with_aura", _("Migrain dengan aura")),
    ("unexplained_vaginal_bleeding", _("Perdarahan vagina yang belum jelas sebabnya")),
    ("breast_cancer=current", _("Kanker payudara sekarang")),
    ("diabetes=organ_damage", _("Diabetes dengan komplikasi")),
    ("stroke", _("Pernah stroke")),
    ("ihd=current", _("Penyakit jantung koroner")),
    ("past_ectopic", _("Pernah hamil di luar kandungan")),
    ("pid=current", _("Radang panggul (PID) sekarang")),
    ("drug=rifampicin", _("Minum rifampisin (obat TBC)")),
    ("drug=anticonvulsant", _("Minum obat anti-kejang")),
    ("latex_allergy", _("Alergi lateks")),
]


def date_field(label: Any, required: bool = True) -> forms.DateField:
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    field = forms.DateField(label=label, required=required, widget=widget)
    field.initial = dates.today
    return field


def count_field(label: Any) -> forms.IntegerField:
    widget = forms.NumberInput(attrs={"inputmode": "numeric"})
    return forms.IntegerField(label=label, min_value=0, initial=0, widget=widget)


class KieSessionForm(PlainTextForm, forms.Form):
    date = date_field(_("Tanggal"))
    # Not a ChoiceField: a region outside the scope must reach the action and answer 403.
    region_code = forms.CharField(label=_("Desa/dusun"), max_length=40, widget=forms.Select)
    place = forms.CharField(label=_("Tempat"), max_length=120)
    topics = forms.MultipleChoiceField(
        label=_("Materi"), choices=KieTopic.choices, widget=forms.CheckboxSelectMultiple
    )
    presenter_kind = forms.ChoiceField(label=_("Penyuluh"), choices=Presenter.choices)
    presenter_name = forms.CharField(label=_("Nama penyuluh"), max_length=120)
    partners = forms.MultipleChoiceField(
        label=_("Mitra yang terlibat"),
        choices=Partner.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kie_kit = forms.BooleanField(label=_("Memakai KIE kit"), required=False)
    leaders_active = count_field(_("Tokoh masyarakat/agama yang aktif"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region_code"].widget.choices = desa_and_dusun(user)
        for group, label in AGE_GROUPS:
            for sex, sex_label in (("l", "L"), ("p", "P")):
                name = f"audience_{group}_{sex}"
                self.fields[name] = count_field(
                    _("Peserta %(sex)s %(age)s") % {"sex": sex_label, "age": label}
                )

    def audience_fields(self) -> list[forms.BoundField]:
        return [self[f"audience_{g}_{s}"] for g, _label in AGE_GROUPS for s in "lp"]


class CounselingForm(PlainTextForm, forms.Form):
    """Counselling and the client facts of the MEC screening (shared MEC README §8)."""

    date = date_field(_("Tanggal"))
    topics = forms.MultipleChoiceField(
        label=_("Materi"),
        choices=KieTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    intention = forms.ChoiceField(
        label=_("Keinginan ber-anak"),
        choices=BLANK + list(codes.Intention.choices),
        required=False,
        help_text=_("Diisi bila klien belum ber-KB; tercatat di register."),
    )
    age = forms.IntegerField(label=_("Umur (tahun)"), required=False)
    breastfeeding = forms.ChoiceField(label=_("Sedang menyusui?"), choices=YES_NO, required=False)
    postpartum_weeks = forms.IntegerField(
        label=_("Minggu sejak melahirkan"),
        required=False,
        help_text=_("Kosongkan bila tidak baru melahirkan."),
    )
    smoking = forms.BooleanField(label=_("Merokok"), required=False)
    cigarettes_per_day = forms.IntegerField(label=_("Batang rokok per hari"), required=False)
    bp = forms.CharField(
        label=_("Tekanan darah (mmHg)"),
        required=False,
        max_length=9,
        widget=forms.TextInput(attrs={"placeholder": "120/80", "inputmode": "numeric"}),
    )
    common = forms.MultipleChoiceField(
        label=_("Kondisi kesehatan"),
        choices=COMMON_CONDITIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    conditions = forms.CharField(
        label=_("Kode kondisi lain (pisahkan dengan koma)"),
        required=False,
        max_length=400,
        help_text=_("Kode dari tabel WHO MEC, mis. obesity_bmi30, thalassaemia."),
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea({"rows": 2}))

    def facts(self) -> dict[str, Any]:
        """The client facts for ``mec.evaluate``, without the questions left blank."""
        data = self.cleaned_data
        facts: dict[str, Any] = {}
        for key in ("age", "postpartum_weeks", "cigarettes_per_day"):
            if data.get(key) is not None:
                facts[key] = data[key]
        if data.get("breastfeeding"):
            facts["breastfeeding"] = data["breastfeeding"] == "ya"
        if data.get("smoking"):
            facts["smoking"] = True
        if data.get("bp"):
            facts["bp"] = data["bp"].strip()
        for item in data.get("common", []):
            key, _sep, value = item.partition("=")
            if key == "drug" and "drug" in facts:
                facts["drug"] = [facts["drug"], value]
            else:
                facts[key] = value or True
        ids = [c.strip() for c in data.get("conditions", "").split(",") if c.strip()]
        if ids:
            facts["conditions"] = ids
        return facts


class ReferralForm(PlainTextForm, forms.Form):
    facility = forms.ModelChoiceField(label=_("Dirujuk ke"), queryset=Facility.objects.none())
    method_wanted = forms.ChoiceField(
        label=_("Metode yang diinginkan"),
        choices=BLANK + list(codes.Method.choices),
        required=False,
    )
    reason = forms.CharField(label=_("Alasan rujukan"), max_length=300)
    sent_on = date_field(_("Tanggal rujukan"))

    def __init__(self, *args: Any, facilities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class AnswerForm(PlainTextForm, forms.Form):
    """The facility's answer to a referral."""

    served = forms.TypedChoiceField(
        label=_("Hasil"),
        choices=[("1", _("Dilayani")), ("0", _("Tidak dilayani"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label=_("Metode yang diberikan"),
        choices=BLANK + list(codes.Method.choices),
        required=False,
    )
    method_type = forms.ChoiceField(
        label=_("Jenis (bila diketahui)"),
        choices=BLANK + list(codes.MethodType.choices),
        required=False,
    )
    served_on = date_field(_("Tanggal dilayani"), required=False)
    jalur = forms.ChoiceField(
        label=_("Jalur"), choices=BLANK + list(codes.Jalur.choices), required=False
    )
    reason = forms.CharField(label=_("Alasan tidak dilayani"), required=False, max_length=300)


class ConfirmReferralForm(PlainTextForm, forms.Form):
    confirmed = forms.BooleanField(label=_("Saya sudah memeriksa, tetap simpan"), required=False)


class VisitForm(PlainTextForm, forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=list(KINDS.items()), widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("Hasil kunjungan"), choices=Visit.Outcome.choices)
    date = date_field(_("Tanggal"))
    note = forms.CharField(label=_("Catatan"), required=False, max_length=300)


class FacilityForm(PlainTextForm, forms.Form):
    name = forms.CharField(
        label=_("Nama fasilitas"),
        max_length=120,
        help_text=_("Mis. Puskesmas Bontomarannu, Pustu Bontoa, Bidan Praktik Hj. Rosmini."),
        error_messages={"required": _("Tulis nama fasilitas.")},
    )
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=BLANK + list(Facility.Kind.choices),
        error_messages={"required": _("Pilih jenis fasilitas.")},
    )
    # Not a ChoiceField: a region outside the scope must reach the action and answer 403.
    region_code = forms.CharField(
        label=_("Wilayah yang dilayani"),
        max_length=40,
        widget=forms.Select,
        help_text=_(
            "Kecamatan untuk Puskesmas dan rumah sakit (kabupaten untuk RSUD); desa/kelurahan "
            "untuk pustu, polindes dan bidan praktik mandiri; klinik boleh keduanya."
        ),
        error_messages={"required": _("Pilih kecamatan atau desa/kelurahan yang dilayani.")},
    )
    phone = forms.CharField(
        label=_("Telepon"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region_code"].widget.choices = BLANK + region_choices(user)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        label = f"{obj.username} · {obj.first_name}" if obj.first_name else obj.username
        link = getattr(obj, "facility_link", None)
        if link is None:
            return label
        return _("%(user)s (kini petugas %(facility)s)") % {
            "user": label,
            "facility": link.facility,
        }


class StaffLinkForm(PlainTextForm, forms.Form):
    """Pick a mitra account in scope to answer a facility's referrals."""

    user = StaffChoiceField(
        label=_("Akun mitra"),
        queryset=User.objects.none(),
        empty_label="—",
        help_text=_("Akun yang sudah menjadi petugas fasilitas lain akan dipindahkan ke sini."),
        error_messages={
            "required": _("Pilih akun mitra."),
            "invalid_choice": _(
                "Pilih salah satu akun mitra dari daftar (akun Mitra di wilayah Anda yang "
                "belum menjadi petugas fasilitas ini)."
            ),
        },
    )

    def __init__(self, *args: Any, actor: Any, facility: Facility, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.visible_to(actor)
            .filter(role=Role.MITRA, is_active=True)
            .exclude(facility_link__facility=facility)
            .select_related("facility_link__facility")
            .order_by("username")
        )


REFERRAL_STATUS_CHOICES = BLANK + list(Referral.Status.choices)
