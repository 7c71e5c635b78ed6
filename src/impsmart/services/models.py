"""KB service days (pelayanan KB serentak / bakti sosial) and PUP mentoring of the young.

A ``ServiceDay`` is a date and place where a partner facility's medical staff serve KB; its
``Invitation`` rows are the women the cadres drew from the register (unmet need, a method
ending, postpartum), who came, and the method the facility gave. As with referrals, the
facility records the method once and the register gets the episode only when the cadre
confirms. A ``Couple`` is a *calon pengantin* pair, or a marriage once ``married_on`` is set
(its ages at marriage are kept for the PUP counts); a ``Mentee`` links a KIE session (the
PUP mentoring) to the young people and couples who took part.

Scope: a service day is visible to users in its region and below (a kecamatan day serves
every desa of it) and to the mitra of its facility; invitations, as referrals, to the field
staff whose scope covers the woman's family and to that mitra.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import Role
from impsmart.accounts.scope import ScopedQuerySet, scope_filter, user_scope_codes
from impsmart.counseling.models import Facility, KieSession
from impsmart.families import codes
from impsmart.families.models import ContraceptiveEpisode, Member


def ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


class ServiceDayQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> ServiceDayQuerySet:
        """In the user's scope or above it (serving it); a mitra: its facility's days."""
        codes_ = user_scope_codes(user)
        if not codes_:
            return self.none()
        if user.role == Role.MITRA:
            return self.filter(facility__staff__user=user)
        return self.serving(codes_)

    def serving(self, codes_: list[str]) -> ServiceDayQuerySet:
        """Days in these regions or below, and those of the regions above them."""
        above = {a for c in codes_ for a in ancestors(c)}
        return self.filter(scope_filter("region_code", codes_) | Q(region_code__in=above))


class ServiceDay(models.Model):
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    date = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=120)
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="service_days", verbose_name=_("faskes")
    )
    medical_staff = models.CharField(_("tenaga medis"), max_length=200)
    methods = models.JSONField(_("metode yang dilayani"), default=list)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ServiceDayQuerySet.as_manager()
    holds_personal_data = False  # a public event: date, place, facility, its staff

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "date", "place"], name="service_day_once"
            )
        ]
        verbose_name = _("pelayanan KB serentak")
        verbose_name_plural = _("pelayanan KB serentak")

    def __str__(self) -> str:
        return f"{self.place} {self.date:%d-%m-%Y}"

    def method_labels(self) -> list[str]:
        return [str(codes.Method(m).label) for m in self.methods if m in codes.Method.values]

    def invitation_text(self) -> str:
        """The invitation the cadre sends the women (WhatsApp or print), in Indonesian."""
        from impsmart.paper import long_date

        return "\n".join(
            [
                str(_("*Undangan Pelayanan KB Serentak*")),
                "",
                _("Tanggal: %(day)s") % {"day": long_date(self.date)},
                _("Tempat: %(place)s") % {"place": self.place},
                _("Dilayani oleh: %(staff)s, %(facility)s")
                % {"staff": self.medical_staff, "facility": self.facility},
                _("Metode: %(methods)s") % {"methods": ", ".join(self.method_labels())},
                "",
                str(_("Gratis. Bawa KTP, Kartu Keluarga dan kartu JKN bila ada. Terima kasih.")),
            ]
        )


class Reason(models.TextChoices):
    """Why a woman is on a service day's target list (``targets.py``)."""

    UNMET = "unmet", _("Unmet need (ingin menunda/tidak ingin anak lagi)")
    ENDING = "ending", _("Masa pakai implan/IUD habis")
    POSTPARTUM = "postpartum", _("Pascapersalinan belum ber-KB")


class InvitationQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> InvitationQuerySet:
        if not user_scope_codes(user):
            return self.none()
        if user.role == Role.MITRA:
            return self.filter(service_day__facility__staff__user=user)
        return super().visible_to(user)

    def aggregatable_by(self, user: Any) -> InvitationQuerySet:
        """Counted, never listed: as ``visible_to`` for a mitra, else the region rule."""
        if user_scope_codes(user) and user.role == Role.MITRA:
            return self.filter(service_day__facility__staff__user=user)
        return super().aggregatable_by(user)


class Invitation(models.Model):
    """One target woman of a service day: invited, came or not, served, confirmed."""

    holds_personal_data = True
    scope_field = "member__family__region_code"

    service_day = models.ForeignKey(
        ServiceDay, on_delete=models.PROTECT, related_name="invitations"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("sasaran karena"), max_length=10, choices=Reason.choices)
    invited_on = models.DateField(_("diundang pada"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    attended = models.BooleanField(_("hadir"), null=True, blank=True)
    method = models.CharField(
        _("metode yang diberikan"), max_length=8, choices=codes.Method.choices, blank=True
    )
    method_type = models.CharField(_("jenis"), max_length=8, blank=True)
    jalur = models.CharField(_("jalur"), max_length=10, choices=codes.Jalur.choices, blank=True)
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_on = models.DateField(_("dikonfirmasi pada"), null=True, blank=True)
    episode = models.ForeignKey(
        ContraceptiveEpisode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["service_day", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["service_day", "member"], name="invitation_once")
        ]
        verbose_name = _("sasaran pelayanan KB")
        verbose_name_plural = _("sasaran pelayanan KB")

    def __str__(self) -> str:
        return f"{self.service_day_id}: {self.member_id}"

    @property
    def awaits_confirmation(self) -> bool:
        return bool(self.method) and self.confirmed_on is None


class Couple(models.Model):
    """A calon pengantin pair; with ``married_on`` a marriage (ages then kept for PUP).

    Bride and groom are members of the register where they are in it (``bride``/``groom``);
    one from elsewhere is named with a birth date. Names and birth dates are always filled.
    """

    holds_personal_data = True

    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    bride = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bride_name = models.CharField(_("nama calon istri"), max_length=120)
    bride_birth_date = models.DateField(_("tanggal lahir calon istri"))
    groom = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    groom_name = models.CharField(_("nama calon suami"), max_length=120)
    groom_birth_date = models.DateField(_("tanggal lahir calon suami"))
    planned_on = models.DateField(_("rencana menikah"), null=True, blank=True)
    married_on = models.DateField(_("menikah pada"), null=True, blank=True)
    # Whole years on the wedding day, kept so that months are counted set-based.
    bride_age = models.PositiveSmallIntegerField(null=True, blank=True)
    groom_age = models.PositiveSmallIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-married_on", "planned_on", "pk"]
        indexes = [models.Index(fields=["married_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "bride_name", "groom_name"], name="couple_once"
            )
        ]
        verbose_name = _("calon pengantin")
        verbose_name_plural = _("calon pengantin")

    def __str__(self) -> str:
        return f"{self.bride_name} & {self.groom_name}"


class Mentee(models.Model):
    """A young person or a couple who took part in a PUP mentoring session (a KIE session)."""

    holds_personal_data = True
    scope_field = "session__region_code"

    session = models.ForeignKey(KieSession, on_delete=models.PROTECT, related_name="mentees")
    person = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    couple = models.ForeignKey(
        Couple, on_delete=models.PROTECT, null=True, blank=True, related_name="mentoring"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="mentee_person_once"),
            models.UniqueConstraint(fields=["session", "couple"], name="mentee_couple_once"),
        ]
        verbose_name = _("peserta pendampingan PUP")
        verbose_name_plural = _("peserta pendampingan PUP")

    def __str__(self) -> str:
        return f"{self.session_id}: {self.person_id or self.couple_id}"
