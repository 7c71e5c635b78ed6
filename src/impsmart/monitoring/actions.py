"""Writes of the monitoring app: the Dinas marks and unmarks replication desa and adjusts
the thresholds of the replication targets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from impsmart import dates
from impsmart.accounts import audit
from impsmart.accounts.scope import require_writable
from impsmart.monitoring import targets
from impsmart.monitoring.models import ReplicationSite, TargetRule
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


@audit.action
def save_thresholds(*, actor, region_code: str, thresholds: dict) -> TargetRule:
    """Store the kabupaten's thresholds: only those differing from the defaults (domain.md §8)."""
    require_writable(actor, region_code, "manage_targets")
    if not Region.objects.filter(code=region_code, level=Level.KABUPATEN).exists():
        raise ValidationError(_("Ambang target berlaku per kabupaten."))
    try:
        parsed = targets.parse_thresholds(thresholds)
    except (TypeError, ValueError) as error:
        raise ValidationError(_("Ambang tidak sah: %(e)s") % {"e": error}) from error
    wrong = targets.problems(parsed)
    if wrong:
        raise ValidationError(wrong)
    changes = {}
    for code, values in parsed.items():
        changed = {k: v for k, v in values.items() if targets.DEFAULT_RULES[code][k] != v}
        if changed:
            changes[code] = changed
    rule, _created = TargetRule.objects.update_or_create(
        region_code=region_code, defaults={"thresholds": changes}
    )
    return rule
