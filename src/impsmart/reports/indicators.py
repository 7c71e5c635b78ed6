"""The indicators of domain.md §5, computed set-based and grouped by child region.

Each indicator is registered under its row code in ``INDICATORS``. A count indicator gives
``{child_code: n}`` for a ``Frame`` (a region, a month's last day and the members in scope);
a percentage names its numerator and denominator so that totals are recomputed, never summed.
Indicators that come from one query share a *group*: the engine computes each group once per
report (one grouped query: child region × status × jalur, and so on), whatever the number of
child regions. Other apps add their indicators with ``register``; forms then use them by code.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
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
from django.db.models.functions import Coalesce, Concat, StrIndex, Substr

from impsmart.dates import months_back, years_before
from impsmart.families import codes, pus_months
from impsmart.families.models import ContraceptiveEpisode, Family, Member, Pregnancy
from impsmart.families.status import PREGNANT, UNKNOWN, with_month_facts, with_status
from impsmart.groups.eligibility import active_on
from impsmart.groups.models import Membership

Tallies = dict[str, Counter]  # {child code: {indicator code: n}}


@dataclass
class Frame:
    """What every indicator is computed for: a region, a month and the members in scope."""

    region_code: str
    day: dt.date  # the month's last day
    members: QuerySet[Member]
    families: QuerySet[Family]
    # The members a caller limited the figures to (``members`` is already within them).
    scope: QuerySet[Member] | None = None
    _groups: dict = field(default_factory=dict)

    @property
    def first_day(self) -> dt.date:
        return self.day.replace(day=1)

    def months_back(self, n: int) -> tuple[dt.date, dt.date]:
        """The first and last day of the month ``n`` months before this one."""
        return months_back(self.day, n)

    def child(self, field_name: str):
        """The code of the child region holding ``field_name`` (``region.`` for itself)."""
        prefix = f"{self.region_code}."
        rest = Substr(field_name, len(prefix) + 1)
        end = StrIndex(Concat(rest, Value(".")), Value("."))
        return Concat(Value(prefix), Substr(rest, 1, end - 1))

    def group(self, compute: Callable[[Frame], Tallies]) -> Tallies:
        if compute not in self._groups:
            self._groups[compute] = compute(self)
        return self._groups[compute]


def child_code(key: str) -> str:
    """A grouped child key; records directly on the region itself fall under its own code."""
    return key.rstrip(".")


@dataclass(frozen=True)
class Indicator:
    code: str
    counts: Callable[[Frame], dict[str, int]] | None = None
    ratio: tuple[str, str] | None = None  # percentages: (numerator, denominator)
    # The members behind the figure ("each figure traceable to the PUS behind it").
    trace: Callable[[Frame], QuerySet[Member]] | None = None


INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    INDICATORS[indicator.code] = indicator
    return indicator


def from_group(compute: Callable[[Frame], Tallies], code: str) -> Callable[[Frame], dict]:
    """The counts of one indicator out of a group's tallies."""

    def counts(frame: Frame) -> dict[str, int]:
        return {child: tally[code] for child, tally in frame.group(compute).items()}

    return counts


def ratio(numerator: int, denominator: int) -> float | None:
    """A percentage rounded half up to one decimal (exact integer arithmetic); None for /0."""
    if not denominator:
        return None
    tenths, remainder = divmod(numerator * 1000, denominator)
    if remainder * 2 >= denominator:
        tenths += 1
    return tenths / 10


# --- Families and poktan -----------------------------------------------------------------


def _families_on(frame: Frame) -> QuerySet[Family]:
    return frame.families.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=frame.day), registered_on__lte=frame.day
    )


def _member_of(kind: str, day: dt.date) -> Exists:
    """The family belongs to a poktan of ``kind`` on ``day`` (``groups.Membership``)."""
    held = Membership.objects.filter(active_on(day), family=OuterRef("pk"), group__kind=kind)
    return Exists(held)


def _family_tallies(frame: Frame) -> Tallies:
    kinds = {"bkb": "BKB", "bkr": "BKR", "bkl": "BKL", "uppka": "UPPKA"}
    rows = (
        _families_on(frame)
        .annotate(
            child=frame.child("region_code"),
            **{f"in_{key}": _member_of(kind, frame.day) for key, kind in kinds.items()},
        )
        .order_by()
        .values("child")
        .annotate(
            keluarga=Count("pk"),
            **{f"anggota_{key}": Count("pk", filter=Q(**{f"in_{key}": True})) for key in kinds},
        )
    )
    return {child_code(row.pop("child")): Counter(row) for row in rows}


for _code in ("keluarga", "anggota_bkb", "anggota_bkr", "anggota_bkl", "anggota_uppka"):
    register(Indicator(_code, counts=from_group(_family_tallies, _code)))


def _present(day: dt.date) -> Q:
    """Members born and belonging to their family on ``day``."""
    return (
        Q(birth_date__lte=day)
        & (Q(joined_on__isnull=True) | Q(joined_on__lte=day))
        & (Q(left_on__isnull=True) | Q(left_on__gt=day))
    )


def _poktan_target_tallies(frame: Frame) -> Tallies:
    """Families with a child 0–<6 (BKB), a member 10–24 (BKR) or one aged 60+ (BKL)."""
    day = frame.day
    living = frame.members.filter(_present(day), family=OuterRef("pk"))
    rows = (
        _families_on(frame)
        .annotate(
            child=frame.child("region_code"),
            bkb=Exists(living.filter(birth_date__gt=years_before(day, 6))),
            bkr=Exists(
                living.filter(
                    birth_date__gt=years_before(day, 25), birth_date__lte=years_before(day, 10)
                )
            ),
            bkl=Exists(living.filter(birth_date__lte=years_before(day, 60))),
        )
        .order_by()
        .values("child")
        .annotate(
            sasaran_bkb=Count("pk", filter=Q(bkb=True)),
            sasaran_bkr=Count("pk", filter=Q(bkr=True)),
            sasaran_bkl=Count("pk", filter=Q(bkl=True)),
        )
    )
    return {child_code(row.pop("child")): Counter(row) for row in rows}


for _code in ("sasaran_bkb", "sasaran_bkr", "sasaran_bkl"):
    register(Indicator(_code, counts=from_group(_poktan_target_tallies, _code)))


# --- The monthly status of the PUS (domain.md §4) ------------------------------------------

METHODS = list(codes.Method.values)
SUNTIK = [codes.Method.SUNTIK1.value, codes.Method.SUNTIK3.value]
MKJP = sorted(str(m) for m in codes.MKJP)
NON_MKJP = [m for m in METHODS if m not in MKJP]
UNMET = [codes.Intention.IAT.value, codes.Intention.TIAL.value]
# Which PUS each status indicator counts, as a filter on ``with_status`` rows.
STATUS_FILTERS: dict[str, Q] = {
    "pus": Q(),
    "pa_total": Q(status__in=METHODS),
    **{f"pa_{m.lower()}": Q(status=m) for m in METHODS},
    "pa_suntik": Q(status__in=SUNTIK),
    "pa_mkjp": Q(status__in=MKJP),
    "pa_non_mkjp": Q(status__in=NON_MKJP),
    **{f"pa_{j}": Q(status__in=METHODS, jalur=j) for j in codes.Jalur.values},
    "hamil": Q(status=PREGNANT),
    **{i.lower(): Q(status=i) for i in codes.Intention.values},
    "status_unknown": Q(status=UNKNOWN),
    "unmet_need": Q(status__in=UNMET),
}


def _status_codes(status: str, jalur: str | None) -> list[str]:
    """The status indicators one PUS with this status and jalur counts in."""
    if status not in METHODS:
        named = {PREGNANT: "hamil", UNKNOWN: "status_unknown"}.get(status, status.lower())
        return ["pus", named, *(["unmet_need"] if status in UNMET else [])]
    found = ["pus", "pa_total", f"pa_{status.lower()}"]
    found.append("pa_mkjp" if status in MKJP else "pa_non_mkjp")
    if status in SUNTIK:
        found.append("pa_suntik")
    if jalur:
        found.append(f"pa_{jalur}")
    return found


def month_facts(frame: Frame) -> QuerySet:
    """One row per PUS of the frame: ``region_code``, ``status``, ``jalur``, ``drop_out``."""
    if frame.scope is None:
        return pus_months.facts(frame.region_code, frame.day)
    return pus_months.live_facts(frame.members, frame.day)


def _status_tallies(frame: Frame) -> Tallies:
    rows = (
        month_facts(frame)
        .annotate(child=frame.child("region_code"))
        .order_by()
        .values("child", "status", "jalur", "drop_out")
        .annotate(n=Count("pk"))
    )
    tallies: Tallies = defaultdict(Counter)
    for row in rows:  # one row per child × status × jalur × drop-out, never per family
        tally = tallies[child_code(row["child"])]
        for code in _status_codes(row["status"], row["jalur"]):
            tally[code] += row["n"]
        if row["drop_out"]:
            tally["drop_out"] += row["n"]
    return tallies


def _status_trace(condition: Q) -> Callable[[Frame], QuerySet[Member]]:
    def trace(frame: Frame) -> QuerySet[Member]:
        return with_status(frame.members, frame.day).filter(condition)

    return trace


for _code, _condition in STATUS_FILTERS.items():
    register(
        Indicator(_code, counts=from_group(_status_tallies, _code), trace=_status_trace(_condition))
    )
register(Indicator("mcpr", ratio=("pa_total", "pus")))
register(Indicator("pct_mkjp", ratio=("pa_mkjp", "pa_total")))
register(Indicator("pct_unmet", ratio=("unmet_need", "pus")))


# --- Acceptors, switches, restarts and drop-outs from the episode history ------------------

PB, GANTI, ULANG = "pb", "ganti_cara", "kb_ulang"
SWITCH_WINDOW = dt.timedelta(days=92)  # "within 3 months" of the previous episode's end


def _earlier() -> QuerySet[ContraceptiveEpisode]:
    """The woman's episodes begun before the outer one, the latest first."""
    return ContraceptiveEpisode.objects.filter(
        member=OuterRef("member"), start_date__lt=OuterRef("start_date")
    ).order_by("-start_date")


def _started(frame: Frame) -> QuerySet[ContraceptiveEpisode]:
    started = ContraceptiveEpisode.objects.within(frame.region_code).filter(
        start_date__gte=frame.first_day, start_date__lte=frame.day
    )
    if frame.scope is not None:
        started = started.filter(member__in=frame.scope.values("pk"))
    return started


def _is_new_acceptor() -> Q:
    """PB: the woman's first episode ever, or her first after a pregnancy ended — said as: no
    earlier episode of hers began on or after the last pregnancy end up to this start (any
    earlier one counts when none ended)."""
    last_end = (
        Pregnancy.objects.filter(member=OuterRef(OuterRef("member")))
        .filter(outcome_date__lte=OuterRef(OuterRef("start_date")))
        .order_by("-outcome_date")
        .values("outcome_date")[:1]
    )
    since_then = ContraceptiveEpisode.objects.filter(
        member=OuterRef("member"), start_date__lt=OuterRef("start_date")
    ).filter(start_date__gte=Coalesce(Subquery(last_end), Value(dt.date.min)))
    return ~Q(Exists(since_then))


def new_acceptors(frame: Frame) -> QuerySet[ContraceptiveEpisode]:
    """The episodes of ``episode_events`` whose event is PB, without judging the others."""
    return _started(frame).filter(_is_new_acceptor())


def episode_events(frame: Frame) -> QuerySet[ContraceptiveEpisode]:
    """Episodes that started in the month, each with its ``event``: PB, switch, restart or ''.

    PB: the woman's first episode ever, or her first after a pregnancy ended. Otherwise a
    different method within 92 days of the previous episode's end is a switch, and any start
    after a longer gap is a restart (KB ulang); the same method again within 92 days is the
    same use continuing and counts in none of them.
    """
    gap = ExpressionWrapper(
        F("start_date") - Coalesce("prev_end", "start_date"), output_field=DurationField()
    )
    return (
        _started(frame)
        .annotate(
            prev_end=Subquery(_earlier().values("end_date")[:1]),
            prev_method=Subquery(_earlier().values("method")[:1]),
        )
        .annotate(gap=gap)
        .annotate(
            event=Case(
                When(_is_new_acceptor(), then=Value(PB)),
                When(gap__gt=SWITCH_WINDOW, then=Value(ULANG)),
                When(~Q(method=F("prev_method")), then=Value(GANTI)),
                default=Value(""),
                output_field=CharField(),
            )
        )
    )


def _event_tallies(frame: Frame) -> Tallies:
    rows = (
        episode_events(frame)
        .annotate(child=frame.child("member__family__region_code"))
        .order_by()
        .values("child", "event", "method")
        .annotate(n=Count("pk"))
    )
    tallies: Tallies = defaultdict(Counter)
    for row in rows:
        tally = tallies[child_code(row["child"])]
        if row["event"] == PB:
            tally["pb_total"] += row["n"]
            tally[f"pb_{row['method'].lower()}"] += row["n"]
        elif row["event"]:
            tally[row["event"]] += row["n"]
    return tallies


def _event_trace(event: str, method: str | None = None) -> Callable[[Frame], QuerySet[Member]]:
    def trace(frame: Frame) -> QuerySet[Member]:
        events = episode_events(frame).filter(event=event)
        if method:
            events = events.filter(method=method)
        return frame.members.filter(pk__in=events.values("member_id"))

    return trace


register(
    Indicator("pb_total", counts=from_group(_event_tallies, "pb_total"), trace=_event_trace(PB))
)
for _method in METHODS:
    _code = f"pb_{_method.lower()}"
    register(
        Indicator(_code, counts=from_group(_event_tallies, _code), trace=_event_trace(PB, _method))
    )
for _event in (GANTI, ULANG):
    register(
        Indicator(_event, counts=from_group(_event_tallies, _event), trace=_event_trace(_event))
    )


def drop_outs(frame: Frame) -> QuerySet[Member]:
    """PUS whose latest episode ended in month M−3, with no episode begun since (domain.md §5).

    Counted among the month's PUS: a woman who moved away, was widowed or turned 50 is no
    longer followed by the register. The count comes with the status group (``drop_out``).
    """
    return with_month_facts(frame.members, frame.day).filter(drop_out=True)


register(Indicator("drop_out", counts=from_group(_status_tallies, "drop_out"), trace=drop_outs))
