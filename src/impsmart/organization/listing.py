"""Institutions as the contract of ``impsmart institutions`` and ``GET /api/v1/institutions``.

``grade`` is dasar/berkembang/mandiri, or null while not even Dasar is met; ``board`` lists
the running tenures; ``sk`` is the latest signed decree in force that names the institution.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch

from impsmart.organization import grading
from impsmart.organization.models import BoardSeat, Decree, Institution


def rows(institutions: Iterable[Institution], day: dt.date) -> list[dict]:
    found = list(
        institutions.prefetch_related(
            Prefetch("seats", BoardSeat.objects.filter(ended_on__isnull=True), to_attr="running"),
            Prefetch("decrees", Decree.objects.filter(effective_on__lte=day), to_attr="in_force"),
        ).order_by("region_code", "level", "code")
    )
    rules: dict[str, dict] = {}
    out = []
    for i in found:
        kabupaten = grading.kabupaten_of(i.region_code)
        if kabupaten not in rules:
            rules[kabupaten] = grading.rule_for(i.region_code)
        decree = max(i.in_force, key=lambda d: (d.effective_on, d.pk), default=None)
        out.append(
            {
                "code": i.code,
                "level": i.level,
                "name": i.name,
                "region_code": i.region_code,
                "grade": grading.grade(i, day, rules[kabupaten]).grade,
                "board": [
                    {"seat": s.seat, "name": s.name, "since": s.started_on.isoformat()}
                    for s in sorted(i.running, key=lambda s: (s.seat, s.started_on))
                ],
                "sk": {"number": decree.number, "date": decree.signed_on.isoformat()}
                if decree
                else None,
                "active": i.active,
            }
        )
    return out
