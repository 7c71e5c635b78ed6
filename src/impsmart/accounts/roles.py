"""Roles decide what a user may do; the region scope decides where.

Each app declares the permissions it introduces and the roles that hold them on its
``AppConfig`` (``impsmart.plugins``); ``role_may`` reads them all.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from impsmart import plugins


class Role(models.TextChoices):
    ADMIN_KABUPATEN = "admin_kabupaten", _("Admin kabupaten (Dinas PPKB)")
    KOORDINATOR_KECAMATAN = "koordinator_kecamatan", _("Koordinator kecamatan")
    PKB = "pkb", _("PKB/PLKB")
    PPKBD = "ppkbd", _("PPKBD (desa/kelurahan)")
    SUB_PPKBD = "sub_ppkbd", _("Sub-PPKBD (dusun/RW)")
    MITRA = "mitra", _("Mitra (mis. Puskesmas)")
    PIMPINAN = "pimpinan", _("Pimpinan")


# The region level each role's scope sits at (a PKB holds several desa).
SCOPE_LEVEL = {
    Role.ADMIN_KABUPATEN: "kabupaten",
    Role.KOORDINATOR_KECAMATAN: "kecamatan",
    Role.PKB: "desa",
    Role.PPKBD: "desa",
    Role.SUB_PPKBD: "dusun",
    Role.MITRA: "kecamatan",
    Role.PIMPINAN: "kabupaten",
}

# Role groups apps use when they declare their permissions (``AppConfig.permissions``).
FIELD_STAFF = frozenset({Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN, Role.PKB})
CADRES = frozenset({Role.PPKBD, Role.SUB_PPKBD})

# Which roles a user of each role may give to accounts they create.
GRANTABLE = {
    Role.ADMIN_KABUPATEN: set(Role),
    Role.KOORDINATOR_KECAMATAN: {Role.PKB, Role.PPKBD, Role.SUB_PPKBD, Role.MITRA},
    Role.PKB: {Role.PPKBD, Role.SUB_PPKBD},
}


def role_may(role: str, permission: str) -> bool:
    granted = plugins.permissions()
    if permission not in granted:
        raise KeyError(f"unknown permission {permission!r}")
    return role in granted[permission]
