"""F/I/Dal section I as report indicators: IMP institutions existing and reporting per level.

``<level>_ada``: institutions of that level existing on the month's last day (founded by then,
not deactivated before); ``<level>_lapor``: those of them whose region sent the month's
REKAP_PUS (submitted, verified or approved). Reporting counts only existing institutions, so
"yang lapor" never exceeds "yang ada".
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q

from impsmart.organization.measures import REPORT_FORM, SENT
from impsmart.organization.models import Institution, Level
from impsmart.reports.indicators import Frame, Indicator, Tallies, child_code, from_group, register
from impsmart.reports.models import Report

LEVELS = (Level.PPKBD, Level.SUB_PPKBD, Level.POK_KB)


def _institution_tallies(frame: Frame) -> Tallies:
    sent = Report.objects.filter(
        form=REPORT_FORM,
        region_code=OuterRef("region_code"),
        month=frame.first_day,
        status__in=SENT,
    )
    existing = (
        Institution.objects.within(frame.region_code)
        .filter(level__in=LEVELS)
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=frame.day))
        .filter(Q(deactivated_on__isnull=True) | Q(deactivated_on__gt=frame.day))
        .annotate(child=frame.child("region_code"), reported=Exists(sent))
        .order_by()
        .values("child")
    )
    counts = {}
    for level in LEVELS:
        counts[f"{level}_ada"] = Count("pk", filter=Q(level=level))
        counts[f"{level}_lapor"] = Count("pk", filter=Q(level=level, reported=True))
    rows = existing.annotate(**counts)
    return {child_code(row.pop("child")): Counter(row) for row in rows}


for _level in LEVELS:
    for _code in (f"{_level}_ada", f"{_level}_lapor"):
        register(Indicator(_code, counts=from_group(_institution_tallies, _code)))
