"""Poktan (BKB, BKR, BKL, UPPKA, PIK-R): the groups, their members, sessions and economics.

A group is never deleted, only deactivated (K/0). Members come from the family register by the
group's rule (``eligibility.py``): a family for BKB/BKR/BKL/UPPKA, a young person for PIK-R.
A membership ends with a date, so a month's register shows who belonged then. Whether a
member is a PUS and uses KB is never stored here: it is read from the register on the day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from impsmart import paper
from impsmart.accounts.scope import ScopedQuerySet


class Kind(models.TextChoices):
    """Contract values of ``impsmart groups --kind``."""

    BKB = "BKB", _("BKB (Bina Keluarga Balita)")
    BKR = "BKR", _("BKR (Bina Keluarga Remaja)")
    BKL = "BKL", _("BKL (Bina Keluarga Lansia)")
    UPPKA = "UPPKA", _("UPPKA (Usaha Peningkatan Pendapatan Keluarga Akseptor)")
    PIK_R = "PIK_R", _("PIK-R (Pusat Informasi dan Konseling Remaja)")


FAMILY_KINDS = [Kind.BKB, Kind.BKR, Kind.BKL, Kind.UPPKA]
RESILIENCE_KINDS = [Kind.BKB, Kind.BKR, Kind.BKL]  # ketahanan keluarga (F/I/Dal III)


class SkIssuer(models.TextChoices):
    BUPATI = "bupati", _("Bupati/Walikota")
    CAMAT = "camat", _("Camat")
    KEPALA_DESA = "kepala_desa", _("Kepala desa/lurah")
    SKPD_KB = "skpd_kb", _("SKPD-KB")
    LAINNYA = "lainnya", _("Lainnya")


class Integration(models.TextChoices):
    POSYANDU = "posyandu", _("Posyandu")
    PAUD = "paud", _("PAUD")
    POSBINDU = "posbindu", _("Posbindu/posyandu lansia")
    SEKOLAH = "sekolah", _("Sekolah/madrasah")
    KAMPUNG_KB = "kampung_kb", _("Kampung KB")


class Kit(models.TextChoices):
    BKB_KIT = "bkb_kit", _("BKB Kit")
    KKA = "kka", _("Kartu Kembang Anak (KKA)")
    MATERI = "materi", _("Materi penyuluhan")
    GENRE_KIT = "genre_kit", _("GenRe Kit")


class Group(models.Model):
    code = models.CharField(_("kode"), max_length=60, unique=True)
    kind = models.CharField(_("jenis"), max_length=6, choices=Kind.choices)
    name = models.CharField(_("nama kelompok"), max_length=150)
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    sk_number = models.CharField(_("nomor SK pengukuhan"), max_length=80, blank=True)
    sk_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    sk_issuer = models.CharField(
        _("SK dikeluarkan oleh"), max_length=12, choices=SkIssuer.choices, blank=True
    )
    funding = models.JSONField(_("sumber dana"), default=list, blank=True)
    pembina = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pembina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="groups_guided",
    )
    integration = models.JSONField(_("keterpaduan"), default=list, blank=True)
    kits = models.JSONField(_("sarana"), default=list, blank=True)
    # The board (pengurus) as the K/0 card names it.
    ketua = models.CharField(_("ketua"), max_length=120, blank=True)
    sekretaris = models.CharField(_("sekretaris"), max_length=120, blank=True)
    bendahara = models.CharField(_("bendahara"), max_length=120, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    deactivated_on = models.DateField(_("dinonaktifkan"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = False  # the K/0 card: a group and its public board

    class Meta:
        ordering = ["region_code", "kind", "name"]
        verbose_name = _("kelompok kegiatan (poktan)")
        verbose_name_plural = _("kelompok kegiatan (poktan)")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A family (or, in a PIK-R, one young person of it) in a group from one day to another."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="memberships")
    family = models.ForeignKey(
        "families.Family", on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.ForeignKey(
        "families.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    started_on = models.DateField(_("mulai"))
    ended_on = models.DateField(_("berhenti"), null=True, blank=True)
    end_reason = models.CharField(_("alasan berhenti"), max_length=120, blank=True)
    business = models.CharField(_("jenis usaha"), max_length=120, blank=True)  # UPPKA

    objects = ScopedQuerySet.as_manager()
    scope_field = "family__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["group", "family", "started_on"]
        indexes = [models.Index(fields=["family", "group"])]
        verbose_name = _("keanggotaan poktan")
        verbose_name_plural = _("keanggotaan poktan")

    def __str__(self) -> str:
        return f"{self.group} · {self.family_id}"


class Presenter(models.TextChoices):
    PKB = "pkb", _("PKB/PLKB")
    PPKBD = "ppkbd", _("PPKBD")
    SUB_PPKBD = "sub_ppkbd", _("Sub-PPKBD")
    KADER = "kader", _("Kader poktan")
    BIDAN = "bidan", _("Bidan/tenaga kesehatan")
    LAINNYA = "lainnya", _("Lainnya")


class Session(models.Model):
    """A meeting (pertemuan/penyuluhan) of a group on one topic of its curriculum."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("tanggal"))
    topic = models.CharField(_("materi"), max_length=30)
    presenter_kind = models.CharField(_("penyaji"), max_length=10, choices=Presenter.choices)
    presenter_name = models.CharField(_("nama penyaji"), max_length=120)
    discussion = models.BooleanField(_("ada diskusi"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    scope_field = "group__region_code"
    holds_personal_data = False  # attendance by name lives on ``Attendance``

    class Meta:
        ordering = ["group", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["group", "date", "topic"], name="group_session_once")
        ]
        verbose_name = _("pertemuan poktan")
        verbose_name_plural = _("pertemuan poktan")

    def __str__(self) -> str:
        return f"{self.group} {self.date}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_field = "membership__family__region_code"
    holds_personal_data = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "membership"], name="attended_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.membership_id}"


class KkaCheck(models.Model):
    """One child's Kartu Kembang Anak check at a BKB session (``kka.py``)."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="kka_checks")
    child = models.ForeignKey("families.Member", on_delete=models.PROTECT, related_name="+")
    band = models.CharField(_("kelompok umur"), max_length=4)
    ticked = models.JSONField(_("tugas perkembangan tercapai"), default=list, blank=True)
    needs_referral = models.BooleanField(_("perlu dirujuk"), default=False)

    objects = ScopedQuerySet.as_manager()
    scope_field = "child__family__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["session", "child"]
        constraints = [models.UniqueConstraint(fields=["session", "child"], name="kka_check_once")]
        verbose_name = _("pemeriksaan KKA")
        verbose_name_plural = _("pemeriksaan KKA")

    def __str__(self) -> str:
        return f"KKA {self.child_id} {self.band}"


class CapitalSource(models.TextChoices):
    KUR = "kur", _("KUR/bank")
    KOPERASI = "koperasi", _("Koperasi")
    APBN = "apbn", _("APBN")
    APBD = "apbd", _("APBD")
    DANA_DESA = "dana_desa", _("Dana desa/BUMDes")
    IURAN = "iuran", _("Iuran/tabungan kelompok")
    MITRA = "mitra", _("Mitra/CSR")
    LAINNYA = "lainnya", _("Lainnya")


class Capital(models.Model):
    """Capital a UPPKA member accessed, in whole rupiah."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="capital")
    source = models.CharField(_("sumber modal"), max_length=10, choices=CapitalSource.choices)
    amount = models.PositiveBigIntegerField(_("jumlah (Rp)"))
    received_on = models.DateField(_("tanggal diterima"))

    objects = ScopedQuerySet.as_manager()
    scope_field = "membership__family__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["membership", "received_on"]
        verbose_name = _("modal UPPKA")
        verbose_name_plural = _("modal UPPKA")

    def __str__(self) -> str:
        return f"{paper.rupiah(self.amount)} {self.received_on}"


class Revenue(models.Model):
    """A UPPKA group's revenue (omzet) of one month, in whole rupiah."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="revenue")
    month = models.DateField(_("bulan"))  # the first day
    amount = models.PositiveBigIntegerField(_("omzet (Rp)"))

    objects = ScopedQuerySet.as_manager()
    scope_field = "group__region_code"
    holds_personal_data = False

    class Meta:
        ordering = ["group", "-month"]
        constraints = [models.UniqueConstraint(fields=["group", "month"], name="revenue_once")]

    def __str__(self) -> str:
        return f"{self.group} {self.month:%Y-%m}"
