"""Who may take which step on a report of which level, and where figures come from.

Dusun and desa reports go draft → submitted (the cadre) → verified (the PKB/PLKB of that desa)
→ approved (the koordinator kecamatan). A kecamatan report is compiled and approved by the
koordinator, a kabupaten report by Dinas PPKB; both add up the approved desa snapshots.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied

from impsmart import dates
from impsmart.accounts.roles import Role
from impsmart.accounts.scope import code_within, user_scope_codes
from impsmart.regions.models import Level, Region
from impsmart.reports.models import Report, Status


class WorkflowError(ValueError):
    """A step that is not possible from the report's current state (message in Indonesian)."""


LOWER = {Level.DUSUN, Level.DESA}
ROLLUP = {Level.KECAMATAN, Level.KABUPATEN}

SUBMITTERS = {
    Level.DUSUN: {Role.SUB_PPKBD},
    Level.DESA: {Role.PPKBD},
    Level.KECAMATAN: {Role.KOORDINATOR_KECAMATAN},
    Level.KABUPATEN: {Role.ADMIN_KABUPATEN},
}
VERIFIERS = {Level.DUSUN: {Role.PKB}, Level.DESA: {Role.PKB}}
APPROVERS = {
    Level.DUSUN: {Role.KOORDINATOR_KECAMATAN},
    Level.DESA: {Role.KOORDINATOR_KECAMATAN},
    Level.KECAMATAN: {Role.KOORDINATOR_KECAMATAN},
    Level.KABUPATEN: {Role.ADMIN_KABUPATEN},
}

# The state each step starts from.
FROM_STATES = {
    "refresh": {Status.DRAFT, Status.RETURNED},
    "submit": {Status.DRAFT, Status.RETURNED},
    "verify": {Status.SUBMITTED},
    "return": {Status.SUBMITTED, Status.VERIFIED},
    "approve": {Status.VERIFIED},
    "new_version": {Status.APPROVED},
}
STATE_MESSAGES = {
    "refresh": "Hanya draf atau laporan yang dikembalikan yang dapat dihitung ulang.",
    "submit": "Hanya draf atau laporan yang dikembalikan yang dapat dikirim.",
    "verify": "Hanya laporan yang sudah dikirim yang dapat diverifikasi.",
    "return": "Hanya laporan yang dikirim atau diverifikasi yang dapat dikembalikan.",
    "approve": "Laporan harus diverifikasi PKB/PLKB sebelum disetujui.",
    "new_version": "Versi perbaikan hanya dibuat dari laporan yang sudah disetujui.",
}


def roles_for(step: str, level: str) -> set[str]:
    if step in ("refresh", "submit"):
        return SUBMITTERS.get(level, set())
    if step == "verify":
        return VERIFIERS.get(level, set())
    if step == "approve":
        return APPROVERS.get(level, set())
    if step == "return":
        return VERIFIERS.get(level, set()) | APPROVERS.get(level, set())
    if step == "new_version":
        return SUBMITTERS.get(level, set()) | APPROVERS.get(level, set())
    raise KeyError(step)


def from_states(step: str, level: str) -> set[str]:
    """Upper levels have no verification: they are approved straight from submitted."""
    if step == "approve" and level in ROLLUP:
        return {Status.SUBMITTED}
    return FROM_STATES[step]


def may(user: Any, step: str, level: str, region_code: str) -> bool:
    if not getattr(user, "is_active", False):
        return False
    if user.role not in roles_for(step, level):
        return False
    return any(code_within(region_code, c) for c in user_scope_codes(user))


def check(user: Any, step: str, report: Report) -> None:
    """403 for the wrong role or region; ``WorkflowError`` for the wrong state."""
    if not may(user, step, report.level, report.region_code):
        raise PermissionDenied
    if report.status not in from_states(step, report.level):
        raise WorkflowError(STATE_MESSAGES[step])


def allowed_steps(user: Any, report: Report, is_latest: bool) -> list[str]:
    """The steps to offer as buttons: right role, right region, right state."""
    if not is_latest:
        return []
    steps = ["refresh", "submit", "verify", "return", "approve", "new_version"]
    return [
        s
        for s in steps
        if report.status in from_states(s, report.level)
        and may(user, s, report.level, report.region_code)
    ]


def level_of(region_code: str) -> str:
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        raise WorkflowError(f"Wilayah {region_code} tidak dikenal.")
    if region.level not in LOWER | ROLLUP:
        raise WorkflowError("Laporan bulanan dibuat untuk dusun, desa, kecamatan atau kabupaten.")
    return region.level


def fresh_figures(form: str, region_code: str, level: str, month: dt.date) -> dict:
    """Figures now: from the registers (dusun, desa) or the approved desa reports (above)."""
    if level in ROLLUP:
        from impsmart.reports.completeness import rollup

        result = rollup(form, region_code, month)
    else:
        from impsmart.reports import engine

        result = engine.compute(form, region_code, dates.last_day(month))
    return {"rows": result["rows"], "breakdown": result.get("breakdown", {})}


def stamp() -> dt.datetime:
    return dates.now()
