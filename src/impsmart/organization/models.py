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

    objects = ScopedQuerySet.as_manager()
    scope_field = "institution__region_code"
    holds_personal_data = False  # the same names the decree publishes

    class Meta:
        ordering = ["institution", "seat", "-started_on"]
        verbose_name = _("pengurus")
        verbose_name_plural = _("pengurus")

    def __str__(self) -> str:
        return f"{self.get_seat_display()}: {self.name}"
