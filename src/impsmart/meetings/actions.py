"""Writes of meetings, attendance, minutes, action items and the forum.

Each function is an ``@action``: atomic and audited as ``actor``. Scope and role are checked
here (403); refusals are ``ValidationError`` in Indonesian, keyed by the form field concerned.
Finalised minutes are read-only (corrections are addenda); actions close only with a result
and are never deleted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from impsmart import dates
from impsmart.accounts.audit import action
from impsmart.accounts.scope import require_writable, user_scope_codes
from impsmart.meetings import agenda
from impsmart.meetings.models import (
    Action,
    Addendum,
    Attendance,
    Meeting,
    Post,
    Thread,
    ThreadRead,
    ancestors,
)
from impsmart.organization.models import Institution
from impsmart.regions.models import Level, Region

PERMISSION = "manage_meetings"
FORUM_PERMISSION = "use_forum"
BOARD_LEVELS = {Level.KECAMATAN, Level.KABUPATEN}


def _writable(actor: Any, meeting: Meeting) -> None:
    require_writable(actor, meeting.region_code, PERMISSION)


def _not_final(meeting: Meeting) -> None:
    if meeting.finalised:
        raise ValidationError(
            _("Notulen pertemuan ini sudah final; koreksi dicatat sebagai adendum.")
        )


def _held(meeting: Meeting, field: str | None = None) -> None:
    """Attendance, minutes and actions belong to a meeting that has taken place."""
    if meeting.date > dates.today():
        message = _(
            "Pertemuan tanggal %(date)s belum berlangsung; catat kehadiran, notulen dan "
            "tindak lanjut setelah pertemuan."
        ) % {"date": f"{meeting.date:%d-%m-%Y}"}
        raise ValidationError({field: message} if field else message)


def _required(field: str, value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@action
def schedule_meeting(
    *,
    actor: Any,
    institution: Institution,
    date: dt.date,
    place: str,
    time: dt.time | None = None,
    agenda: str = "",
) -> Meeting:
    require_writable(actor, institution.region_code, PERMISSION)
    if not institution.active:
        raise ValidationError(_("%(name)s tidak aktif lagi.") % {"name": institution.name})
    place = _required("place", place, _("Tulis tempat pertemuan."))
    return Meeting.objects.create(
        institution=institution,
        region_code=institution.region_code,
        date=date,
        time=time,
        place=place,
        agenda=agenda.strip(),
        created_by=actor,
    )


@action
def schedule_next(*, actor: Any, institution: Institution) -> Meeting:
    """Next month's meeting from the last one (same day, time, place, standing agenda)."""
    require_writable(actor, institution.region_code, PERMISSION)
    last = Meeting.objects.filter(institution=institution).order_by("-date", "-pk").first()
    if last is None:
        raise ValidationError(
            _("Belum ada pertemuan sebelumnya; isi tanggal dan tempat pertemuan pertama.")
        )
    day = agenda.next_date(last.date)
    same_month = Meeting.objects.filter(
        institution=institution, date__gte=day.replace(day=1), date__lte=dates.last_day(day)
    ).first()
    if same_month is not None:
        return same_month
    return schedule_meeting(
        actor=actor,
        institution=institution,
        date=day,
        place=last.place,
        time=last.time,
        agenda=last.agenda,
    )


@action
def update_meeting(
    *, actor: Any, meeting: Meeting, date: dt.date, place: str, time=None, agenda: str = ""
) -> Meeting:
    _writable(actor, meeting)
    _not_final(meeting)
    meeting.date = date
    meeting.time = time
    meeting.place = _required("place", place, _("Tulis tempat pertemuan."))
    meeting.agenda = agenda.strip()
    meeting.save()
    return meeting


@action
def add_attendance(
    *,
    actor: Any,
    meeting: Meeting,
    role: str,
    name: str = "",
    user: Any = None,
    member: Any = None,
) -> Attendance:
    _writable(actor, meeting)
    _not_final(meeting)
    _held(meeting)
    if user is not None:
        name = name or user.get_full_name() or user.username
    if member is not None:
        name = name or member.name
    name = _required("name", name, _("Tulis nama yang hadir, atau pilih pengguna."))
    found = Attendance.objects.filter(meeting=meeting, name=name, role=role).first()
    if found is not None:
        return found  # the same person marked twice is present once
    return Attendance.objects.create(
        meeting=meeting, role=role, name=name, user=user, member=member
    )


@action
def save_minutes(*, actor: Any, meeting: Meeting, minutes: str, finalise: bool = False) -> Meeting:
    _writable(actor, meeting)
    _not_final(meeting)
    _held(meeting, "minutes")
    minutes = minutes.strip()
    if finalise:
        _required("minutes", minutes, _("Tulis notulen sebelum difinalkan."))
        if not meeting.attendance.exists():
            raise ValidationError(_("Catat kehadiran sebelum notulen difinalkan."))
        meeting.finalised_at = dates.now()
        meeting.finalised_by = actor
    meeting.minutes = minutes
    meeting.save()
    return meeting


@action
def add_addendum(*, actor: Any, meeting: Meeting, text: str) -> Addendum:
    _writable(actor, meeting)
    if not meeting.finalised:
        raise ValidationError(_("Notulen belum final; ubah notulennya langsung."))
    text = _required("text", text, _("Tulis isi adendum."))
    return Addendum.objects.create(
        meeting=meeting, text=text, created_by=actor, created_at=dates.now()
    )


@action
def raise_action(
    *,
    actor: Any,
    meeting: Meeting,
    problem: str,
    due_on: dt.date | None,
    owner_name: str = "",
    owner_user: Any = None,
) -> Action:
    _writable(actor, meeting)
    _not_final(meeting)
    _held(meeting, "problem")
    errors = {}
    if not (problem or "").strip():
        errors["problem"] = _("Tulis masalah dan tindak lanjutnya.")
    if owner_user is not None:
        owner_name = owner_name or owner_user.get_full_name() or owner_user.username
    if not (owner_name or "").strip():
        errors["owner_name"] = _("Tulis siapa penanggung jawabnya, atau pilih pengguna.")
    if due_on is None:
        errors["due_on"] = _("Isi batas waktu tindak lanjut.")
    elif due_on < meeting.date:
        errors["due_on"] = _("Batas waktu tidak boleh sebelum tanggal pertemuan.")
    if errors:
        raise ValidationError(errors)
    return Action.objects.create(
        meeting=meeting,
        institution=meeting.institution,
        region_code=meeting.region_code,
        problem=problem.strip(),
        owner_user=owner_user,
        owner_name=owner_name.strip(),
        due_on=due_on,
        opened_on=meeting.date,
    )


@action
def close_action(
    *, actor: Any, action_item: Action, result: str, meeting: Meeting | None = None
) -> Action:
    """Close with a result, at ``meeting`` (one that reviews it) or today outside a meeting."""
    require_writable(actor, action_item.region_code, PERMISSION)
    if not action_item.is_open:
        raise ValidationError(_("Tindak lanjut ini sudah ditutup."))
    result = _required("result", result, _("Tulis hasil tindak lanjut sebelum menutupnya."))
    closed_on = dates.today()
    if meeting is not None:
        _writable(actor, meeting)
        _held(meeting, "result")
        if not agenda.carried_actions(meeting).filter(pk=action_item.pk).exists():
            raise ValidationError(_("Tindak lanjut ini tidak ditinjau di pertemuan tersebut."))
        closed_on = meeting.date
    action_item.result = result
    action_item.closed_on = closed_on
    action_item.closed_in = meeting
    action_item.closed_by = actor
    action_item.save()
    return action_item


# --- forum --------------------------------------------------------------------------------
def boards_for(user: Any) -> list[Region]:
    """The boards a user reads: kecamatan and kabupaten within or above the user's scope."""
    codes = user_scope_codes(user)
    if not codes or not user.may("view_personal"):
        return []
    above = {a for c in codes for a in ancestors(c)}
    regions = Region.objects.filter(level__in=BOARD_LEVELS)
    inside = regions.visible_to(user)
    return list((inside | regions.filter(code__in=above)).distinct().order_by("code"))


@action
def start_thread(*, actor: Any, region_code: str, title: str, body: str) -> Thread:
    if not actor.may(FORUM_PERMISSION):
        raise PermissionDenied
    if region_code not in {b.code for b in boards_for(actor)}:
        raise PermissionDenied
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Tulis judul topik.")
    if not (body or "").strip():
        errors["body"] = _("Tulis pertanyaan atau isi topik.")
    if errors:
        raise ValidationError(errors)
    now = dates.now()
    thread = Thread.objects.create(
        region_code=region_code,
        title=title.strip(),
        created_by=actor,
        created_at=now,
        last_post_at=now,
    )
    post = Post.objects.create(thread=thread, body=body.strip(), author=actor, created_at=now)
    mark_read(actor, thread, post.pk)
    return thread


@action
def reply(*, actor: Any, thread: Thread, body: str) -> Post:
    if not actor.may(FORUM_PERMISSION):
        raise PermissionDenied
    if not Thread.objects.visible_to(actor).filter(pk=thread.pk).exists():
        raise PermissionDenied
    body = _required("body", body, _("Tulis balasan Anda."))
    now = dates.now()
    post = Post.objects.create(thread=thread, body=body, author=actor, created_at=now)
    thread.last_post_at = now
    thread.save()
    mark_read(actor, thread, post.pk)
    return post


def mark_read(user: Any, thread: Thread, last_post_id: int) -> None:
    """Remember the newest post the user has seen (read marks are not audited)."""
    ThreadRead.objects.update_or_create(
        thread=thread, user=user, defaults={"last_post_id": last_post_id}
    )
