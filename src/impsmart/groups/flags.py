"""From the old ``Family.poktan_*`` booleans to memberships (the data migration's work).

A family flagged ``poktan_bkb`` becomes a member of its desa's BKB group (the first of that
kind in the desa, created when there is none), from the day it was registered: the report
figures of every past month stay what the flags said. Works on historical or current models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

FLAG_KINDS = ["BKB", "BKR", "BKL", "UPPKA"]  # the order of the flags in a row
DESA_PARTS = 4  # 73.06.06.2001: provinsi, kabupaten, kecamatan, desa


def desa_of(region_code: str) -> str:
    return ".".join(region_code.split(".")[:DESA_PARTS])


Row = tuple[int, str, dt.date, bool, bool, bool, bool]  # id, region, registered, 4 flags


def memberships_from_flags(rows: Iterable[Row], Group, Membership, Region) -> int:
    """Create the memberships the flags of ``rows`` said; returns how many."""
    wanted = [
        (desa_of(region), kind, family_id, registered)
        for family_id, region, registered, *flags in rows
        for kind, flagged in zip(FLAG_KINDS, flags, strict=True)
        if flagged
    ]
    needed = {(desa, kind) for desa, kind, _family, _day in wanted}
    groups = ensure_groups(needed, Group, Region)
    Membership.objects.bulk_create(  # audit-ok: the migration and the demo's one event
        [
            Membership(group_id=groups[desa, kind], family_id=family_id, started_on=registered)
            for desa, kind, family_id, registered in wanted
        ],
        batch_size=5000,
    )
    return len(wanted)


def ensure_groups(needed: set[tuple[str, str]], Group, Region) -> dict[tuple[str, str], int]:
    """(desa, kind) → the pk of the desa's first group of that kind, created when missing."""
    desas = sorted({desa for desa, _kind in needed})
    found: dict[tuple[str, str], int] = {}
    existing = Group.objects.filter(region_code__in=desas).order_by("-active", "-pk")
    for pk, desa, kind in existing.values_list("pk", "region_code", "kind"):
        found[desa, kind] = pk
    names = dict(Region.objects.filter(code__in=desas).values_list("code", "name"))
    missing = sorted(needed - set(found))
    Group.objects.bulk_create(  # audit-ok: the migration and the demo's one event
        [
            Group(
                code=f"{kind}-{desa}-1",
                kind=kind,
                region_code=desa,
                name=f"{kind.replace('_', '-')} {names.get(desa, desa)}",
            )
            for desa, kind in missing
        ]
    )
    created = Group.objects.filter(code__in=[f"{kind}-{desa}-1" for desa, kind in missing])
    for pk, desa, kind in created.values_list("pk", "region_code", "kind"):
        found[desa, kind] = pk
    return {key: found[key] for key in needed}
