"""Funds of IMP institutions (iuran, arisan, kas), their members and an append-only ledger.

Money is whole rupiah (integers). The ledger holds the cash effect of every entry with its
sign (a payout or spending is negative; a dues charge is a claim, not cash, and is left out of
the cash balance by its kind), so every balance is a plain SQL sum of entries and none is
stored. The database refuses UPDATE and DELETE of entries (``impsmart.append_only``); a
correction is a new entry of the opposite amount that ``reverses`` the wrong one.

A fund is owned by an institution today; its ``region_code`` (the owner's, copied when the
fund is made) is what scope reads, so a poktan owner (the groups app) can be added later as a
second, nullable owner without touching scope or the ledger.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.scope import ScopedQuerySet


class Fund(models.Model):
    class Kind(models.TextChoices):
        IURAN = "iuran", _("Iuran")
        ARISAN = "arisan", _("Arisan")
        KAS = "kas", _("Kas")

    institution = models.ForeignKey(
        "organization.Institution", on_delete=models.PROTECT, related_name="funds"
    )
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    name = models.CharField(_("nama dana"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    treasurer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bendahara (akun)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funds_kept",
    )
    treasurer_name = models.CharField(_("nama bendahara"), max_length=120)
    chair_name = models.CharField(_("nama ketua"), max_length=120)
    dues_amount = models.PositiveIntegerField(_("iuran per bulan (Rp)"), default=0)
    dues_from = models.DateField(_("iuran mulai bulan"), null=True, blank=True)
    created_on = models.DateField(_("dibuat"))

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = True  # members' names and what each paid

    class Meta:
        ordering = ["region_code", "name"]
        verbose_name = _("dana")
        verbose_name_plural = _("dana")

    def __str__(self) -> str:
        return self.name


class FundMember(models.Model):
    """A member of a fund: a person of the register, a user, or a typed name; ``invited_by``
    records the snowball (who brought her in)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(_("nama"), max_length=120)
    member = models.ForeignKey(
        "families.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    invited_by = models.ForeignKey(
        "self",
        verbose_name=_("diajak oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invited",
    )
    joined_on = models.DateField(_("bergabung"))

    objects = ScopedQuerySet.as_manager()
    scope_field = "fund__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["fund", "name", "pk"]
        verbose_name = _("anggota dana")
        verbose_name_plural = _("anggota dana")

    def __str__(self) -> str:
        return self.name


class ArisanCycle(models.Model):
    """One round of an arisan: every member of it wins once, one draw a month."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="cycles")
    number = models.PositiveIntegerField(_("putaran ke"))
    contribution = models.PositiveIntegerField(_("setoran per bulan (Rp)"))
    starts_on = models.DateField(_("bulan pertama"))
    members = models.ManyToManyField(FundMember, related_name="cycles")
    closed_on = models.DateField(_("ditutup"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_field = "fund__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["fund", "number"]
        constraints = [models.UniqueConstraint(fields=["fund", "number"], name="cycle_number")]
        verbose_name = _("putaran arisan")
        verbose_name_plural = _("putaran arisan")

    def __str__(self) -> str:
        return f"{self.fund} · {_('putaran')} {self.number}"


class ArisanDraw(models.Model):
    """The draw of one period: the commitment (SHA-256 of a secret seed) recorded before the
    meeting, the seed revealed at it, and the winner it selects (``arisan.winner_index``)."""

    cycle = models.ForeignKey(ArisanCycle, on_delete=models.PROTECT, related_name="draws")
    period = models.PositiveIntegerField(_("bulan ke"))
    commitment = models.CharField(_("komitmen (SHA-256)"), max_length=64)
    committed_at = models.DateTimeField()
    seed = models.CharField(_("benih"), max_length=200, blank=True)
    winner = models.ForeignKey(
        FundMember, null=True, blank=True, on_delete=models.PROTECT, related_name="wins"
    )
    drawn_on = models.DateField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_field = "cycle__fund__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["cycle", "period"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "period"], name="draw_period"),
            # Each member wins exactly once per cycle.
            models.UniqueConstraint(fields=["cycle", "winner"], name="draw_one_win"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.period}"


class CashCount(models.Model):
    """Cash counted at a meeting beside the ledger's balance that day; a gap is explained by
    an adjustment entry pointing here, never by changing the count."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="counts")
    date = models.DateField(_("tanggal hitung"))
    counted = models.BigIntegerField(_("uang terhitung (Rp)"))
    ledger_balance = models.BigIntegerField(_("saldo buku"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_field = "fund__region_code"
    holds_personal_data = False

    class Meta:
        ordering = ["fund", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.fund} · {self.date}: {self.counted}"

    @property
    def gap(self) -> int:
        return self.counted - self.ledger_balance


class Kind(models.TextChoices):
    """Contract values of ``impsmart ledger`` (``kind``)."""

    DUES_CHARGE = "iuran_tagihan", _("Tagihan iuran")
    DUES_PAID = "iuran_bayar", _("Bayar iuran")
    ARISAN_IN = "arisan_setor", _("Setoran arisan")
    ARISAN_OUT = "arisan_bayar", _("Pembayaran arisan")
    INCOME = "pemasukan", _("Pemasukan lain")
    SPENDING = "pengeluaran", _("Pengeluaran")
    ADJUSTMENT = "penyesuaian", _("Penyesuaian hitung kas")


# Kinds that move cash; a dues charge is a claim on a member.
CASH_KINDS = [k for k in Kind if k != Kind.DUES_CHARGE]
OUTGOING = {Kind.ARISAN_OUT, Kind.SPENDING}


class LedgerEntry(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("tanggal"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))  # signed cash effect; a charge: positive
    member = models.ForeignKey(
        FundMember, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    period = models.DateField(_("bulan"), null=True, blank=True)  # dues month (day 1)
    cycle = models.ForeignKey(
        ArisanCycle, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    cycle_period = models.PositiveIntegerField(null=True, blank=True)
    purpose = models.CharField(_("keperluan / sumber"), max_length=200, blank=True)
    receipt = models.CharField(max_length=120, blank=True)  # path under MEDIA_ROOT
    receipt_sha256 = models.CharField(max_length=64, blank=True)
    count = models.ForeignKey(
        CashCount, null=True, blank=True, on_delete=models.PROTECT, related_name="adjustments"
    )
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(_("alasan koreksi"), max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_field = "fund__region_code"
    holds_personal_data = True

    class Meta:
        ordering = ["fund", "date", "pk"]
        indexes = [models.Index(fields=["fund", "date"])]
        verbose_name = _("entri buku kas")
        verbose_name_plural = _("entri buku kas")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.amount}"
