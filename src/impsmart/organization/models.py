"""IMP institutions (PPKBD, Sub-PPKBD, Kelompok KB, the kecamatan and kabupaten bodies, the
cadre forum) and their boards (*kepengurusan*).

An institution is never deleted, only deactivated (as BKKBN's K/0 cards). A board seat is held
by a person for a tenure; a change of holder ends the seat and opens a new one, so the board's
history stays. Institutions and seats carry no health data: office holders are named in the
Bupati's decree, so leaders may read them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.scope import ScopedQuerySet
from impsmart.counseling.models import FacilityQuerySet


class Level(models.TextChoices):
    """Contract values of ``impsmart institutions`` (``level``)."""

    PPKBD = "ppkbd", _("PPKBD (desa/kelurahan)")
    SUB_PPKBD = "sub_ppkbd", _("Sub-PPKBD (dusun/RW)")
    POK_KB = "pok_kb", _("Kelompok KB (RT)")
    KECAMATAN = "kecamatan", _("Koordinasi Kader IMP Smart kecamatan")
    KABUPATEN = "kabupaten", _("Koordinasi Kader IMP Smart kabupaten")
    FORUM = "forum", _("Forum Komunikasi Kader IMP")


class Funding(models.TextChoices):
    APBN = "apbn", _("APBN")
    APBD = "apbd", _("APBD")
    ADD = "add", _("Alokasi Dana Desa")
    SWADAYA = "swadaya", _("Swadaya")
    MITRA = "mitra", _("Mitra")
    LAINNYA = "lainnya", _("Lainnya")


class Institution(models.Model):
    code = models.CharField(_("kode"), max_length=60, unique=True)
    level = models.CharField(_("tingkat"), max_length=12, choices=Level.choices)
    name = models.CharField(_("nama"), max_length=150)
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    founded_on = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    funding = models.JSONField(_("sumber dana"), default=list, blank=True)
    pembina = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pembina (PKB/PLKB)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="institutions_guided",
    )
    active = models.BooleanField(_("aktif"), default=True)
    deactivated_on = models.DateField(_("dinonaktifkan"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = False  # office holders are named in a public decree

    class Meta:
        ordering = ["region_code", "level"]
        verbose_name = _("institusi IMP")
        verbose_name_plural = _("institusi IMP")

    def __str__(self) -> str:
        return self.name


class Seat(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    WAKIL_KETUA = "wakil_ketua", _("Wakil ketua")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    BENDAHARA = "bendahara", _("Bendahara")
    SEKSI_ORGANISASI = "seksi_organisasi", _("Seksi pengorganisasian")
    SEKSI_PERTEMUAN = "seksi_pertemuan", _("Seksi pertemuan")
    SEKSI_KIE = "seksi_kie", _("Seksi KIE dan konseling")
    SEKSI_PENCATATAN = "seksi_pencatatan", _("Seksi pencatatan dan pemetaan")
    SEKSI_PELAYANAN = "seksi_pelayanan", _("Seksi pelayanan kegiatan")
    SEKSI_KEMANDIRIAN = "seksi_kemandirian", _("Seksi kemandirian")
    ANGGOTA = "anggota", _("Anggota")


# A collective (kolektif) board has at least these seats filled; fewer is a single (tunggal) one.
COLLECTIVE_CORE = {Seat.KETUA, Seat.SEKRETARIS, Seat.BENDAHARA}


class BoardSeat(models.Model):
    """One person's tenure in one seat of an institution's board."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="seats")
    seat = models.CharField(_("jabatan"), max_length=20, choices=Seat.choices)
    # The holder: a user (cadre, PKB) or a person of the family register, named either way.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    member = models.ForeignKey("families.Member", null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(_("nama"), max_length=150)
    started_on = models.DateField(_("mulai"))
    ended_on = models.DateField(_("selesai"), null=True, blank=True)
    # Set when a signed decree names this tenure: official from its effective date.
    official_since = models.DateField(_("resmi sejak"), null=True, blank=True)
    decree = models.ForeignKey(
        "Decree", null=True, blank=True, on_delete=models.PROTECT, related_name="seats"
    )

    objects = ScopedQuerySet.as_manager()
    scope_field = "institution__region_code"
    holds_personal_data = False  # the same names the decree publishes

    class Meta:
        ordering = ["institution", "seat", "-started_on"]
        verbose_name = _("pengurus")
        verbose_name_plural = _("pengurus")

    def __str__(self) -> str:
        return f"{self.get_seat_display()}: {self.name}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class CoversBelowQuerySet(FacilityQuerySet):
    """As facilities: a record of the kecamatan or kabupaten (a partner such as the Puskesmas,
    a decree) concerns its desa too, so their cadres see it; writes stay with the region."""


class GradeRule(models.Model):
    """A kabupaten's own grading rule (``grading.DEFAULT_RULE`` where it has none).

    ``criteria``: ``{grade: [{"measure", "threshold", "label"}]}`` for dasar, berkembang and
    mandiri; ``grading.rule_for`` reads it.
    """

    region_code = models.CharField(_("kabupaten"), max_length=40, unique=True)
    criteria = models.JSONField(_("kriteria"))

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = False

    class Meta:
        verbose_name = _("aturan klasifikasi")
        verbose_name_plural = _("aturan klasifikasi")

    def __str__(self) -> str:
        return f"aturan {self.region_code}"


class Decree(models.Model):
    """A signed decree (SK) on the institutions of a kabupaten or kecamatan and their boards.

    Recording it snapshots the attachment (every active institution of the region and its
    board, ``attachment``) and makes those seats official from ``effective_on``. The scanned
    file lives under ``MEDIA_ROOT`` (``file_path``), checked by ``file_sha256``.
    """

    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    year = models.PositiveSmallIntegerField(_("tahun"))
    number = models.CharField(_("nomor"), max_length=100)
    signed_on = models.DateField(_("tanggal ditetapkan"))
    signatory = models.CharField(_("penandatangan"), max_length=150)
    effective_on = models.DateField(_("berlaku mulai"))
    institutions = models.ManyToManyField(Institution, related_name="decrees")
    # [{"code", "name", "level", "region_code", "board": [{"seat", "name"}]}]
    attachment = models.JSONField(_("lampiran"), default=list)
    file_path = models.CharField(_("berkas pindaian"), max_length=200, blank=True)
    file_sha256 = models.CharField(_("SHA-256 berkas"), max_length=64, blank=True)
    file_type = models.CharField(_("jenis berkas"), max_length=40, blank=True)
    file_size = models.PositiveIntegerField(_("ukuran berkas"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CoversBelowQuerySet.as_manager()
    holds_personal_data = False  # a public decree

    class Meta:
        ordering = ["-effective_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "number"], name="decree_once")
        ]
        verbose_name = _("SK")
        verbose_name_plural = _("SK")

    def __str__(self) -> str:
        return f"SK {self.number}"


class Partner(models.Model):
    """A cross-sector partner organisation of a region (kemitraan lintas sektor)."""

    class Kind(models.TextChoices):
        PUSKESMAS = "puskesmas", _("Puskesmas")
        BIDAN_DESA = "bidan_desa", _("Bidan desa")
        POLRI_BINMAS = "polri_binmas", _("Polri (Bhabinkamtibmas/Binmas)")
        TNI_BABINSA = "tni_babinsa", _("TNI (Babinsa)")
        KUA = "kua", _("KUA (Kemenag)")
        KARANG_TARUNA = "karang_taruna", _("Karang Taruna")
        PKK = "pkk", _("PKK")
        TOKOH_AGAMA = "tokoh_agama", _("Tokoh agama")
        TOKOH_MASYARAKAT = "tokoh_masyarakat", _("Tokoh masyarakat")
        PEMERINTAH_DESA = "pemerintah_desa", _("Pemerintah desa/kelurahan")
        IPEKB = "ipekb", _("IPeKB")

    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=150)
    facility = models.ForeignKey(
        "counseling.Facility",
        verbose_name=_("fasilitas kesehatan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partners",
    )
    active = models.BooleanField(_("aktif"), default=True)

    objects = CoversBelowQuerySet.as_manager()
    holds_personal_data = False  # organisations and their official contacts

    class Meta:
        ordering = ["region_code", "kind", "name"]
        verbose_name = _("mitra lintas sektor")
        verbose_name_plural = _("mitra lintas sektor")

    def __str__(self) -> str:
        return self.name


class PartnerContact(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=100, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_field = "partner__region_code"
    holds_personal_data = False  # office contacts a partner gives for its work

    class Meta:
        ordering = ["partner", "name"]
        verbose_name = _("kontak mitra")
        verbose_name_plural = _("kontak mitra")

    def __str__(self) -> str:
        return self.name


class PartnerActivity(models.Model):
    """A partner taking part in a joint activity, counted per region and month."""

    class Kind(models.TextChoices):
        KIE = "kie", _("KIE")
        PERTEMUAN = "pertemuan", _("Pertemuan")
        PELAYANAN_KB = "pelayanan_kb", _("Pelayanan KB")
        WORKSHOP = "workshop", _("Workshop/pelatihan")

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(_("kegiatan"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("tanggal"))
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = False

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "kind", "date", "region_code"], name="partner_activity_once"
            )
        ]
        verbose_name = _("kegiatan mitra")
        verbose_name_plural = _("kegiatan mitra")

    def __str__(self) -> str:
        return f"{self.partner} {self.get_kind_display()} {self.date}"
