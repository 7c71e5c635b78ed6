"""F/I/Dal section II, KIE and counselling, as report indicators.

Of the month's KIE sessions (counted where they were held): ``kie_pkb`` those the PKB/PLKB
gave, ``kie_kader`` those cadres or partners gave, ``kie_kit`` those that used the KIE kit,
``tokoh_kie`` the community, religious and adat leaders active in them (summed over the
sessions, as each session records them). ``konseling``: counselling sessions with a member
of the region's families in the month.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q, Sum

from impsmart.counseling.models import Counseling, KieSession, Presenter
from impsmart.reports.indicators import Frame, Indicator, Tallies, child_code, from_group, register


def _kie_tallies(frame: Frame) -> Tallies:
    rows = (
        KieSession.objects.within(frame.region_code)
        .filter(date__gte=frame.first_day, date__lte=frame.day)
        .annotate(child=frame.child("region_code"))
        .order_by()
        .values("child")
        .annotate(
            kie_pkb=Count("pk", filter=Q(presenter_kind=Presenter.PKB)),
            kie_kader=Count("pk", filter=~Q(presenter_kind=Presenter.PKB)),
            kie_kit=Count("pk", filter=Q(kie_kit=True)),
            tokoh_kie=Sum("leaders_active"),
        )
    )
    tallies: Tallies = {}
    for row in rows:
        child = child_code(row.pop("child"))
        tallies[child] = Counter({key: value or 0 for key, value in row.items()})
    return tallies


def _counseling_tallies(frame: Frame) -> Tallies:
    sessions = Counseling.objects.filter(
        member__in=frame.members.values("pk"), date__gte=frame.first_day, date__lte=frame.day
    )
    rows = (
        sessions.annotate(child=frame.child("member__family__region_code"))
        .order_by()
        .values("child")
        .annotate(konseling=Count("pk"))
    )
    return {child_code(row.pop("child")): Counter(row) for row in rows}


for _code in ("kie_pkb", "kie_kader", "kie_kit", "tokoh_kie"):
    register(Indicator(_code, counts=from_group(_kie_tallies, _code)))
register(Indicator("konseling", counts=from_group(_counseling_tallies, "konseling")))
