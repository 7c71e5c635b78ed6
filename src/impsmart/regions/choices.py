"""Regions as ``<select>`` options: names only (an option holds no markup for a small code)."""

from typing import Any

from impsmart.regions.models import LOCAL_LEVELS, Level, Region


def option_label(region: Region) -> str:
    """The region's name; a dusun's desa follows, as dusun names repeat from desa to desa."""
    if region.level in LOCAL_LEVELS and region.parent is not None:
        return f"{region}, {region.parent}"
    return str(region)


def desa_and_dusun(user: Any) -> list[tuple[str, str]]:
    """The desa and dusun in the user's scope, in code order (each desa before its dusun)."""
    regions = Region.objects.visible_to(user).filter(level__in=[Level.DESA, Level.DUSUN])
    return [(r.code, option_label(r)) for r in regions.select_related("parent").order_by("code")]
