"""Forms of the training app, sized for a phone; the rules live in ``actions.py``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart.counseling.facilities import region_choices
from impsmart.counseling.forms import date_field
from impsmart.plaintext import PlainTextForm
from impsmart.regions.models import Level, Region
from impsmart.training import book
from impsmart.training.models import BorrowerKind, Kind, Organiser, TitleKind


class EventForm(PlainTextForm, forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Kind.choices)
    title = forms.CharField(label=_("Judul"), max_length=150)
    region_code = forms.ChoiceField(label=_("Wilayah (kecamatan, kabupaten atau desa)"))
    organiser = forms.ChoiceField(label=_("Penyelenggara"), choices=Organiser.choices)
    facilitators = forms.CharField(label=_("Fasilitator"), max_length=300)
    place = forms.CharField(label=_("Tempat"), max_length=150)
    starts_on = date_field(_("Mulai"))
    ends_on = date_field(_("Selesai"))
    schedule = forms.CharField(
        label=_("Jadwal"), required=False, widget=forms.Textarea({"rows": 3})
    )
    modules = forms.MultipleChoiceField(
        label=_("Modul (bab Buku Pintar)"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region_code"].choices = region_choices(user)
        self.fields["modules"].choices = list(book.titles().items())


class ParticipantForm(PlainTextForm, forms.Form):
    username = forms.CharField(label=_("Nama pengguna peserta"), max_length=150)
    attended = forms.BooleanField(label=_("Hadir"), required=False, initial=True)


class TestForm(PlainTextForm, forms.Form):
    """One radio group per question: a workshop test, or a chapter's self-quiz."""

    def __init__(self, *args: Any, questions: list[book.Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions, 1):
            self.fields[f"q_{question.id}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=list(enumerate(question.choices)),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih satu jawaban.")},
            )

    def answers(self) -> dict[str, int]:
        return {name[2:]: value for name, value in self.cleaned_data.items()}


class HouseForm(PlainTextForm, forms.Form):
    region_code = forms.ChoiceField(label=_("Kecamatan"))
    name = forms.CharField(label=_("Nama"), max_length=150)
    place = forms.CharField(label=_("Tempat"), max_length=200)
    keeper = forms.CharField(label=_("Pengelola"), max_length=150)
    opening_hours = forms.CharField(label=_("Jam buka"), max_length=150)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kecamatan = Region.objects.visible_to(user).filter(level=Level.KECAMATAN)
        self.fields["region_code"].choices = [(r.code, str(r)) for r in kecamatan.order_by("code")]


class TitleForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), choices=TitleKind.choices)
    copies = forms.IntegerField(label=_("Eksemplar"), min_value=1, max_value=999, initial=1)


class LoanForm(PlainTextForm, forms.Form):
    title = forms.TypedChoiceField(label=_("Judul"), coerce=int)
    borrower = forms.CharField(label=_("Peminjam"), max_length=150)
    borrower_kind = forms.ChoiceField(label=_("Peminjam dari"), choices=BorrowerKind.choices)
    lent_on = date_field(_("Tanggal pinjam"))

    def __init__(self, *args: Any, house: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].choices = [(t.pk, t.title) for t in house.titles.all()]


class ReturnForm(PlainTextForm, forms.Form):
    loan = forms.IntegerField(widget=forms.HiddenInput)
    returned_on = date_field(_("Tanggal kembali"))


class VisitForm(PlainTextForm, forms.Form):
    month = forms.DateField(
        label=_("Bulan"), input_formats=["%Y-%m"], widget=forms.DateInput({"type": "month"})
    )
    visits = forms.IntegerField(label=_("Jumlah kunjungan"), min_value=0, max_value=100000)
