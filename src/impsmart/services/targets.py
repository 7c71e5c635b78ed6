"""A service day's target list, drawn from the register for the day itself.

Among the PUS of families in the day's region (``families/status.py``) on the service day:
- ``unmet``: status IAT or TIAL (the routine unmet need, domain.md §5);
- ``ending``: an implant or IUD whose lifetime (``counseling/visits.lifetime_end``) ends
  within ``ENDING_DAYS`` after the day or has already ended while still recorded in use;
- ``postpartum``: a live birth in the ``POSTPARTUM_DAYS`` before the day and no method in use.
A woman fitting several rules is listed once, under the first. The list is computed, never
stored: only the women the cadre invites become ``Invitation`` rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from impsmart.counseling.visits import lifetime_end
from impsmart.families import codes
from impsmart.families.models import ContraceptiveEpisode, Family, Member, Pregnancy
from impsmart.families.status import with_status
from impsmart.services.models import Reason, ServiceDay

ENDING_DAYS = 90
POSTPARTUM_DAYS = 42


def _using(day: dt.date) -> Q:
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gt=day))


def women(user: Any, service_day: ServiceDay) -> QuerySet[Member]:
    """Members the user may see in the families of the day's region."""
    families = Family.objects.visible_to(user).within(service_day.region_code)
    return Member.objects.visible_to(user).filter(family__in=families.values("pk"))


def candidates(user: Any, service_day: ServiceDay) -> dict[int, str]:
    """{member id: reason} of every woman the rules put on the day's list (user's scope)."""
    day = service_day.date
    members = with_status(women(user, service_day), day)
    found: dict[int, str] = {}
    unmet = members.filter(status__in=[codes.Intention.IAT, codes.Intention.TIAL])
    for pk in unmet.values_list("pk", flat=True):
        found.setdefault(pk, Reason.UNMET)
    lasting = ContraceptiveEpisode.objects.filter(
        _using(day),
        member__in=members.values("pk"),
        method__in=[codes.Method.IMPLAN, codes.Method.IUD],
    ).values_list("member_id", "method", "method_type", "start_date")
    horizon = day + dt.timedelta(days=ENDING_DAYS)
    for pk, method, method_type, start in lasting:
        end = lifetime_end(method, method_type, start)
        if end is not None and end <= horizon:
            found.setdefault(pk, Reason.ENDING)
    using = ContraceptiveEpisode.objects.filter(_using(day), member=OuterRef("member_id"))
    births = Pregnancy.objects.filter(
        member__in=members.values("pk"),
        outcome=codes.Outcome.LIVE_BIRTH,
        outcome_date__gt=day - dt.timedelta(days=POSTPARTUM_DAYS),
        outcome_date__lte=day,
    ).exclude(Exists(using))
    for pk in births.values_list("member_id", flat=True):
        found.setdefault(pk, Reason.POSTPARTUM)
    return found


def target_list(user: Any, service_day: ServiceDay) -> list[tuple[Member, str, bool]]:
    """(woman, reason, already invited) for the page, by dusun and name."""
    found = candidates(user, service_day)
    invited = set(service_day.invitations.values_list("member_id", flat=True))
    people = Member.objects.filter(pk__in=found).select_related("family")
    people = people.order_by("family__region_code", "name")
    return [(m, Reason(found[m.pk]).label, m.pk in invited) for m in people]
