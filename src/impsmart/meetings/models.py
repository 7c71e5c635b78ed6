"""Routine meetings of IMP institutions, their attendance, minutes and action items; the forum.

A meeting belongs to an institution and carries its region code (scope). Finalised minutes are
read-only: corrections go in as addenda. An action item is raised at a meeting and stays open,
carried into every later meeting's agenda, until closed with a result; it is never deleted.

Forum threads sit on a board: a kecamatan or the kabupaten (the thread's region code). Like
``counseling.Facility``, a thread is visible to users *below* its region too, so a cadre reads
her kecamatan's board and the kabupaten's.

Minutes, actions and posts may name families, so every model here holds personal data.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.scope import ScopedQuerySet, scope_filter, user_scope_codes


class NeverDeleted(Exception):
    """A record of the meeting history that may be closed or corrected, never deleted."""


class Meeting(models.Model):
    institution = models.ForeignKey(
        "organization.Institution", on_delete=models.PROTECT, related_name="meetings"
    )
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    date = models.DateField(_("tanggal"))
    time = models.TimeField(_("pukul"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=150)
    # Agenda items after the fixed first one (the review of open actions), one per line.
    agenda = models.TextField(_("acara lain"), blank=True)
    minutes = models.TextField(_("notulen"), blank=True)
    finalised_at = models.DateTimeField(_("notulen difinalkan"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = True

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["institution", "date"])]
        verbose_name = _("pertemuan")
        verbose_name_plural = _("pertemuan")

    def __str__(self) -> str:
        return f"{self.institution} {self.date:%d-%m-%Y}"

    @property
    def finalised(self) -> bool:
        return self.finalised_at is not None

    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    def delete(self, *args: Any, **kwargs: Any):
        raise NeverDeleted(_("Pertemuan tidak dihapus; ubah jadwalnya atau catat adendum."))


class AttendanceRole(models.TextChoices):
    PPKBD = "ppkbd", _("PPKBD")
    SUB_PPKBD = "sub_ppkbd", _("Sub-PPKBD")
    KADER = "kader", _("Kader / Kelompok KB")
    PKB = "pkb", _("PKB/PLKB")
    TOKOH_AGAMA = "tokoh_agama", _("Tokoh agama")
    TOKOH_MASYARAKAT = "tokoh_masyarakat", _("Tokoh masyarakat")
    MITRA = "mitra", _("Mitra")
    TAMU = "tamu", _("Tamu")


class Attendance(models.Model):
    """One person present: a user, a member of the register, or a typed name."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    role = models.CharField(_("peran"), max_length=20, choices=AttendanceRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    member = models.ForeignKey("families.Member", null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(_("nama"), max_length=150)

    objects = ScopedQuerySet.as_manager()
    scope_field = "meeting__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["meeting", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name", "role"], name="attendance_once")
        ]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Addendum(models.Model):
    """A correction or addition to finalised minutes (the minutes themselves stay as they were)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField(_("adendum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat"))

    objects = ScopedQuerySet.as_manager()
    scope_field = "meeting__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("adendum notulen")
        verbose_name_plural = _("adendum notulen")

    def __str__(self) -> str:
        return f"adendum {self.meeting_id}"


class ActionQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> ActionQuerySet:
        """Actions in scope, and those the user owns (a Sub-PPKBD owning a desa's action)."""
        inside = super().visible_to(user)
        if not user_scope_codes(user) or not user.may("view_personal"):
            return inside
        return self.filter(Q(pk__in=inside.values("pk")) | Q(owner_user=user))

    def open(self) -> ActionQuerySet:
        return self.filter(closed_on__isnull=True)

    def open_at(self, day) -> ActionQuerySet:
        """Raised before ``day`` and not yet closed before it: the agenda's review list."""
        return self.filter(opened_on__lt=day).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=day)
        )


class Action(models.Model):
    """A problem raised at a meeting, with who solves it by when; closed only with a result."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    institution = models.ForeignKey(
        "organization.Institution", on_delete=models.PROTECT, related_name="actions"
    )
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    problem = models.TextField(_("masalah dan tindak lanjut"))
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penanggung jawab (pengguna)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_actions",
    )
    owner_name = models.CharField(_("penanggung jawab"), max_length=150)
    due_on = models.DateField(_("batas waktu"))
    opened_on = models.DateField(_("dibuka"))
    closed_on = models.DateField(_("ditutup"), null=True, blank=True)
    result = models.TextField(_("hasil"), blank=True)
    closed_in = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions_closed"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ActionQuerySet.as_manager()
    holds_personal_data = True

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["institution", "closed_on"])]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")

    def __str__(self) -> str:
        return self.problem[:60]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def delete(self, *args: Any, **kwargs: Any):
        raise NeverDeleted(_("Tindak lanjut tidak dihapus; tutup dengan hasilnya."))


def ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


class ThreadQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> ThreadQuerySet:
        """Boards inside the user's scope, and those of the kecamatan/kabupaten above it."""
        codes = user_scope_codes(user)
        if not codes or not user.may("view_personal"):
            return self.none()
        above = {a for c in codes for a in ancestors(c)}
        return self.filter(scope_filter("region_code", codes) | Q(region_code__in=above))


class Thread(models.Model):
    """A question or topic on the board of a kecamatan or of the kabupaten."""

    region_code = models.CharField(_("papan"), max_length=40, db_index=True)
    title = models.CharField(_("judul"), max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"))
    last_post_at = models.DateTimeField(_("balasan terakhir"))

    objects = ThreadQuerySet.as_manager()
    holds_personal_data = True

    class Meta:
        ordering = ["-last_post_at", "-pk"]
        verbose_name = _("topik forum")
        verbose_name_plural = _("topik forum")

    def __str__(self) -> str:
        return self.title


class PostQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> PostQuerySet:
        return self.filter(thread__in=Thread.objects.visible_to(user))


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="posts")
    body = models.TextField(_("isi"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("dikirim"))

    objects = PostQuerySet.as_manager()
    scope_field = "thread__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pesan forum")
        verbose_name_plural = _("pesan forum")

    def __str__(self) -> str:
        return f"pesan {self.pk} di {self.thread_id}"


class ThreadRead(models.Model):
    """How far a user has read a thread (the newest post seen): the unread marks."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_post_id = models.PositiveBigIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()
    scope_field = "thread__region_code"
    holds_personal_data = True

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="thread_read_once")]

    def __str__(self) -> str:
        return f"{self.user_id} membaca {self.thread_id}"
