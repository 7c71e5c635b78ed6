"""Partner facilities: which one a mitra user works at, and which a cadre may refer to."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from impsmart.counseling.models import Facility, FacilityStaff


def facility_of(user: Any) -> Facility | None:
    """The facility a (mitra) user answers referrals for, if linked."""
    if not getattr(user, "is_authenticated", False):
        return None
    link = FacilityStaff.objects.select_related("facility").filter(user=user).first()
    return link.facility if link else None


def is_staff_of(user: Any, facility: Facility) -> bool:
    return FacilityStaff.objects.filter(user=user, facility=facility).exists()


def referral_choices(user: Any) -> QuerySet[Facility]:
    """Facilities a user may refer to: in or above the user's region (e.g. the Puskesmas)."""
    return Facility.objects.visible_to(user).order_by("kind", "name")


def puskesmas_name(kecamatan_name: str) -> str:
    return f"Puskesmas {kecamatan_name}"
