"""KIE sessions, one-to-one counselling with WHO MEC screening, referrals and follow-up visits.

Scope: KIE sessions and facilities carry their own region code; counselling, referrals and
visits are scoped through the member's family region (``member__family__region_code``). Two
rules extend the plain prefix rule, each in its own queryset below:

- a facility is visible to users *below* its region too (the Puskesmas of a kecamatan serves
  every desa in it), so a cadre can pick it for a referral;
- a referral is visible, besides the field staff whose scope covers the family, to the mitra
  user(s) of the receiving facility (``FacilityStaff``), and a mitra sees nothing else.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import Role
from impsmart.accounts.scope import ScopedQuerySet, scope_filter, user_scope_codes
from impsmart.families import codes
from impsmart.families.models import ContraceptiveEpisode, Family, Member


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


class FacilityQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> FacilityQuerySet:
        """Facilities inside the user's scope and those serving it from a higher region."""
        codes_ = user_scope_codes(user)
        if not codes_:
            return self.none()
        above = {a for c in codes_ for a in _ancestors(c)}
        return self.filter(scope_filter("region_code", codes_) | Q(region_code__in=above))


class Facility(models.Model):
    """A partner health facility that receives referrals (Puskesmas, bidan, klinik, RS)."""

    class Kind(models.TextChoices):
        PUSKESMAS = "puskesmas", _("Puskesmas")
        PUSTU = "pustu", _("Pustu")
        POLINDES = "polindes", _("Polindes/bidan desa")
        BPM = "bpm", _("Bidan praktik mandiri")
        KLINIK = "klinik", _("Klinik/dokter swasta")
        RS = "rs", _("Rumah sakit")

    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    # The kecamatan (Puskesmas, RS) or desa (pustu, polindes, bidan) it serves.
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)

    objects = FacilityQuerySet.as_manager()
    holds_personal_data = False  # a public service point

    class Meta:
        ordering = ["region_code", "name"]
        verbose_name = _("fasilitas kesehatan")
        verbose_name_plural = _("fasilitas kesehatan")

    def __str__(self) -> str:
        return self.name

    def place_code(self) -> str:
        """The register's place-of-service code for episodes served here."""
        return self.kind if self.kind in codes.Place.values else codes.Place.OTHER


class FacilityStaff(models.Model):
    """Links a mitra user to the one facility whose incoming referrals they handle."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facility_link"
    )
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="staff")

    class Meta:
        verbose_name = _("petugas fasilitas")
        verbose_name_plural = _("petugas fasilitas")

    def __str__(self) -> str:
        return f"{self.user} @ {self.facility}"


class KieTopic(models.TextChoices):
    KB_MKJP = "kb_mkjp", _("KB dan MKJP")
    PUP = "pup", _("Pendewasaan Usia Perkawinan (PUP)")
    KESPRO = "kespro", _("Kesehatan reproduksi")
    HIV_IMS = "hiv_ims", _("HIV/AIDS dan IMS")
    NAPZA = "napza", _("NAPZA")
    KETAHANAN = "bkb_bkr_bkl", _("BKB/BKR/BKL")
    STUNTING = "4t_stunting", _("4T dan risiko stunting")


class Presenter(models.TextChoices):
    KADER = "kader", _("Kader")
    PKB = "pkb", _("PKB/PLKB")
    MITRA = "mitra", _("Mitra")


class Partner(models.TextChoices):
    PUSKESMAS = "puskesmas", _("Puskesmas")
    BINMAS = "binmas", _("Polri Binmas")
    BABINSA = "babinsa", _("TNI Babinsa")
    KUA = "kua", _("KUA")
    KARANG_TARUNA = "karang_taruna", _("Karang Taruna")
    PKK = "pkk", _("PKK")
    DESA = "pemdes", _("Pemerintah desa")


# Audience cells of a KIE session: (field suffix, age-group label).
AGE_GROUPS = (("lt20", "< 20"), ("20_49", "20–49"), ("50plus", "50+"))


class KieSession(models.Model):
    """A group information session (KIE) held in a desa or dusun."""

    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    date = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=120)
    topics = models.JSONField(_("materi"), default=list)
    presenter_kind = models.CharField(_("penyuluh"), max_length=8, choices=Presenter.choices)
    presenter_name = models.CharField(_("nama penyuluh"), max_length=120)
    partners = models.JSONField(_("mitra yang terlibat"), default=list, blank=True)
    audience_lt20_l = models.PositiveIntegerField(_("peserta L < 20"), default=0)
    audience_lt20_p = models.PositiveIntegerField(_("peserta P < 20"), default=0)
    audience_20_49_l = models.PositiveIntegerField(_("peserta L 20–49"), default=0)
    audience_20_49_p = models.PositiveIntegerField(_("peserta P 20–49"), default=0)
    audience_50plus_l = models.PositiveIntegerField(_("peserta L 50+"), default=0)
    audience_50plus_p = models.PositiveIntegerField(_("peserta P 50+"), default=0)
    kie_kit = models.BooleanField(_("memakai KIE kit"), default=False)
    leaders_active = models.PositiveIntegerField(_("tokoh masyarakat/agama yang aktif"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    # Audience counts and the presenter's name; leaders read the list (``view_aggregates``).
    holds_personal_data = False

    class Meta:
        ordering = ["-date", "-pk"]
        # A repeated form stores one session; also serves the list of a region's sessions.
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "date", "place", "presenter_name"], name="kie_session_once"
            )
        ]
        verbose_name = _("sesi KIE")
        verbose_name_plural = _("sesi KIE")

    def __str__(self) -> str:
        return f"KIE {self.date} {self.place}"

    @property
    def audience_total(self) -> int:
        return sum(getattr(self, f"audience_{g}_{s}") for g, _label in AGE_GROUPS for s in "lp")

    def topic_labels(self) -> list[str]:
        return [str(KieTopic(t).label) for t in self.topics if t in KieTopic.values]

    def partner_labels(self) -> list[str]:
        return [str(Partner(p).label) for p in self.partners if p in Partner.values]


class Counseling(models.Model):
    """One-to-one counselling of a member, with the client facts and the MEC result."""

    holds_personal_data = True
    scope_field = "member__family__region_code"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="counselings")
    date = models.DateField(_("tanggal"))
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    topics = models.JSONField(_("materi"), default=list)
    intention = models.CharField(
        _("keinginan ber-anak"), max_length=4, choices=codes.Intention.choices, blank=True
    )
    facts = models.JSONField(_("data klien"), default=dict, blank=True)
    result = models.JSONField(_("hasil penapisan"), default=dict, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "date", "counselor"], name="counseling_once")
        ]
        verbose_name = _("konseling")
        verbose_name_plural = _("konseling")

    def __str__(self) -> str:
        return f"konseling {self.member_id} {self.date}"


def awaiting_confirmation() -> Q:
    """Served with a method, not confirmed yet (as ``Referral.awaits_confirmation``)."""
    return Q(status=Referral.Status.SERVED, confirmed_on__isnull=True) & ~Q(served_method="")


class ReferralQuerySet(ScopedQuerySet):
    def awaiting_confirmation(self) -> ReferralQuerySet:
        return self.filter(awaiting_confirmation())

    def visible_to(self, user: Any) -> ReferralQuerySet:
        """Field staff by the family's region; a mitra only the referrals to its facility."""
        if not user_scope_codes(user):
            return self.none()
        if user.role == Role.MITRA:
            return self.filter(facility__staff__user=user)
        return super().visible_to(user)


class Referral(models.Model):
    """A cadre sends a client to a facility; the facility answers; the cadre confirms."""

    class Status(models.TextChoices):
        SENT = "sent", _("Dikirim")
        SERVED = "served", _("Dilayani")
        NOT_SERVED = "not_served", _("Tidak dilayani")

    holds_personal_data = True
    scope_field = "member__family__region_code"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="referrals")
    counseling = models.ForeignKey(
        Counseling, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="referrals")
    method_wanted = models.CharField(
        _("metode yang diinginkan"), max_length=8, choices=codes.Method.choices, blank=True
    )
    reason = models.CharField(_("alasan rujukan"), max_length=300)
    sent_on = models.DateField(_("tanggal rujukan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENT
    )
    served_method = models.CharField(
        _("metode yang diberikan"), max_length=8, choices=codes.Method.choices, blank=True
    )
    served_method_type = models.CharField(_("jenis"), max_length=8, blank=True)
    served_on = models.DateField(_("tanggal dilayani"), null=True, blank=True)
    served_jalur = models.CharField(
        _("jalur"), max_length=10, choices=codes.Jalur.choices, blank=True
    )
    not_served_reason = models.CharField(_("alasan tidak dilayani"), max_length=300, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_on = models.DateField(_("dikonfirmasi pada"), null=True, blank=True)
    episode = models.ForeignKey(
        ContraceptiveEpisode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["facility", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["member", "facility", "sent_on"], name="referral_once")
        ]
        verbose_name = _("rujukan")
        verbose_name_plural = _("rujukan")

    def __str__(self) -> str:
        return f"rujukan {self.member_id} → {self.facility_id}"

    @property
    def awaits_confirmation(self) -> bool:
        return (
            self.status == self.Status.SERVED
            and bool(self.served_method)
            and not (self.confirmed_on)
        )


class Visit(models.Model):
    """A follow-up home visit of a cadre, answering one item of the visit list."""

    class Outcome(models.TextChoices):
        SERVED = "dilayani", _("Sudah dilayani/dapat ulang")
        MET = "bertemu", _("Bertemu, sudah diberi konseling")
        REFERRED = "dirujuk", _("Dirujuk ke bidan/Puskesmas")
        DECLINED = "menolak", _("Tidak bersedia")
        NOT_MET = "tidak_bertemu", _("Tidak bertemu (kunjungi lagi)")
        MOVED = "pindah", _("Sudah pindah")

    holds_personal_data = True
    scope_field = "member__family__region_code"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="visits")
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis kunjungan"), max_length=16)
    outcome = models.CharField(_("hasil"), max_length=14, choices=Outcome.choices)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        # A visit marked twice (same day, same answer) is one visit.
        constraints = [
            models.UniqueConstraint(fields=["member", "kind", "date", "outcome"], name="visit_once")
        ]
        verbose_name = _("kunjungan")
        verbose_name_plural = _("kunjungan")

    def __str__(self) -> str:
        return f"kunjungan {self.kind} {self.member_id} {self.date}"


class ListedMember(models.Model):
    """A present member with a record the visit list can start from (an episode, a
    pregnancy, an intention IAT or TIAL, or a referral), with her family's region code, KK
    number and her birth date, and which of those records she has.

    Derived, never edited: ``counseling/listed.py`` keeps it equal to the registers (refreshed
    per family inside every write's transaction), so that the visit list walks the few
    members of a region who can have an item (about one in six) through the region-code
    index, instead of every member of every family of the region once per kind.
    """

    holds_personal_data = True

    member = models.OneToOneField(
        Member,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    family = models.ForeignKey(
        Family, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    region_code = models.CharField(max_length=40)
    # With ``region_code``, her place in the members' order (family region, KK number, birth
    # date): the list orders her items by these instead of joining her member and family rows.
    kk_number = models.CharField(max_length=16)
    birth_date = models.DateField()
    # Which records she has: each kind walks only the members it can list.
    has_episode = models.BooleanField()
    has_pregnancy = models.BooleanField()
    has_intention = models.BooleanField()  # an intention IAT or TIAL (unmet need), any date
    has_referral = models.BooleanField()
    # Her latest records (``listed.LATEST``), from which the list computes her episode items
    # and her unmet need for any day not before them, without looking her records up.
    episode_method = models.CharField(max_length=8, null=True)
    episode_type = models.CharField(max_length=8, null=True)
    episode_start = models.DateField(null=True)
    episode_end = models.DateField(null=True)
    episode_end_reason = models.CharField(max_length=14, null=True)
    pregnancy_start = models.DateField(null=True)
    # Her latest pregnancy's outcome date: none while ongoing (only the latest can be).
    pregnancy_end = models.DateField(null=True)
    intention = models.CharField(max_length=4, null=True)
    intention_on = models.DateField(null=True)
    counseled_on = models.DateField(null=True)
    # Whether she is a wife whose husband is on her KK (a PUS by marriage, ``status.pus_on``),
    # and the days both are on it: from the later joining, until the earlier of his leaving
    # and the KK's closing (null: always).
    couple = models.BooleanField(default=False)
    couple_from = models.DateField(null=True)
    couple_until = models.DateField(null=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        # Covers every read of the list: a region's rows and what records they have.
        indexes = [
            models.Index(
                fields=[
                    "region_code",
                    "member",
                    "has_episode",
                    "has_pregnancy",
                    "has_intention",
                    "has_referral",
                ],
                name="listed_member_region",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.region_code}"
