"""Writes to the region tree: only local units (dusun/lingkungan, RW, RT) are created here."""

from __future__ import annotations

from django.db.models.functions import Length

from impsmart.accounts.audit import action
from impsmart.accounts.scope import require_writable
from impsmart.plaintext import has_control, message
from impsmart.regions.models import LOCAL_LEVELS, Region


class RegionError(ValueError):
    pass


def next_child_code(parent: Region) -> str:
    """The parent's code plus the next free two-digit segment (01, 02, …)."""
    siblings = Region.objects.filter(code__startswith=f"{parent.code}.", parent=parent)
    last = (
        siblings.annotate(n=Length("code")).order_by("-n", "-code").values_list("code", flat=True)
    )
    used = int(last[0].rsplit(".", 1)[1]) if last else 0
    return f"{parent.code}.{used + 1:02d}"


@action
def add_local_region(*, actor, parent: Region, name: str) -> Region:
    """Add a dusun under a desa, an RW under a dusun, or an RT under an RW."""
    level = parent.child_level
    if level not in LOCAL_LEVELS:
        raise RegionError("Di bawah wilayah ini tidak dapat ditambah dusun, RW atau RT.")
    require_writable(actor, parent.code, "manage_regions")
    name = name.strip()
    if not name or len(name) > 120:
        raise RegionError("Isi nama dusun/RW/RT (1–120 huruf).")
    if has_control(name):
        raise RegionError(message("Nama"))
    if Region.objects.filter(parent=parent, name__iexact=name).exists():
        raise RegionError(f"{name} sudah ada di {parent.name}.")
    return Region.objects.create(
        code=next_child_code(parent),
        name=name,
        level=level,
        parent=parent,
        lat=parent.lat,
        lng=parent.lng,
    )
