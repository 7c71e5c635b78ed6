"""Forms of the poktan pages; the rules live in ``actions.py``, whose refusals land here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart.families.forms import date_field, today_field
from impsmart.groups import curriculum, kka
from impsmart.groups.models import (
    CapitalSource,
    Group,
    Integration,
    Kind,
    Kit,
    Presenter,
    SkIssuer,
)
from impsmart.organization.models import Funding
from impsmart.plaintext import PlainTextForm
from impsmart.regions.choices import desa_and_dusun

CHECKS = forms.CheckboxSelectMultiple


class GroupForm(PlainTextForm, forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Kind.choices)
    # Not a ChoiceField: a region outside the scope must reach the action and answer 403.
    region_code = forms.CharField(label=_("Desa/dusun"), max_length=40, widget=forms.Select)
    name = forms.CharField(label=_("Nama kelompok"), max_length=150)
    sk_number = forms.CharField(label=_("Nomor SK pengukuhan"), max_length=80, required=False)
    sk_date = date_field(_("Tanggal SK"), required=False)
    sk_issuer = forms.ChoiceField(
        label=_("SK dikeluarkan oleh"), choices=[("", "—"), *SkIssuer.choices], required=False
    )
    funding = forms.MultipleChoiceField(
        label=_("Sumber dana"), choices=Funding.choices, required=False, widget=CHECKS
    )
    integration = forms.MultipleChoiceField(
        label=_("Keterpaduan"), choices=Integration.choices, required=False, widget=CHECKS
    )
    kits = forms.MultipleChoiceField(
        label=_("Sarana"), choices=Kit.choices, required=False, widget=CHECKS
    )
    ketua = forms.CharField(label=_("Ketua"), max_length=120, required=False)
    sekretaris = forms.CharField(label=_("Sekretaris"), max_length=120, required=False)
    bendahara = forms.CharField(label=_("Bendahara"), max_length=120, required=False)

    def __init__(self, *args: Any, user: Any, group: Group | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["region_code"].widget.choices = desa_and_dusun(user)
        if group is not None:  # kind and region stay: members were enrolled by them
            del self.fields["kind"], self.fields["region_code"]


class EnrolForm(PlainTextForm, forms.Form):
    started_on = today_field(_("Mulai menjadi anggota"))
    chosen = forms.TypedMultipleChoiceField(
        label=_("Pilih yang didaftarkan"), coerce=int, widget=CHECKS, choices=[]
    )

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = candidates


class EndForm(PlainTextForm, forms.Form):
    ended_on = today_field(_("Tanggal berhenti"))
    reason = forms.CharField(label=_("Alasan"), max_length=120, required=False)


class SessionForm(PlainTextForm, forms.Form):
    date = today_field(_("Tanggal"))
    topic = forms.ChoiceField(label=_("Materi"))
    presenter_kind = forms.ChoiceField(label=_("Penyaji"), choices=Presenter.choices)
    presenter_name = forms.CharField(label=_("Nama penyaji"), max_length=120)
    discussion = forms.BooleanField(label=_("Ada diskusi"), required=False)
    attendees = forms.TypedMultipleChoiceField(
        label=_("Anggota yang hadir"), coerce=int, widget=CHECKS, choices=[], required=False
    )

    def __init__(self, *args: Any, group: Group, members: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = curriculum.TOPICS[group.kind]
        self.fields["attendees"].choices = members


class KkaForm(PlainTextForm, forms.Form):
    child = forms.TypedChoiceField(label=_("Anak"), coerce=int)
    ticked = forms.MultipleChoiceField(
        label=_("Tugas perkembangan yang sudah dicapai"),
        choices=[
            (c, f"{kka.BAND_LABELS[b]}: {label}")
            for b in kka.BANDS
            for c, label in kka.MILESTONES[b]
        ],
        widget=CHECKS,
        required=False,
    )

    def __init__(self, *args: Any, children: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = children


class CapitalForm(PlainTextForm, forms.Form):
    source = forms.ChoiceField(label=_("Sumber modal"), choices=CapitalSource.choices)
    # Text: a wrong amount must reach the action and come back in its words.
    amount = forms.CharField(
        label=_("Jumlah (Rp)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    received_on = today_field(_("Tanggal diterima"))


class RevenueForm(PlainTextForm, forms.Form):
    month = forms.DateField(
        label=_("Bulan"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    amount = forms.CharField(
        label=_("Omzet (Rp)"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
