"""Forms of the funds pages; amounts are whole rupiah as cadres write them (10000 or 10.000)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart import dates
from impsmart.funds.models import Fund, Kind
from impsmart.plaintext import PlainTextForm

RUPIAH = re.compile(r"\d{1,3}(\.\d{3})+|\d+")


class RupiahField(forms.CharField):
    """Whole rupiah: digits, with dots between thousands allowed; no decimals, no sign."""

    def __init__(self, *, allow_zero: bool = False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (super().to_python(value) or "").replace(" ", "")
        if text in self.empty_values:
            return None
        if text.startswith("-"):
            raise forms.ValidationError(_("Jumlah tidak boleh negatif."))
        if not RUPIAH.fullmatch(text):
            raise forms.ValidationError(_("Jumlah harus rupiah bulat, tanpa koma atau sen."))
        amount = int(text.replace(".", ""))
        if amount == 0 and not self.allow_zero:
            raise forms.ValidationError(_("Jumlah harus lebih dari nol."))
        return amount


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month"})

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return dates.parse_month(text)
        except ValueError as error:
            raise forms.ValidationError(_("Tulis bulan sebagai TTTT-BB, mis. 2026-11.")) from error


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format)


def _members(fund: Fund):
    return fund.members.order_by("name", "pk")


class FundForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Nama dana"), max_length=120)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Fund.Kind.choices)
    treasurer_name = forms.CharField(label=_("Nama bendahara"), max_length=120)
    chair_name = forms.CharField(label=_("Nama ketua"), max_length=120)
    dues_amount = RupiahField(
        label=_("Iuran per bulan (Rp)"),
        required=False,
        allow_zero=True,
        help_text=_("0 = tanpa iuran"),
    )


class MemberForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=120)
    joined_on = forms.DateField(label=_("Bergabung"), widget=DateInput)
    invited_by = forms.ModelChoiceField(
        label=_("Diajak oleh"), queryset=None, required=False, empty_label=_("— pendiri —")
    )

    def __init__(self, *args, fund: Fund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited_by"].queryset = _members(fund)
        self.fields["joined_on"].initial = dates.today()


class DuesForm(PlainTextForm, forms.Form):
    month = MonthField(label=_("Bulan iuran"))
    date = forms.DateField(label=_("Tanggal bayar"), widget=DateInput)
    paid = forms.ModelMultipleChoiceField(
        label=_("Yang membayar"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, fund: Fund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid"].queryset = _members(fund)


class EntryForm(PlainTextForm, forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=[(Kind.INCOME, Kind.INCOME.label), (Kind.SPENDING, Kind.SPENDING.label)],
    )
    amount = RupiahField(label=_("Jumlah (Rp)"))
    date = forms.DateField(label=_("Tanggal"), widget=DateInput)
    purpose = forms.CharField(
        label=_("Keperluan / sumber"), max_length=200, help_text=_("mis. dukungan mitra, UPPKA")
    )
    receipt = forms.FileField(
        label=_("Foto kuitansi"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )


class ReverseForm(PlainTextForm, forms.Form):
    reason = forms.CharField(label=_("Alasan koreksi"), max_length=200)
    date = forms.DateField(label=_("Tanggal koreksi"), widget=DateInput)


class CycleForm(PlainTextForm, forms.Form):
    contribution = RupiahField(label=_("Setoran per bulan (Rp)"))
    starts_on = MonthField(label=_("Bulan pertama"))
    members = forms.ModelMultipleChoiceField(
        label=_("Anggota arisan"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, fund: Fund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = _members(fund)


class CommitForm(PlainTextForm, forms.Form):
    commitment = forms.CharField(
        label=_("Komitmen (SHA-256 benih rahasia)"),
        max_length=64,
        help_text=_("Sidik SHA-256 dari benih yang akan dibuka saat pertemuan."),
    )


class RevealForm(PlainTextForm, forms.Form):
    seed = forms.CharField(label=_("Benih (dibuka di pertemuan)"), max_length=200)
    date = forms.DateField(label=_("Tanggal undian"), widget=DateInput)


class ContributeForm(PlainTextForm, forms.Form):
    member = forms.ModelChoiceField(label=_("Anggota"), queryset=None)
    period = forms.IntegerField(label=_("Bulan ke"), min_value=1)
    date = forms.DateField(label=_("Tanggal setor"), widget=DateInput)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = cycle.members.order_by("name", "pk")


class DateForm(PlainTextForm, forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DateInput)


class CountForm(PlainTextForm, forms.Form):
    date = forms.DateField(label=_("Tanggal hitung"), widget=DateInput)
    counted = RupiahField(label=_("Uang terhitung (Rp)"), allow_zero=True)


class ExplainForm(PlainTextForm, forms.Form):
    reason = forms.CharField(label=_("Penjelasan selisih"), max_length=200)
