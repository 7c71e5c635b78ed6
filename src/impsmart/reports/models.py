"""Monthly reports as stored snapshots: draft → submitted → verified → approved (or returned).

An approved report is immutable: saving or deleting it raises ``ImmutableReport``, here and in
``actions.py``. A correction is a new version (a draft) that supersedes the approved one, which
stays as it was.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.scope import ScopedQuerySet
from impsmart.reports import forms_catalog


class ImmutableReport(Exception):
    """A write to an approved report (a correction must be a new version)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message or "Laporan yang sudah disetujui tidak dapat diubah; buat versi perbaikan."
        )


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Dikirim")
    VERIFIED = "verified", _("Diverifikasi")
    APPROVED = "approved", _("Disetujui")
    RETURNED = "returned", _("Dikembalikan")


class LateReason(models.TextChoices):
    SIGNAL = "sinyal", _("Sinyal/jaringan")
    SICK = "sakit", _("Kader sakit")
    INCOMPLETE = "data", _("Data belum lengkap")
    OTHER = "lainnya", _("Lainnya")


def _user_fk(name: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=name,
    )


class Report(models.Model):
    """One version of one form for one region and month, with its figures."""

    form = models.CharField(_("formulir"), max_length=32)
    region_code = models.CharField(_("wilayah"), max_length=40, db_index=True)
    level = models.CharField(_("tingkat"), max_length=10)
    month = models.DateField(_("bulan"), help_text=_("Hari pertama bulan laporan."))
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # {"rows": [{"code", "label", "value"}], "breakdown": {child_code: {row_code: value}}}
    figures = models.JSONField(_("angka"), default=dict)
    computed_at = models.DateTimeField(_("dihitung"), null=True, blank=True)
    submitted_by = _user_fk(_("dikirim oleh"))
    submitted_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    verified_by = _user_fk(_("diverifikasi oleh"))
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    approved_by = _user_fk(_("disetujui oleh"))
    approved_at = models.DateTimeField(_("disetujui"), null=True, blank=True)
    returned_by = _user_fk(_("dikembalikan oleh"))
    returned_at = models.DateTimeField(_("dikembalikan"), null=True, blank=True)
    returned_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    late_reason = models.CharField(
        _("alasan terlambat"), max_length=10, choices=LateReason.choices, blank=True
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("menggantikan"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_field = "region_code"
    holds_personal_data = False  # figures are aggregates

    class Meta:
        ordering = ["-month", "region_code", "form", "-version"]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        constraints = [
            models.UniqueConstraint(
                fields=["form", "region_code", "month", "version"], name="report_version_unique"
            )
        ]
        indexes = [models.Index(fields=["form", "month", "level"])]

    def __str__(self) -> str:
        return f"{self.form} {self.region_code} {self.month:%Y-%m} v{self.version}"

    def save(self, *args, **kwargs) -> None:
        if self.stored_status() == Status.APPROVED:
            raise ImmutableReport
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.stored_status() == Status.APPROVED:
            raise ImmutableReport
        return super().delete(*args, **kwargs)

    def stored_status(self) -> str | None:
        if self.pk is None:
            return None
        return type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()

    @property
    def month_text(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def month_end(self) -> dt.date:
        following = (self.month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)

    def value(self, code: str):
        return next((r["value"] for r in self.figures.get("rows", []) if r["code"] == code), None)

    @property
    def title(self) -> str:
        """The form's official title, as people read it (``form`` keeps the code)."""
        form = forms_catalog.get_form(self.form)
        return form.title_for(self.level) if form else self.form

    def row_label(self, code: str) -> str:
        form = forms_catalog.get_form(self.form)
        row = next((r for r in form.rows if r.code == code), None) if form else None
        return row.label if row else code


class ReportCalendar(models.Model):
    """A kabupaten's own due days, overriding ``calendar.DEFAULT_DUE_DAYS`` key by key."""

    region_code = models.CharField(_("kabupaten"), max_length=40, unique=True)
    # {"dusun": 3, "desa": 5, "verifikasi": 7, "kecamatan": 10, "kabupaten": 15}
    due_days = models.JSONField(_("tanggal batas"), default=dict)

    objects = ScopedQuerySet.as_manager()
    scope_field = "region_code"
    holds_personal_data = False

    class Meta:
        verbose_name = _("kalender pelaporan")
        verbose_name_plural = _("kalender pelaporan")

    def __str__(self) -> str:
        return f"kalender {self.region_code}"
