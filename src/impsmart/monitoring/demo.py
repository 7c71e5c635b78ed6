"""Demo step: the Dinas's medium-term replication desa — Bontomarannu whole, and in every
other kecamatan its first desa holding a PPKBD (or its first desa)."""

from __future__ import annotations

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
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
    return f"{len(marks)} wilayah replikasi jangka menengah"
