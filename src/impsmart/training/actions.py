"""Writes of the training app; each refuses with a ``ValidationError`` in Indonesian."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from impsmart import dates
from impsmart.accounts import audit
from impsmart.accounts.models import User
from impsmart.accounts.scope import require_writable
from impsmart.training import book, scoring
from impsmart.training.models import (
    Attempt,
    Certificate,
    Event,
    Loan,
    Participant,
    Phase,
    QuizResult,
    ReadingHouse,
    Title,
    VisitMonth,
)

MANAGE = "manage_training"
MANAGE_HOUSE = "manage_reading_house"
QUESTIONS_PER_MODULE = 3
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud from paper


def assemble_test(modules: list[str]) -> list[str]:
    """The questions of a workshop's tests: the first items of each module's bank."""
    return [
        q.id for slug in modules for q in book.chapter("id", slug).questions[:QUESTIONS_PER_MODULE]
    ]


@audit.action
def create_event(*, actor: Any, modules: list[str], **fields: Any) -> Event:
    require_writable(actor, fields["region_code"], MANAGE)
    if fields["ends_on"] < fields["starts_on"]:
        raise ValidationError({"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    unknown = set(modules) - set(book.titles())
    if not modules or unknown:
        raise ValidationError({"modules": _("Pilih minimal satu modul dari Buku Pintar.")})
    return Event.objects.create(
        **fields, modules=modules, questions=assemble_test(modules), created_by=actor
    )


@audit.action
def add_participant(
    *, actor: Any, event: Event, username: str, attended: bool = False
) -> Participant:
    require_writable(actor, event.region_code, MANAGE)
    user = User.objects.visible_to(actor).filter(username=username, is_active=True).first()
    if user is None:
        raise ValidationError(
            {"username": _("Pengguna tidak ditemukan di wilayah Anda. Periksa nama pengguna.")}
        )
    if Participant.objects.filter(event=event, user=user).exists():
        raise ValidationError(
            {
                "username": _("%(name)s sudah terdaftar sebagai peserta kegiatan ini.")
                % {"name": user.username}
            }
        )
    try:
        with transaction.atomic():
            return Participant.objects.create(
                event=event, user=user, region_code=user.region_code, attended=attended
            )
    except IntegrityError as error:  # the same participant sent twice at once
        raise ValidationError({"username": _("Peserta ini sudah terdaftar.")}) from error


@audit.action
def set_attendance(*, actor: Any, participant: Participant, attended: bool) -> Participant:
    require_writable(actor, participant.event.region_code, MANAGE)
    participant.attended = attended
    participant.save()
    return participant


@audit.action
def set_test_open(*, actor: Any, event: Event, phase: str, is_open: bool) -> Event:
    require_writable(actor, event.region_code, MANAGE)
    setattr(event, f"{phase}_open", is_open)
    event.save()
    return event


@audit.action
def submit_attempt(
    *, actor: Any, participant: Participant, phase: str, answers: dict[str, int]
) -> Attempt:
    """The participant's own answers, or the facilitator's entry of her paper test."""
    event = Event.objects.select_for_update().get(pk=participant.event_id)
    on_paper = actor.pk != participant.user_id
    if on_paper:
        require_writable(actor, event.region_code, MANAGE)
    label = Phase(phase).label
    if not event.is_open(phase):
        raise ValidationError(
            _(
                "%(test)s sudah ditutup (atau belum dibuka): jawaban tidak disimpan. "
                "Minta fasilitator membukanya."
            )
            % {"test": label}
        )
    if participant.attempts.filter(phase=phase).exists():
        raise ValidationError(
            _("%(test)s sudah dijawab; jawaban hanya dikirim sekali.") % {"test": label}
        )
    missing = [q for q in event.questions if q not in answers]
    if missing:
        raise ValidationError(
            _("Jawab semua soal: %(n)d soal belum dijawab.") % {"n": len(missing)}
        )
    correct, by_module = scoring.score(event.questions, answers)
    return Attempt.objects.create(
        participant=participant,
        phase=phase,
        answers={q: answers[q] for q in event.questions},
        correct=correct,
        total=len(event.questions),
        by_module=by_module,
        on_paper=on_paper,
        entered_by=actor,
        submitted_at=dates.now(),
    )


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
    return f"{raw[:4]}-{raw[4:]}"


@audit.action
def issue_certificates(*, actor: Any, event: Event) -> list[Certificate]:
    """A certificate for every participant who attended and took the post-test."""
    require_writable(actor, event.region_code, MANAGE)
    eligible = Participant.objects.filter(
        event=event, attended=True, attempts__phase=Phase.POST, certificate__isnull=True
    )
    return [
        Certificate.objects.create(participant=p, code=new_code(), issued_on=dates.today())
        for p in eligible
    ]


@audit.action
def record_quiz(*, actor: Any, chapter: book.Chapter, answers: dict[str, int]) -> QuizResult:
    questions = chapter.questions
    correct = sum(answers.get(q.id) == q.answer for q in questions)
    return QuizResult.objects.create(
        user=actor,
        region_code=actor.region_code,
        chapter=chapter.slug,
        correct=correct,
        total=len(questions),
        taken_at=dates.now(),
    )


# --- rumah baca -----------------------------------------------------------------------------
@audit.action
def create_house(*, actor: Any, **fields: Any) -> ReadingHouse:
    require_writable(actor, fields["region_code"], MANAGE_HOUSE)
    return ReadingHouse.objects.create(**fields)


@audit.action
def add_title(*, actor: Any, house: ReadingHouse, **fields: Any) -> Title:
    require_writable(actor, house.region_code, MANAGE_HOUSE)
    if house.titles.filter(title__iexact=fields["title"]).exists():
        raise ValidationError(
            {"title": _("Judul ini sudah ada di katalog; ubah jumlah eksemplarnya saja.")}
        )
    return Title.objects.create(house=house, **fields)


@audit.action
def lend(*, actor: Any, title: Title, borrower: str, borrower_kind: str, lent_on: Any) -> Loan:
    require_writable(actor, title.house.region_code, MANAGE_HOUSE)
    out = title.loans.filter(returned_on__isnull=True).count()
    if out >= title.copies:
        raise ValidationError({"title": _("Semua eksemplar judul ini sedang dipinjam.")})
    return Loan.objects.create(
        title=title, borrower=borrower, borrower_kind=borrower_kind, lent_on=lent_on
    )


@audit.action
def return_loan(*, actor: Any, loan: Loan, returned_on: Any) -> Loan:
    require_writable(actor, loan.title.house.region_code, MANAGE_HOUSE)
    if loan.returned_on is not None:
        raise ValidationError(_("Buku ini sudah dikembalikan."))
    if returned_on < loan.lent_on:
        raise ValidationError(_("Tanggal kembali tidak boleh sebelum tanggal pinjam."))
    loan.returned_on = returned_on
    loan.save()
    return loan


@audit.action
def record_visits(*, actor: Any, house: ReadingHouse, month: Any, visits: int) -> VisitMonth:
    require_writable(actor, house.region_code, MANAGE_HOUSE)
    row, _created = VisitMonth.objects.update_or_create(
        house=house, month=month.replace(day=1), defaults={"visits": visits}
    )
    return row
