"""Forms of institutions, boards, decrees and partners, sized for a phone.

Forms check only what the browser sent; the rules live in ``organization/actions.py``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.counseling.models import Facility
from impsmart.organization.models import Funding, Level, Partner, PartnerActivity, Seat
from impsmart.plaintext import PlainTextForm
from impsmart.regions.models import Level as RegionLevel
from impsmart.regions.models import Region

BLANK = [("", "—")]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def region_choices(user: Any, levels: list[str]) -> list[tuple[str, str]]:
    regions = Region.objects.visible_to(user).filter(level__in=levels).order_by("code")
    return [(r.code, f"{r} · {r.code}") for r in regions]


class InstitutionForm(PlainTextForm, forms.Form):
    level = forms.ChoiceField(label=_("Tingkat"), choices=BLANK + list(Level.choices))
    # Not a ChoiceField: a region outside the scope must reach the action and answer 403.
    region_code = forms.CharField(label=_("Wilayah"), max_length=40, widget=forms.Select)
    name = forms.CharField(label=_("Nama"), max_length=150, help_text=_("Mis. PPKBD Bontoa."))
    founded_on = forms.DateField(label=_("Tanggal berdiri"), required=False, widget=DATE)
    funding = forms.MultipleChoiceField(
        label=_("Sumber dana"),
        choices=Funding.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pembina = forms.ModelChoiceField(
        label=_("Pembina (PKB/PLKB)"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, edited: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [
            RegionLevel.KABUPATEN,
            RegionLevel.KECAMATAN,
            RegionLevel.DESA,
            RegionLevel.DUSUN,
            RegionLevel.RW,
            RegionLevel.RT,
        ]
        self.fields["region_code"].widget.choices = BLANK + region_choices(user, levels)
        self.fields["pembina"].queryset = User.objects.filter(
            role__in=[Role.PKB, Role.KOORDINATOR_KECAMATAN], is_active=True
        ).order_by("username")
        if edited is not None:  # level and region make the code: fixed once created
            del self.fields["level"], self.fields["region_code"]


class SeatForm(PlainTextForm, forms.Form):
    seat = forms.ChoiceField(label=_("Jabatan"), choices=BLANK + list(Seat.choices))
    user = forms.ModelChoiceField(
        label=_("Pengguna (kader/PKB)"), queryset=User.objects.none(), required=False
    )
    member_nik = forms.CharField(
        label=_("atau NIK anggota register"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("atau nama"), max_length=150, required=False)
    started_on = forms.DateField(label=_("Mulai menjabat"), widget=DATE, initial=dates.today)

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        code = institution.region_code
        users = User.objects.filter(is_active=True).exclude(role__in=[Role.MITRA, Role.PIMPINAN])
        self.fields["user"].queryset = users.filter(region_code__startswith=code).order_by(
            "username"
        ) | users.filter(region_code=code)


class EndSeatForm(PlainTextForm, forms.Form):
    ended_on = forms.DateField(label=_("Selesai"), widget=DATE, initial=dates.today)


class DecreeDraftForm(PlainTextForm, forms.Form):
    region_code = forms.CharField(label=_("Wilayah SK"), max_length=40, widget=forms.Select)
    year = forms.IntegerField(label=_("Tahun berlaku"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = region_choices(user, [RegionLevel.KABUPATEN, RegionLevel.KECAMATAN])
        self.fields["region_code"].widget.choices = choices


class DecreeRecordForm(DecreeDraftForm):
    number = forms.CharField(label=_("Nomor SK"), max_length=100)
    signed_on = forms.DateField(label=_("Tanggal ditetapkan"), widget=DATE)
    signatory = forms.CharField(
        label=_("Penandatangan"), max_length=150, help_text=_("Mis. Bupati Gowa.")
    )
    effective_on = forms.DateField(label=_("Berlaku mulai"), widget=DATE)
    upload = forms.FileField(
        label=_("Pindaian SK (PDF, JPEG atau PNG, maks. 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class PartnerForm(PlainTextForm, forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=BLANK + list(Partner.Kind.choices))
    name = forms.CharField(
        label=_("Nama"), max_length=150, help_text=_("Mis. Polsek Bontomarannu.")
    )
    region_code = forms.CharField(label=_("Wilayah"), max_length=40, widget=forms.Select)
    facility = forms.ModelChoiceField(
        label=_("Fasilitas kesehatan (Puskesmas/bidan)"),
        queryset=Facility.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [RegionLevel.KABUPATEN, RegionLevel.KECAMATAN, RegionLevel.DESA]
        self.fields["region_code"].widget.choices = BLANK + region_choices(user, levels)
        self.fields["facility"].queryset = Facility.objects.visible_to(user).order_by("name")


class ContactForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=150)
    position = forms.CharField(label=_("Jabatan"), max_length=100, required=False)
    phone = forms.CharField(
        label=_("Telepon"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )


class ActivityForm(PlainTextForm, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kegiatan"), choices=BLANK + list(PartnerActivity.Kind.choices)
    )
    date = forms.DateField(label=_("Tanggal"), widget=DATE, initial=dates.today)
    region_code = forms.CharField(label=_("Wilayah kegiatan"), max_length=40, widget=forms.Select)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, partner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [RegionLevel.KECAMATAN, RegionLevel.DESA, RegionLevel.DUSUN]
        self.fields["region_code"].widget.choices = region_choices(user, levels)
