"""Forms of meetings, attendance, minutes, actions and the forum, sized for a phone.

They check only what the browser sent; the rules live in ``meetings/actions.py``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.models import User
from impsmart.meetings.models import AttendanceRole
from impsmart.plaintext import PlainTextForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _people(actor: Any) -> Any:
    """Users the actor may pick (inside the actor's scope)."""
    return User.objects.visible_to(actor).filter(is_active=True).order_by("first_name", "username")


class MeetingForm(PlainTextForm, forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    time = forms.TimeField(label=_("Pukul"), required=False, widget=TIME)
    place = forms.CharField(label=_("Tempat"), max_length=150, required=False)
    agenda = forms.CharField(
        label=_("Acara lain (satu per baris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Acara pertama selalu: Tinjau tindak lanjut bulan lalu."),
    )


class AttendanceForm(PlainTextForm, forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=AttendanceRole.choices)
    user = forms.ModelChoiceField(label=_("Pengguna"), queryset=User.objects.none(), required=False)
    name = forms.CharField(label=_("atau tulis nama"), max_length=150, required=False)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _people(actor)


class MinutesForm(PlainTextForm, forms.Form):
    minutes = forms.CharField(
        label=_("Notulen"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    finalise = forms.BooleanField(
        label=_("Finalkan notulen (setelah itu hanya bisa ditambah adendum)"), required=False
    )


class AddendumForm(PlainTextForm, forms.Form):
    text = forms.CharField(label=_("Adendum"), widget=forms.Textarea(attrs={"rows": 3}))


class ActionForm(PlainTextForm, forms.Form):
    problem = forms.CharField(
        label=_("Masalah dan tindak lanjut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner_user = forms.ModelChoiceField(
        label=_("Penanggung jawab (pengguna)"), queryset=User.objects.none(), required=False
    )
    owner_name = forms.CharField(label=_("atau tulis nama"), max_length=150, required=False)
    due_on = forms.DateField(label=_("Batas waktu"), required=False, widget=DATE)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = _people(actor)


class CloseActionForm(PlainTextForm, forms.Form):
    result = forms.CharField(
        label=_("Hasil"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ThreadForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=150, required=False)
    body = forms.CharField(
        label=_("Pertanyaan"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReplyForm(PlainTextForm, forms.Form):
    body = forms.CharField(
        label=_("Balasan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
