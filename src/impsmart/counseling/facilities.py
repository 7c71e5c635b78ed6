"""Partner facilities: which one a mitra user works at, which a cadre may refer to, where each
kind is recorded, and the referral counts of the facility pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from impsmart.counseling.models import Facility, FacilityStaff, Referral
from impsmart.regions.models import Level, Region


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


# The region level each kind of facility is recorded at: the area it serves. A hospital sits
# in its kecamatan, or at the kabupaten when it is the district hospital (RSUD) serving all.
KIND_LEVELS: dict[str, tuple[str, ...]] = {
    Facility.Kind.PUSKESMAS: (Level.KECAMATAN,),
    Facility.Kind.RS: (Level.KECAMATAN, Level.KABUPATEN),
    Facility.Kind.PUSTU: (Level.DESA,),
    Facility.Kind.POLINDES: (Level.DESA,),
    Facility.Kind.BPM: (Level.DESA,),
    Facility.Kind.KLINIK: (Level.KECAMATAN, Level.DESA),
}
RECENT_DAYS = {"30": 30, "365": 365}


def region_choices(user: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """Kabupaten, kecamatan and desa a user may place a facility in, grouped by kecamatan."""
    levels = [Level.KABUPATEN, Level.KECAMATAN, Level.DESA]
    regions = Region.objects.visible_to(user).filter(level__in=levels)
    groups: dict[str, list[tuple[str, str]]] = {}
    names: dict[str, str] = {}
    for region in regions.order_by("code"):
        kecamatan = ".".join(region.code.split(".")[:3])
        if region.level in (Level.KABUPATEN, Level.KECAMATAN):
            names[kecamatan] = str(region)
        groups.setdefault(kecamatan, []).append((region.code, str(region)))
    missing = Region.objects.filter(code__in=set(groups) - set(names))
    names.update({r.code: str(r) for r in missing})
    return [(names.get(code, code), options) for code, options in groups.items()]


def region_labels(codes_: Iterable[str]) -> dict[str, str]:
    """'Desa Bontoa', 'Kecamatan Bontomarannu' for the regions of visible facilities."""
    return {code: str(region) for code, region in Region.objects.in_bulk(set(codes_)).items()}


def referral_counts(user: Any, facility: Facility, today: dt.date) -> list[dict[str, Any]]:
    """Referrals from the user's scope to ``facility``: received, served, not served, waiting.

    One row per period (last 30 days, 12 months, ever), counted in one query; never listed.
    """
    referrals = Referral.objects.aggregatable_by(user).filter(facility=facility)
    status = {
        "served": Q(status=Referral.Status.SERVED),
        "not_served": Q(status=Referral.Status.NOT_SERVED),
        "waiting": Q(status=Referral.Status.SENT),
    }
    periods = {k: Q(sent_on__gte=today - dt.timedelta(days=d)) for k, d in RECENT_DAYS.items()}
    periods["all"] = Q(pk__isnull=False)
    aggregates = {}
    for period, since in periods.items():
        aggregates[f"{period}_received"] = Count("pk", filter=since)
        for name, condition in status.items():
            aggregates[f"{period}_{name}"] = Count("pk", filter=since & condition)
    figures = referrals.aggregate(**aggregates)
    labels = {"30": _("30 hari terakhir"), "365": _("12 bulan terakhir"), "all": _("Semua")}
    return [
        {
            "label": labels[period],
            **{k: figures[f"{period}_{k}"] for k in ("received", *status)},
        }
        for period in periods
    ]
