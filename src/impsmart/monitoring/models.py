"""What a kabupaten decides about monitoring: its target thresholds and its replication desa."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.scope import ScopedQuerySet


class TargetRule(models.Model):
    """A kabupaten's own thresholds of the replication targets (``targets.DEFAULT_RULES``
    where it has none): ``{"T2": {"met": 9}}`` changes only what it names."""

    region_code = models.CharField(_("kabupaten"), max_length=40, unique=True)
    thresholds = models.JSONField(_("ambang"), default=dict)

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = False

    class Meta:
        verbose_name = _("aturan target replikasi")
        verbose_name_plural = _("aturan target replikasi")

    def __str__(self) -> str:
        return f"target {self.region_code}"


class ReplicationSite(models.Model):
    """A desa the Dinas chose for the medium-term plan (besides every desa of Bontomarannu)."""

    region_code = models.CharField(_("desa"), max_length=40, unique=True)
    marked_on = models.DateField(_("ditandai"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    holds_personal_data = False

    class Meta:
        ordering = ["region_code"]
        verbose_name = _("desa replikasi")
        verbose_name_plural = _("desa replikasi")

    def __str__(self) -> str:
        return self.region_code
