"""The entries a phone sent: each applied once per (user, client id), its answer kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SyncEntry(models.Model):
    """An applied offline entry. Only applied entries are kept: a refused or conflicting one
    changed nothing, so the phone may send it again (edited) under the same id."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    client_id = models.UUIDField(_("id dari ponsel"))
    kind = models.CharField(_("jenis"), max_length=30)
    digest = models.CharField(max_length=64)  # sha256 of the payload: same id, other data?
    message = models.CharField(_("pesan"), max_length=300)
    applied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("entri tanpa sinyal")
        constraints = [
            models.UniqueConstraint(fields=["user", "client_id"], name="sync_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.client_id}"
