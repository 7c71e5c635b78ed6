"""Workshops with pre/post tests and certificates, self-quizzes, and the rumah baca.

An event carries no personal data and is seen from its region and from every region below it
(a kabupaten workshop shows in each kecamatan). Its participants, their answers and their
certificates are scoped by the participant's own region, so a koordinator sees the people of
her kecamatan in a kabupaten-wide event, and nobody else's.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.scope import (
    ScopedQuerySet,
    scope_field_of,
    scope_filter,
    user_scope_codes,
)


def _above(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


class FromAboveQuerySet(ScopedQuerySet):
    """Records inside the user's scope and those of the regions above it (no personal data)."""

    def visible_to(self, user: Any) -> FromAboveQuerySet:
        codes = user_scope_codes(user)
        if not codes:
            return self.none()
        above = {a for c in codes for a in _above(c)}
        field = scope_field_of(self.model)
        return self.filter(scope_filter(field, codes) | Q(**{f"{field}__in": above}))


class Kind(models.TextChoices):
    WORKSHOP = "workshop", _("Lokakarya")
    SIMULASI = "simulasi", _("Simulasi / bermain peran")
    ORIENTASI = "orientasi", _("Orientasi")


class Organiser(models.TextChoices):
    DINAS = "dinas", _("Dinas PPKB")
    IPEKB = "ipekb", _("IPeKB")


class Phase(models.TextChoices):
    PRE = "pre", _("Tes awal")
    POST = "post", _("Tes akhir")


class Event(models.Model):
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=150)
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    organiser = models.CharField(_("penyelenggara"), max_length=8, choices=Organiser.choices)
    facilitators = models.CharField(_("fasilitator"), max_length=300)
    place = models.CharField(_("tempat"), max_length=150)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    schedule = models.TextField(_("jadwal"), blank=True)
    modules = models.JSONField(_("modul (bab Buku Pintar)"), default=list)
    questions = models.JSONField(_("soal tes"), default=list)
    pre_open = models.BooleanField(_("tes awal dibuka"), default=False)
    post_open = models.BooleanField(_("tes akhir dibuka"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = FromAboveQuerySet.as_manager()
    holds_personal_data = False  # the participants are kept apart, scoped by their region

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("kegiatan pelatihan")
        verbose_name_plural = _("kegiatan pelatihan")

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%d-%m-%Y})"

    def is_open(self, phase: str) -> bool:
        return self.pre_open if phase == Phase.PRE else self.post_open


class Participant(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(_("wilayah peserta"), max_length=40, db_index=True)
    attended = models.BooleanField(_("hadir"), default=False)

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = True  # names and test scores

    class Meta:
        ordering = ["event", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="participant_once"),
        ]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} · {self.event.title}"

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.username


class Attempt(models.Model):
    """One participant's answers to the pre- or post-test, scored per module."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="attempts")
    phase = models.CharField(_("tes"), max_length=4, choices=Phase.choices)
    answers = models.JSONField(_("jawaban"), default=dict)  # {question id: choice index}
    correct = models.PositiveSmallIntegerField(_("benar"))
    total = models.PositiveSmallIntegerField(_("jumlah soal"))
    by_module = models.JSONField(_("per modul"), default=dict)  # {slug: [correct, total]}
    on_paper = models.BooleanField(_("dari kertas"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("dikirim"))

    objects = ScopedQuerySet.as_manager()
    scope_field = "participant__region_code"
    holds_personal_data = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "phase"], name="attempt_once"),
        ]
        verbose_name = _("jawaban tes")
        verbose_name_plural = _("jawaban tes")

    def __str__(self) -> str:
        return f"{self.participant} · {self.phase}: {self.correct}/{self.total}"

    @property
    def percent(self) -> float:
        return 100 * self.correct / self.total if self.total else 0.0


class Certificate(models.Model):
    participant = models.OneToOneField(
        Participant, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("kode verifikasi"), max_length=12, unique=True)
    issued_on = models.DateField(_("diterbitkan"))

    objects = ScopedQuerySet.as_manager()
    scope_field = "participant__region_code"
    holds_personal_data = True

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")

    def __str__(self) -> str:
        return self.code


class QuizResult(models.Model):
    """A cadre's self-quiz at the end of a chapter (every attempt is kept)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    chapter = models.CharField(_("bab"), max_length=60)
    correct = models.PositiveSmallIntegerField(_("benar"))
    total = models.PositiveSmallIntegerField(_("jumlah soal"))
    taken_at = models.DateTimeField(_("waktu"))

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = True

    class Meta:
        ordering = ["-taken_at"]
        verbose_name = _("kuis mandiri")
        verbose_name_plural = _("kuis mandiri")

    def __str__(self) -> str:
        return f"{self.chapter}: {self.correct}/{self.total}"


class ReadingHouse(models.Model):
    """The rumah baca of a kecamatan."""

    region_code = models.CharField(_("kecamatan"), max_length=40, db_index=True)
    name = models.CharField(_("nama"), max_length=150)
    place = models.CharField(_("tempat"), max_length=200)
    keeper = models.CharField(_("pengelola"), max_length=150)
    opening_hours = models.CharField(_("jam buka"), max_length=150)

    objects = FromAboveQuerySet.as_manager()
    holds_personal_data = False  # a public reading room and its keeper

    class Meta:
        ordering = ["region_code", "name"]
        verbose_name = _("rumah baca")
        verbose_name_plural = _("rumah baca")

    def __str__(self) -> str:
        return self.name


class TitleKind(models.TextChoices):
    SMARTBOOK = "smartbook", _("Buku Pintar Kader (cetak)")
    BKKBN = "bkkbn", _("Materi BKKBN")
    OTHER = "lainnya", _("Judul lain")


class Title(models.Model):
    house = models.ForeignKey(ReadingHouse, on_delete=models.PROTECT, related_name="titles")
    title = models.CharField(_("judul"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=TitleKind.choices)
    copies = models.PositiveSmallIntegerField(_("eksemplar"), default=1)

    objects = FromAboveQuerySet.as_manager()
    scope_field = "house__region_code"
    holds_personal_data = False

    class Meta:
        ordering = ["kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=["house", "title"], name="title_once_per_house"),
        ]
        verbose_name = _("judul")
        verbose_name_plural = _("judul")

    def __str__(self) -> str:
        return self.title


class BorrowerKind(models.TextChoices):
    KADER = "kader", _("Kader")
    KELUARGA = "keluarga", _("Keluarga")


class Loan(models.Model):
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="loans")
    borrower = models.CharField(_("peminjam"), max_length=150)
    borrower_kind = models.CharField(_("peminjam dari"), max_length=8, choices=BorrowerKind.choices)
    lent_on = models.DateField(_("tanggal pinjam"))
    returned_on = models.DateField(_("tanggal kembali"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_field = "title__house__region_code"
    holds_personal_data = True  # who borrowed what

    class Meta:
        ordering = ["-lent_on", "-pk"]
        verbose_name = _("peminjaman")
        verbose_name_plural = _("peminjaman")

    def __str__(self) -> str:
        return f"{self.title} · {self.borrower}"


class VisitMonth(models.Model):
    house = models.ForeignKey(ReadingHouse, on_delete=models.PROTECT, related_name="visit_months")
    month = models.DateField(_("bulan"))
    visits = models.PositiveIntegerField(_("kunjungan"))

    objects = FromAboveQuerySet.as_manager()
    scope_field = "house__region_code"
    holds_personal_data = False

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["house", "month"], name="visits_once_per_month"),
        ]
        verbose_name = _("kunjungan bulanan")
        verbose_name_plural = _("kunjungan bulanan")

    def __str__(self) -> str:
        return f"{self.house} {self.month:%Y-%m}: {self.visits}"
