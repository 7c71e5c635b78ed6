"""Demo step: the Dinas's medium-term replication desa — Bontomarannu whole, and in every
other kecamatan its first desa holding a PPKBD (or its first desa).

It also tells one desa's story of a gap in the data: its cadres (PPKBD and Sub-PPKBD) left
this year and the Dinas deactivated their accounts, no successor registered yet — so the
share of its cadres trained (T7) has no cadre to count and reads "no data" on the scorecard.
The desa is the last one of the last kecamatan, never a replication desa nor Bontomarannu's.
"""

from __future__ import annotations

from impsmart import dates
from impsmart.accounts import actions as accounts
from impsmart.accounts.models import User
from impsmart.accounts.roles import CADRES, Role
from impsmart.monitoring.models import ReplicationSite
from impsmart.organization.models import Institution
from impsmart.organization.models import Level as InstitutionLevel
from impsmart.regions.models import Level, Region

WHOLE = "Bontomarannu"


def step(ctx) -> str:
    by = User.objects.filter(role=Role.ADMIN_KABUPATEN, region_code=ctx.kabupaten.code).first()
    kecamatan = Region.objects.filter(parent=ctx.kabupaten, level=Level.KECAMATAN).order_by("code")
    with_ppkbd = set(
        Institution.objects.filter(level=InstitutionLevel.PPKBD).values_list(
            "region_code", flat=True
        )
    )
    marks = []
    for kec in kecamatan:
        if kec.name == WHOLE:
            marks.append(kec.code)
            continue
        desa = list(Region.objects.filter(parent=kec, level=Level.DESA).order_by("code"))
        chosen = next((d for d in desa if d.code in with_ppkbd), desa[0] if desa else None)
        if chosen is not None:
            marks.append(chosen.code)
    ReplicationSite.objects.bulk_create(  # audit-ok: demo data, the generator records one event
        [ReplicationSite(region_code=c, marked_on=dates.today(), marked_by=by) for c in marks],
        ignore_conflicts=True,
    )
    left = _cadres_left(by, kecamatan.last(), marks)
    return f"{len(marks)} wilayah replikasi jangka menengah, {left} akun kader dinonaktifkan"


def _cadres_left(by: User | None, kecamatan: Region | None, marks: list[str]) -> int:
    """Deactivate the cadre accounts of the kecamatan's last desa (see the module's story)."""
    if by is None or kecamatan is None or kecamatan.name == WHOLE:
        return 0
    desa = (
        Region.objects.filter(parent=kecamatan, level=Level.DESA)
        .exclude(code__in=marks)
        .order_by("-code")
        .first()
    )
    if desa is None:
        return 0
    cadres = User.objects.filter(role__in=CADRES, is_active=True).within(desa.code)
    cadres = list(cadres.order_by("pk"))
    for user in cadres:
        accounts.update_user(
            actor=by, user=user, role=user.role, region_codes=user.scope_codes, is_active=False
        )
    return len(cadres)
