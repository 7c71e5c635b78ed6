"""The cadre's visit list: who to visit next, computed from the register, one query per kind.

Kinds and rules (all dates are days; "today" can be passed for reports and tests):
- ``suntik3``: DMPA every 84 days (12 weeks); ``suntik1``: every 28 days; ``resupply``: pil and
  kondom every 30 days. The last service is the latest visit marked *dilayani*; without one,
  services are assumed on time since the episode started (start + k × interval, the first due
  date not past the grace). Listed from 7 days before the due date; late within the grace
  (DMPA 4 weeks — WHO; monthly injectable 7 days; pil/kondom 14 days) is *terlambat*, beyond it
  *berisiko* (at risk of pregnancy).
- ``mkjp_end``: implants (3 years), IUD (CU_IUD 10, LNG_IUD 5 years; 8 when the type is not
  recorded — the midpoint, so that neither type is missed by more than 3 years) within
  90 days of the end of their lifetime, or past it.
- ``unmet``: PUS with status IAT/TIAL today and no counselling or visit (met) for 90 days.
- ``postpartum``: a live birth in the last 42 days and no method in use.
- ``drop_out``: an episode that ended in the last 90 days (not by switching or pregnancy) with
  no episode or pregnancy since.
- ``referral``: referrals sent more than 7 days ago without an answer; ``confirm``: served
  referrals awaiting the cadre's confirmation (state *konfirmasi*, always listed first: one
  tap puts the method in the register).
A visit of the item's kind on or after the date the item became due removes it, unless its
outcome is *tidak bertemu*; a *dilayani* visit of a schedule kind moves the next due date.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from impsmart import compiled, dates
from impsmart.accounts.scope import code_order
from impsmart.dates import years_before
from impsmart.families import codes
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    Member,
    Pregnancy,
)
from impsmart.families.status import in_use_on, latest_intention, with_status

KINDS = {
    "suntik3": _("Suntik 3 bulan ulang"),
    "suntik1": _("Suntik 1 bulan ulang"),
    "resupply": _("Pil/kondom habis"),
    "mkjp_end": _("Implan/IUD habis masa pakai"),
    "unmet": _("Unmet need belum dikunjungi"),
    "postpartum": _("Pascapersalinan belum ber-KB"),
    "drop_out": _("Putus pakai (drop-out)"),
    "referral": _("Rujukan belum dijawab"),
    "confirm": _("Rujukan menunggu konfirmasi"),
}
STATES = {"konfirmasi": -1, "berisiko": 0, "terlambat": 1, "jatuh_tempo": 2}
STATE_LABELS = {
    "konfirmasi": _("Menunggu konfirmasi"),
    "berisiko": _("Berisiko (lewat masa tenggang)"),
    "terlambat": _("Terlambat"),
    "jatuh_tempo": _("Jatuh tempo"),
}
LIFETIME_YEARS = {"IMPLANT": 3, "CU_IUD": 10, "LNG_IUD": 5, "IUD": 8, "IMPLAN": 3}
MKJP_WARNING_DAYS = 90
CONTACT_DAYS = 90
POSTPARTUM_DAYS = 42
DROP_OUT_DAYS = 90
REFERRAL_ANSWER_DAYS = 7
NOT_MET = "tidak_bertemu"
SERVED = "dilayani"


@dataclass(frozen=True)
class Schedule:
    kind: str
    methods: tuple[str, ...]
    interval: int
    before: int
    grace: int


SCHEDULES = (
    Schedule("suntik3", (codes.Method.SUNTIK3,), 84, 7, 28),
    Schedule("suntik1", (codes.Method.SUNTIK1,), 28, 7, 7),
    Schedule("resupply", (codes.Method.PIL, codes.Method.KONDOM), 30, 7, 14),
)


@dataclass
class Item:
    kind: str
    member: Member | None  # None until ``with_members`` fills it in
    due: dt.date
    state: str
    detail: str = ""
    referral_id: int | None = None
    last_visit: dt.date | None = None
    last_outcome: str = ""
    days: int = 0  # days past the due date on the list's day; negative: days still left
    member_id: int = 0

    def __post_init__(self) -> None:
        if self.member is not None:
            self.member_id = self.member.pk

    @property
    def label(self) -> Any:
        return KINDS[self.kind]

    @property
    def days_late(self) -> int:
        return max(self.days, 0)

    @property
    def days_left(self) -> int:
        return max(-self.days, 0)

    @property
    def rank(self) -> tuple[int, dt.date]:
        return STATES[self.state], self.due


def _label(choices: type[models.TextChoices], value: str) -> Any:
    """A code's label: ``get_FOO_display()`` rebuilds and hashes every lazy label of the
    field per call (50 ms for a desa's 800 items), the enum looks up one."""
    try:
        return choices(value).label
    except ValueError:
        return value


def _labels() -> Callable[[type[models.TextChoices], str], str]:
    """``_label`` as text, each code translated once per list: a desa's 600 items name a
    dozen codes, and each translation costs a lookup of the active language."""
    return functools.cache(lambda choices, value: str(_label(choices, value)))


@functools.lru_cache(maxsize=4096)
def dmy(day: dt.date) -> str:
    """``day`` as dd-mm-yyyy: a desa's list writes a thousand dates of a few hundred days, and
    ``strftime`` costs 2 µs a call (a dictionary lookup here)."""
    return f"{day:%d-%m-%Y}"


def _state(due: dt.date, today: dt.date, grace: int) -> str:
    if today > due + dt.timedelta(days=grace):
        return "berisiko"
    return "terlambat" if today > due else "jatuh_tempo"


def lifetime_end(method: str, method_type: str, start: dt.date) -> dt.date | None:
    """The end of an implant's or IUD's lifetime; None for other methods."""
    years = LIFETIME_YEARS.get(method_type) or LIFETIME_YEARS.get(method)
    if method not in (codes.Method.IMPLAN, codes.Method.IUD) or years is None:
        return None
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def next_due(start: dt.date, last_service: dt.date | None, s: Schedule, today: dt.date) -> dt.date:
    if last_service is not None:
        return last_service + dt.timedelta(days=s.interval)
    behind = (today - start).days - s.grace
    k = max(1, math.ceil(behind / s.interval))
    return start + dt.timedelta(days=k * s.interval)


class _Visits:
    """Every visit of the listed members, fetched once: per (member, kind) the latest visit
    (date, outcome) and the latest *dilayani* date. One query for the whole region instead of
    correlated lookups per row and per kind."""

    @staticmethod
    def query(members: QuerySet) -> QuerySet:
        from impsmart.counseling.models import Visit

        return (
            Visit.objects.filter(member__in=members)
            .order_by("date", "pk")
            .values_list("member_id", "kind", "date", "outcome")
        )

    def __init__(self, rows: list[tuple]) -> None:
        self.last: dict[tuple[int, str], tuple[dt.date, str]] = {}
        self.served: dict[tuple[int, str], dt.date] = {}
        self.met: dict[int, dt.date] = {}  # her latest visit of any kind where she was met
        for member, kind, date, outcome in rows:
            self.last[member, kind] = (date, outcome)
            if outcome == SERVED:
                self.served[member, kind] = date
            if outcome != NOT_MET:
                self.met[member] = date

    def of(self, member: int, kind: str) -> tuple[dt.date | None, str]:
        return self.last.get((member, kind), (None, ""))

    def service_since(self, member: int, kind: str, start: dt.date) -> dt.date | None:
        """The latest *dilayani* visit of the kind on or after ``start``."""
        served = self.served.get((member, kind))
        return served if served is not None and served >= start else None


def _answered(last: tuple[dt.date | None, str], since: dt.date) -> bool:
    """A visit of the item's kind since it became due answers it (unless she was not met)."""
    date, outcome = last
    return bool(date and date >= since and outcome != NOT_MET)


def _active_today(today: dt.date) -> Q:
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gt=today))


def _item(kind: str, member: int, due: dt.date, state: str, detail: str, last: tuple) -> Item:
    return Item(kind, None, due, state, detail, None, last[0], last[1] or "", member_id=member)


UNMET = [codes.Intention.IAT, codes.Intention.TIAL]
SCHEDULED_METHODS = [m for s in SCHEDULES for m in s.methods]
MKJP_METHODS = (codes.Method.IMPLAN, codes.Method.IUD)


EPISODE_FIELDS = ("member_id", "method", "method_type", "start_date", "end_date", "end_reason")


def members_order() -> tuple:
    """The list's order of members: family region, KK number, birth date, the id between
    twins (``code_order``: Python's order of text)."""
    return (code_order("family__region_code"), code_order("family__kk_number"), "birth_date", "pk")


def _episodes_query(members: QuerySet, today: dt.date) -> QuerySet:
    """The episodes in use today of a scheduled or long-acting method, and those ended in the
    last 90 days (not by switching or pregnancy) with no episode or pregnancy since — one
    query, one walk of the region's members, for both."""
    later = ContraceptiveEpisode.objects.filter(
        member=OuterRef("member_id"), start_date__gte=OuterRef("end_date")
    )
    pregnant = Pregnancy.objects.filter(member=OuterRef("member_id")).filter(
        Q(start_date__gte=OuterRef("end_date")) | Q(outcome_date__isnull=True)
    )
    active = _active_today(today) & Q(method__in=[*SCHEDULED_METHODS, *MKJP_METHODS])
    stopped = (
        Q(end_date__gt=today - dt.timedelta(days=DROP_OUT_DAYS), end_date__lte=today)
        & ~Q(end_reason__in=[codes.EndReason.SWITCH, codes.EndReason.FAILURE])
        & ~Exists(later)
        & ~Exists(pregnant)
    )
    # Unordered: ``_episodes`` orders them by the listed members' order, which spares the
    # database a lookup of every episode's member and family (10 ms of 18 on PostgreSQL).
    return (
        ContraceptiveEpisode.objects.filter(member__in=members)
        .filter(active | stopped)
        .order_by()
        .values_list(*EPISODE_FIELDS)
    )


def _episodes(
    rows: list[tuple], order: list[tuple], today: dt.date
) -> tuple[list[tuple], list[tuple]]:
    """(active, stopped): the rows of ``_episodes_query`` split, each in the members' order
    (``order``: the rows of ``listed_members(ordered=True)``), then by start date."""
    place = {member: i for i, (member,) in enumerate(order)}
    last = len(place)  # a member listed since ``order`` was read (a write in between)
    found: tuple[list[tuple], list[tuple]] = ([], [])
    for row in sorted(rows, key=lambda row: (place.get(row[0], last), row[3])):
        end = row[4]
        found[0 if end is None or end > today else 1].append(row)
    return found


def episode_items(rows: list[tuple], seen: _Visits, today: dt.date) -> list[Item]:
    """Re-supply schedules and implant/IUD ends of the episodes in use today."""
    schedule_of = {method: s for s in SCHEDULES for method in s.methods}
    label = _labels()
    scheduled: dict[str, list] = {s.kind: [] for s in SCHEDULES}
    ends = []
    for row in rows:
        if row[1] in MKJP_METHODS:
            ends.append(row)
        else:
            scheduled[schedule_of[row[1]].kind].append(row)
    items = []
    for s in SCHEDULES:
        before = dt.timedelta(days=s.before)
        for member, method, _type, start, _end, _reason in scheduled[s.kind]:
            due = next_due(start, seen.service_since(member, s.kind, start), s, today)
            since = due - before
            if today < since:  # most are not due yet: their visits are not looked at
                continue
            last = seen.of(member, s.kind)
            if _answered(last, since):
                continue
            detail = f"{label(codes.Method, method)} sejak {dmy(start)}"
            items.append(_item(s.kind, member, due, _state(due, today, s.grace), detail, last))
    warning = dt.timedelta(days=MKJP_WARNING_DAYS)
    for member, method, method_type, start, _end, _reason in ends:
        end = lifetime_end(method, method_type, start)
        since = end - warning
        if today < since:
            continue
        last = seen.of(member, "mkjp_end")
        if _answered(last, since):
            continue
        detail = f"{label(codes.Method, method)} {method_type} berakhir {dmy(end)}"
        items.append(_item("mkjp_end", member, end, _state(end, today, 0), detail, last))
    return items


def _unmet_query(members: QuerySet[Member], today: dt.date) -> QuerySet:
    from impsmart.counseling.models import Counseling

    counseled = Counseling.objects.filter(member=OuterRef("pk")).order_by("-date")
    wish = latest_intention(OuterRef("pk"), today)
    # A status IAT/TIAL is her latest intention of the day (no method in use, not pregnant):
    # selecting that intention instead of ``status`` spares the database computing the
    # status twice (its method and pregnancy lookups again) for every woman listed. (Her
    # method and pregnancy as anti-joins instead cost more: planning them, 1-3 ms, was more
    # than the intention looked up once.)
    # Those counselled in the last 90 days are left out by ``unmet_items`` (her latest
    # counselling is selected anyway): one lookup of her counselling instead of two.
    return (
        with_status(members, today)
        .filter(status__in=UNMET)
        .annotate(
            wish=Subquery(wish.values("intention")[:1]),
            last_counseling=Subquery(counseled.values("date")[:1]),
            intention_on=Subquery(wish.values("recorded_on")[:1]),
        )
        .order_by(*members_order())
        .values_list("pk", "wish", "last_counseling", "intention_on")
    )


EPISODE_METHODS = [*SCHEDULED_METHODS, *MKJP_METHODS]
NOT_DROPPED = [codes.EndReason.SWITCH, codes.EndReason.FAILURE]
# What a stored row lists (``_stored_query``): nothing it can tell (a record after the day),
# her episode in use, her recent stop; a wish of unmet need (``wish``) comes with either.
LATER, ACTIVE, STOPPED, OTHER = 0, 1, 2, 3
STORED_FIELDS = (
    "member_id",
    "listed_as",
    "wish",
    "episode_method",
    "episode_type",
    "episode_start",
    "episode_end",
    "episode_end_reason",
    "intention_on",
    "counseled_on",
)


def _stored_query(user: Any, region_code: str, today: dt.date) -> QuerySet:
    """The listed members of the region whose latest records (``ListedMember``'s ``LATEST``
    columns) list them on ``today``, in the members' order: one read of the region's rows,
    which decides in SQL what each lists (``listed_as``, ``wish``) and returns the fields
    their items need and no more (a desa's 2,300 rows of 18 fields cost SQLite 11 ms to hand
    over to Python).

    Episodes never overlap, nor do pregnancies, so the latest begun by ``today`` is the only
    one that can be in use (or ongoing) that day, and an episode ended in the last 90 days
    with no episode or pregnancy begun since, or ongoing, can only be the latest. A row with
    a record begun after ``today`` (a past day's list) is ``LATER``: it cannot tell.
    """
    later = Q(episode_start__gt=today) | Q(pregnancy_start__gt=today) | Q(intention_on__gt=today)
    in_use = Q(episode_start__isnull=False) & (
        Q(episode_end__isnull=True) | Q(episode_end__gt=today)
    )
    pregnant = Q(pregnancy_start__isnull=False) & (
        Q(pregnancy_end__isnull=True) | Q(pregnancy_end__gt=today)
    )
    active = Q(episode_method__in=EPISODE_METHODS) & in_use
    stopped = (
        Q(episode_end__gt=today - dt.timedelta(days=DROP_OUT_DAYS), episode_end__lte=today)
        & ~Q(episode_end_reason__in=NOT_DROPPED)
        # No pregnancy begun since, nor ongoing (the latest, as they never overlap).
        & (
            Q(pregnancy_start__isnull=True)
            | Q(pregnancy_start__lt=F("episode_end"), pregnancy_end__isnull=False)
        )
    )
    pus = (  # ``status.pus_on``: a wife with her husband on the KK, aged 15-49
        Q(couple=True, birth_date__gt=years_before(today, 50))
        & Q(birth_date__lte=years_before(today, 15))
        & (Q(couple_from__isnull=True) | Q(couple_from__lte=today))
        & (Q(couple_until__isnull=True) | Q(couple_until__gt=today))
    )
    unmet = Q(has_intention=True, intention__in=UNMET) & pus & ~in_use & ~pregnant
    listed_as = Case(
        When(later, then=Value(LATER)),
        When(active, then=Value(ACTIVE)),
        When(stopped, then=Value(STOPPED)),
        default=Value(OTHER),
    )
    wish = Case(When(unmet, then=F("intention")), default=Value(None), output_field=CharField())
    rows = _listed(user, region_code).filter(Q(has_episode=True) | Q(has_intention=True))
    rows = rows.filter(later | active | stopped | unmet)
    rows = rows.annotate(listed_as=listed_as, wish=wish).order_by(*_listed_order())
    return rows.values_list(*STORED_FIELDS)


def from_stored(rows: list[tuple]) -> tuple[list[tuple], list[tuple], list[tuple]] | None:
    """(active, stopped, unmet) from the rows of ``_stored_query``: the rows of
    ``_episodes`` and of ``_unmet_query``. None when a row cannot tell (``LATER``): the
    records must then be looked up as they stood that day."""
    active: list[tuple] = []
    stopped: list[tuple] = []
    unmet: list[tuple] = []
    for member, listed_as, wish, method, kind, start, end, reason, wish_on, counseled in rows:
        if listed_as == LATER:
            return None
        if listed_as == ACTIVE:
            active.append((member, method, kind, start, end, reason))
        elif listed_as == STOPPED:
            stopped.append((member, method, kind, start, end, reason))
        if wish is not None:
            unmet.append((member, wish, counseled, wish_on))
    return active, stopped, unmet


def unmet_items(rows: list[tuple], seen: _Visits, today: dt.date) -> list[Item]:
    since = today - dt.timedelta(days=CONTACT_DAYS)
    items = []
    for member, wish, last_counseling, intention_on in rows:
        if last_counseling is not None and last_counseling > since:
            continue  # counselled in the last 90 days
        last_met = seen.met.get(member)  # a visit where she was met is a contact too
        if last_met is not None and last_met > since:
            continue
        contacts = [d for d in (last_counseling, last_met) if d]
        last = max(contacts, default=intention_on)
        due = last + dt.timedelta(days=CONTACT_DAYS) if last else today
        detail = f"{wish}; kontak terakhir {dmy(last)}" if contacts else f"{wish}"
        state = "terlambat" if today > due else "jatuh_tempo"
        items.append(Item("unmet", None, due, state, detail, member_id=member))
    return items


def _postpartum_query(members: QuerySet, today: dt.date) -> QuerySet:
    using = in_use_on(OuterRef("member_id"), today)
    return (
        Pregnancy.objects.filter(
            member__in=members,
            outcome=codes.Outcome.LIVE_BIRTH,
            outcome_date__gt=today - dt.timedelta(days=POSTPARTUM_DAYS),
            outcome_date__lte=today,
        )
        .exclude(Exists(using))
        .values_list("member_id", "outcome_date")
    )


def postpartum_items(rows: list[tuple], seen: _Visits) -> list[Item]:
    items = []
    for member, born in rows:
        last = seen.of(member, "postpartum")
        if _answered(last, born):
            continue
        due = born + dt.timedelta(days=POSTPARTUM_DAYS)
        detail = f"melahirkan {dmy(born)}"
        items.append(_item("postpartum", member, due, "jatuh_tempo", detail, last))
    return items


def drop_out_items(rows: list[tuple], seen: _Visits, today: dt.date) -> list[Item]:
    """Stops of the last 90 days not followed by an episode or a pregnancy."""
    label = _labels()
    items = []
    for member, method, _type, _start, end, reason in rows:
        last = seen.of(member, "drop_out")
        if _answered(last, end):
            continue
        detail = f"{label(codes.Method, method)} berhenti {dmy(end)}"
        if reason:
            detail += f" ({label(codes.EndReason, reason)})"
        state = _state(end, today, DROP_OUT_DAYS)  # due the day she stopped
        items.append(_item("drop_out", member, end, state, detail, last))
    return items


def _referral_query(members: QuerySet, user: Any, today: dt.date) -> QuerySet:
    """Referrals left unanswered, and served ones awaiting confirmation: one query."""
    from impsmart.counseling.models import Referral, awaiting_confirmation

    late = today - dt.timedelta(days=REFERRAL_ANSWER_DAYS)
    pending = Q(status=Referral.Status.SENT, sent_on__lt=late)
    return (
        Referral.objects.visible_to(user)
        .filter(member__in=members)
        .filter(pending | awaiting_confirmation())
        .values_list(
            "pk", "member_id", "status", "sent_on", "facility__name", "served_method", "served_on"
        )
    )


def referral_items(rows: list[tuple], seen: _Visits) -> list[Item]:
    """Referrals left unanswered, then served ones awaiting confirmation."""
    from impsmart.counseling.models import Referral

    label = _labels()
    items, confirm = [], []
    for pk, member, status, sent_on, facility, method, served_on in rows:
        if status == Referral.Status.SENT:
            due = sent_on + dt.timedelta(days=REFERRAL_ANSWER_DAYS)
            last = seen.of(member, "referral")
            if _answered(last, due):
                continue
            detail = f"ke {facility} sejak {dmy(sent_on)}"
            item = _item("referral", member, due, "terlambat", detail, last)
            item.referral_id = pk
            items.append(item)
        else:
            detail = f"{label(codes.Method, method)} di {facility} {dmy(served_on)}"
            item = Item("confirm", None, served_on, "konfirmasi", detail, pk, member_id=member)
            confirm.append(item)
    return items + confirm


def _members_query(user: Any) -> dict[str, QuerySet]:
    members = Member.objects.visible_to(user).filter(pk__in=[compiled.IDS])
    return {"members": members.order_by().values_list(*compiled.fields_with(Member, "family"))}


def with_members(items: list[Item], user: Any) -> list[Item]:
    """The items with their member (and her family) filled in, one query for all, compiled
    once per user: the list is computed from ids, and a page loads only the members it
    shows. An item whose member is no longer there (removed since the list was computed) is
    left out."""
    missing = {item.member_id for item in items if item.member is None}
    query = compiled.queries(_members_query, user)["members"]
    found = {}
    for row in query.rows(ids=sorted(missing)) if missing else ():
        member = compiled.instance_with(query.using, Member, "family", row)
        found[member.pk] = member
    for item in items:
        if item.member is None:
            item.member = found.get(item.member_id)
    return [item for item in items if item.member is not None]


def _listed_order() -> tuple:
    """``members_order`` of the ``ListedMember`` rows, from their stored copy of its key: in
    the "C" order, read from listed_member_list_order_c on PostgreSQL."""
    return (code_order("region_code"), code_order("kk_number"), "birth_date", "member_id")


def _listed(user: Any, region_code: str) -> QuerySet:
    """The ``ListedMember`` rows in the user's scope (or ``region_code`` in it)."""
    from impsmart.counseling.models import ListedMember

    rows = ListedMember.objects.visible_to(user)
    return rows.within(region_code) if region_code else rows


def listed_members(
    user: Any, region_code: str = "", having: str = "", stored: bool = True, ordered: bool = False
) -> QuerySet:
    """The ids of the members the list starts from, in the user's scope (or ``region_code``).

    Stored (``ListedMember``, counseling/listed.py): the few present members with a record
    an item can come from, read by the region-code index; with ``having`` (``has_episode``,
    …) only those with such a record. ``stored=False`` walks every present member of the
    region's families instead (the definition, for the tests). ``ordered``: as a
    ``values_list`` in the members' order (family region, KK number, birth date; the id
    between twins), from the stored copy of that key.
    """
    if stored:
        listed = _listed(user, region_code)
        listed = listed.filter(**{having: True}) if having else listed
        if ordered:
            return listed.order_by(*_listed_order()).values_list("member_id")
        return listed.values("member_id")
    # The families first, by the region-code index: with several desa (a PKB) the planner
    # would otherwise scan every member of the kabupaten to join them to their families.
    # Scope is the families' (visible_to); the members need no second join to them.
    families = Family.objects.visible_to(user)
    if region_code:
        families = families.within(region_code)
    present = Member.objects.filter(left_on__isnull=True, family__in=families.values("pk"))
    if ordered:
        return present.order_by(*members_order()).values_list("pk")
    return present.values("pk")


def _queries(user: Any, region_code: str, today: dt.date) -> dict[str, QuerySet]:
    """The list's six queries, in the order they run."""

    def ids(having: str = "") -> QuerySet:
        return listed_members(user, region_code, having)

    # An IAT/TIAL status comes from an intention, a birth from a pregnancy.
    return {
        "visits": _Visits.query(ids()),
        "stored": _stored_query(user, region_code, today),
        "births": _postpartum_query(ids("has_pregnancy"), today),
        "referrals": _referral_query(ids("has_referral"), user, today),
        # A past day's episodes and unmet need, looked up as they stood (``from_stored``).
        "order": listed_members(user, region_code, "has_episode", ordered=True),
        "episodes": _episodes_query(ids("has_episode"), today),
        "unmet": _unmet_query(Member.objects.filter(pk__in=ids("has_intention")), today),
    }


def _episodes_and_unmet(queries: dict, today: dt.date) -> tuple[list, list, list]:
    """(active, stopped, unmet) episodes and wishes: from the listed members' latest
    records, or for a day before some of them, from their records looked up."""
    stored = from_stored(queries["stored"].rows())
    if stored is not None:
        return stored
    active, stopped = _episodes(queries["episodes"].rows(), queries["order"].rows(), today)
    return active, stopped, queries["unmet"].rows()


def visit_list(
    user: Any, today: dt.date | None = None, region_code: str = "", members: bool = True
) -> list[Item]:
    """Everything to visit in the user's scope (or ``region_code`` in it), most urgent first.

    Set-based for the whole region: one read of the region's listed members (those with a
    record an item can come from, ``listed_members``) and their latest records, for the
    episodes and unmet need (``from_stored``), and one query per other kind of fact
    (visits, births, referrals), each walking those members once through the region-code
    index. ``members=False`` leaves ``Item.member`` empty (``member_id`` is set): a page then
    fills in only the items it shows with ``with_members``.
    """
    today = today or dates.today()
    queries = compiled.queries(_queries, user, region_code, today)
    active, stopped, unmet = _episodes_and_unmet(queries, today)
    seen = _Visits(queries["visits"].rows())
    items = episode_items(active, seen, today)
    items += unmet_items(unmet, seen, today)
    items += postpartum_items(queries["births"].rows(), seen)
    items += drop_out_items(stopped, seen, today)
    items += referral_items(queries["referrals"].rows(), seen)
    for item in items:
        item.days = (today - item.due).days
    items.sort(key=lambda item: item.rank)
    return with_members(items, user) if members else items
