"""What a meeting reviews and announces: the carried actions, the agenda, the invitation.

Carry-forward is the default, not a choice: every action raised before a meeting and not closed
before it is on that meeting's first agenda item ("Tinjau tindak lanjut bulan lalu"), so
nothing drops out because someone forgot to pin it. A kecamatan body's meeting reviews its
desa institutions' actions too.
"""

from __future__ import annotations

import datetime as dt

from django.utils import dateformat, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impsmart import dates
from impsmart.accounts.scope import scope_filter
from impsmart.meetings.models import Action, ActionQuerySet, Meeting
from impsmart.organization.models import Institution, Level

REVIEW_ITEM = gettext_lazy("Tinjau tindak lanjut bulan lalu")
# Levels whose meetings also review the open actions of the institutions below them.
REVIEWS_BELOW = {Level.KECAMATAN}


def reviewed_actions(institution: Institution) -> ActionQuerySet:
    """The actions an institution's meetings follow up: its own, and below a kecamatan body."""
    if institution.level in REVIEWS_BELOW:
        return Action.objects.filter(scope_filter("region_code", [institution.region_code]))
    return Action.objects.filter(institution=institution)


def carried_actions(meeting: Meeting) -> ActionQuerySet:
    """The first agenda item's list: raised before the meeting, not closed before it."""
    return (
        reviewed_actions(meeting.institution)
        .open_at(meeting.date)
        .select_related("institution", "meeting")
    )


def record(meeting: Meeting, carried) -> dict:
    """What the meeting's page and its minutes show: the review item with the ``carried``
    actions, attendance, the actions raised and the addenda."""
    return {
        "meeting": meeting,
        "review_item": REVIEW_ITEM,
        "carried": carried,
        "attendance": meeting.attendance.all(),
        "raised": meeting.actions.all(),
        "addenda": meeting.addenda.all(),
    }


def next_date(last: dt.date) -> dt.date:
    """The same day of the following month (the month's last day when it is shorter)."""
    first = dates.add_months(last, 1)
    return first.replace(day=min(last.day, dates.last_day(first).day))


def long_date(day: dt.date) -> str:
    """``Selasa, 10 November 2026`` whatever the reader's language: the invitation is local."""
    with translation.override("id"):
        return dateformat.format(day, "l, j F Y")


def invitation_text(meeting: Meeting) -> str:
    """The invitation as plain text, ready to paste into WhatsApp or print."""
    carried = carried_actions(meeting).count()
    lines = [
        _("*Undangan Pertemuan Rutin %(name)s*") % {"name": meeting.institution.name},
        "",
        _("Hari/tanggal: %(day)s") % {"day": long_date(meeting.date)},
    ]
    if meeting.time:
        lines.append(_("Pukul: %(time)s WITA") % {"time": meeting.time.strftime("%H.%M")})
    lines += [_("Tempat: %(place)s") % {"place": meeting.place}, "", _("Acara:")]
    items = [f"{REVIEW_ITEM} ({carried} {_('terbuka')})", *meeting.agenda_items()]
    lines += [f"{n}. {item}" for n, item in enumerate(items, start=1)]
    lines += ["", _("Mohon hadir tepat waktu. Terima kasih.")]
    return "\n".join(lines)
