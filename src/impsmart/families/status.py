"""The monthly status of a PUS (domain.md §4), computed set-based for any set of women.

At the end of month M a woman is a PUS when she is married to a husband in the same family
record, both are members that day, and she is 15–49 that day. A marriage that ended keeps its
link (``EVER_MARRIED``): the day one of them left the KK ends her PUS, earlier months keep it.
Her one status is, in order: the method of the episode active that day (PA); ``H`` when a
pregnancy is ongoing; her latest intention on or before that day (IAS/IAT/TIAL); else ``?``
(unknown, shown, never hidden).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, IsNull, Range

from impsmart import compiled
from impsmart.dates import months_back, years_before
from impsmart.families import codes
from impsmart.families.models import ContraceptiveEpisode, IntentionRecord, Member, Pregnancy

PREGNANT = "H"
UNKNOWN = "?"
STATUSES = [*codes.Method.values, PREGNANT, *codes.Intention.values, UNKNOWN]


def _present(prefix: str, day: dt.date) -> Q:
    """Members (``prefix`` = "" or "spouse__") who belong to the family on ``day``."""
    return (Q(**{f"{prefix}joined_on__isnull": True}) | Q(**{f"{prefix}joined_on__lte": day})) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": day})
    )


# A wife whose marriage ended keeps the link to the husband she had on this KK: her status
# says what it is today, and the days both were on the KK bound her PUS (actions.separate).
EVER_MARRIED = [codes.Marital.MARRIED, codes.Marital.DIVORCED, codes.Marital.WIDOWED]


def pus_on(members: QuerySet[Member], day: dt.date) -> QuerySet[Member]:
    """The women of ``members`` who are a PUS on ``day``."""
    return members.filter(
        _present("", day),
        _present("spouse__", day),
        Q(family__closed_on__isnull=True) | Q(family__closed_on__gt=day),
        sex=codes.Sex.FEMALE,
        marital_status__in=EVER_MARRIED,
        spouse__family_id=F("family_id"),
        birth_date__gt=years_before(day, 50),
        birth_date__lte=years_before(day, 15),
    )


def in_use_on(member: Any, day: dt.date) -> QuerySet[ContraceptiveEpisode]:
    """The episode of ``member`` (an expression: her id) in use on ``day`` (none overlap)."""
    return ContraceptiveEpisode.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=day), member=member, start_date__lte=day
    ).order_by("-start_date")


def pregnant_on(member: Any, day: dt.date) -> QuerySet[Pregnancy]:
    """The pregnancy of ``member`` ongoing on ``day``."""
    return Pregnancy.objects.filter(
        Q(outcome_date__isnull=True) | Q(outcome_date__gt=day), member=member, start_date__lte=day
    ).order_by()


def latest_intention(member: Any, day: dt.date) -> QuerySet[IntentionRecord]:
    """The intentions of ``member`` recorded by ``day``, the latest first (one a day:
    ``intention_once_a_day``, so the index answers without a sort)."""
    return IntentionRecord.objects.filter(member=member, recorded_on__lte=day).order_by(
        "-recorded_on"
    )


def with_status(
    members: QuerySet[Member], day: dt.date, latest: dict[str, Any] | None = None
) -> QuerySet[Member]:
    """PUS on ``day`` with ``status``, and ``jalur`` of the episode active that day.

    COALESCE stops at the first non-null argument, so each woman's pregnancy and intention
    lookups run only when she uses no method, and no lookup is repeated.

    ``latest``, when given, holds expressions for the ``method``, ``jalur`` and ``end_date``
    of her latest episode begun by ``day`` (``latest_episode``), which the caller looks up
    once per row (``pus_months`` joins it LATERALly on PostgreSQL): the episode in use is that
    one when it has not ended by ``day`` (none began later), else an earlier one still in use
    is looked for as without ``latest`` (none, as episodes never overlap).
    """
    active = in_use_on(OuterRef("pk"), day)
    pregnant = pregnant_on(OuterRef("pk"), day)
    intention = latest_intention(OuterRef("pk"), day)

    def in_use(name: str):
        if latest is None:
            return Subquery(active.values(name)[:1])
        ended = latest["end_date"]
        return Case(
            When(IsNull(latest["method"], True), then=Value(None)),  # none begun by ``day``
            When(Q(IsNull(ended, True)) | Q(GreaterThan(ended, day)), then=latest[name]),
            default=Subquery(active.values(name)[:1]),
            output_field=CharField(),
        )

    return pus_on(members, day).annotate(
        status=Coalesce(
            in_use("method"),
            Case(When(Exists(pregnant), then=Value(PREGNANT)), output_field=CharField()),
            Subquery(intention.values("intention")[:1]),
            Value(UNKNOWN),
            output_field=CharField(),
        ),
        jalur=in_use("jalur"),
    )


def dates_of(day: dt.date) -> tuple[dt.date, ...]:
    """Every date ``with_month_facts(members, day)`` compares with: ``day`` and those derived
    from it. ``pus_months`` compiles that query once and puts another day's dates in these
    places (checked against a second day compiled: a date missing here fails the check)."""
    return (day, years_before(day, 50), years_before(day, 15), *months_back(day, 3))


def latest_episode(member: Any, day: dt.date) -> QuerySet[ContraceptiveEpisode]:
    """The episodes of ``member`` (an expression: her id) begun by ``day``, the latest first."""
    return ContraceptiveEpisode.objects.filter(member=member, start_date__lte=day).order_by(
        "-start_date"
    )


def with_month_facts(
    members: QuerySet[Member], day: dt.date, latest: dict[str, Any] | None = None
) -> QuerySet[Member]:
    """``with_status`` plus ``drop_out``: her latest episode ended in month M−3 (domain.md §5).

    Everything one PUS contributes to a monthly report; ``families/pus_months.py`` stores it.
    ``latest``: as in ``with_status``, the fields of ``latest_episode`` looked up by the caller.
    """
    if latest is not None:
        ended = Range(latest["end_date"], months_back(day, 3))
        return with_status(members, day, latest).annotate(
            drop_out=Coalesce(ended, Value(False), output_field=BooleanField())
        )
    # The comparison inside the subquery, which answers it (null: no episode): PostgreSQL
    # reads BETWEEN as two comparisons, so a subquery compared outside ran twice.
    ended = ExpressionWrapper(Q(end_date__range=months_back(day, 3)), output_field=BooleanField())
    dropped = latest_episode(OuterRef("pk"), day).annotate(dropped=ended).values("dropped")[:1]
    return with_status(members, day).annotate(
        drop_out=Coalesce(Subquery(dropped), Value(False), output_field=BooleanField())
    )


def status_counts(members: QuerySet[Member], day: dt.date) -> dict[str, int]:
    """How many PUS have each status on ``day`` (every status present, zeros included)."""
    rows = with_status(members, day).order_by().values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def _family_query(_user: Any, day: dt.date) -> dict[str, QuerySet]:
    members = Member.objects.filter(family_id=compiled.SLOT)
    return {"statuses": with_status(members, day).values_list("pk", "status")}


def statuses_of_family(user: Any, family_id: int, day: dt.date) -> dict[int, str]:
    """{member id: status on ``day``} of one family's PUS (``with_status``), for its page.
    Compiled once per user and day, the family given when it runs (``impsmart.compiled``):
    building the query cost ten times running it."""
    query = compiled.queries(_family_query, user, day)["statuses"]
    return dict(query.rows(slot=family_id))
