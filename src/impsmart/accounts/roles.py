"""Roles decide what a user may do; the region scope decides where."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

_FIELD_STAFF = {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN, Role.PKB}
_CADRES = {Role.PPKBD, Role.SUB_PPKBD}

PERMISSIONS: dict[str, set[str]] = {
    # Names, NIK, health and contraception status of families.
    "view_personal": _FIELD_STAFF | _CADRES,
    # Aggregated figures, maps and reports.
    "view_aggregates": _FIELD_STAFF | _CADRES | {Role.PIMPINAN},
    # Region pages and the region tree.
    "view_regions": _FIELD_STAFF | _CADRES | {Role.PIMPINAN, Role.MITRA},
    # Families, members, KB episodes, pregnancies and intentions.
    "edit_register": _FIELD_STAFF | _CADRES,
    # Adding dusun/lingkungan, RW and RT under a desa.
    "manage_regions": _FIELD_STAFF | {Role.PPKBD},
    # Accounts of other users inside one's scope.
    "manage_users": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN, Role.PKB},
    # Giving an account in one's scope a temporary password (the "forgot password" desk).
    "reset_passwords": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN},
    "view_audit": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN},
    # The partner facilities (Puskesmas, pustu, bidan, ...) serving one's scope: their staff
    # and referral counts. Field staff read them; the kecamatan and district offices keep the
    # list: they add and change facilities and link the mitra accounts that answer referrals.
    "view_facilities": _FIELD_STAFF,
    "manage_facilities": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN},
}

# Which roles a user of each role may give to accounts they create.
GRANTABLE = {
    Role.ADMIN_KABUPATEN: set(Role),
    Role.KOORDINATOR_KECAMATAN: {Role.PKB, Role.PPKBD, Role.SUB_PPKBD, Role.MITRA},
    Role.PKB: {Role.PPKBD, Role.SUB_PPKBD},
}


def role_may(role: str, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    return role in PERMISSIONS[permission]
