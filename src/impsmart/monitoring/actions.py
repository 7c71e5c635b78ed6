"""Writes of the monitoring app: the Dinas marks and unmarks replication desa."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from impsmart import dates
from impsmart.accounts import audit
from impsmart.accounts.scope import require_writable
from impsmart.monitoring.models import ReplicationSite
from impsmart.regions.models import Level, Region

MARKABLE = (Level.DESA, Level.KECAMATAN)  # a kecamatan marks all its desa (Bontomarannu)


@audit.action
def mark_site(*, actor, region_code: str) -> ReplicationSite:
    require_writable(actor, region_code, "manage_replication")
    region = Region.objects.filter(code=region_code, level__in=MARKABLE).first()
    if region is None:
        raise ValidationError(_("Pilih desa/kelurahan atau kecamatan yang ada."))
    site, _created = ReplicationSite.objects.get_or_create(
        region_code=region.code, defaults={"marked_on": dates.today(), "marked_by": actor}
    )
    return site


@audit.action
def unmark_site(*, actor, site: ReplicationSite) -> None:
    require_writable(actor, site.region_code, "manage_replication")
    site.delete()  # audit-ok: one row, audited by its delete signal
