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
import math
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from impsmart import dates
from impsmart.families import codes
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.families.status import with_status

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
    member: Member
    due: dt.date
    state: str
    detail: str = ""
    referral_id: int | None = None
    last_visit: dt.date | None = None
    last_outcome: str = ""
    days: int = 0  # days past the due date on the list's day; negative: days still left

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


def _visits(kind: str, outcome: str | None = None, member: str = "member_id") -> QuerySet:
    from impsmart.counseling.models import Visit

    visits = Visit.objects.filter(member=OuterRef(member), kind=kind)
    if outcome:
        visits = visits.filter(outcome=outcome)
    return visits.order_by("-date", "-pk")


def _with_last_visit(qs: QuerySet, kind: str, member: str = "member_id") -> QuerySet:
    last = _visits(kind, member=member)
    return qs.annotate(
        last_visit=Subquery(last.values("date")[:1]),
        last_outcome=Subquery(last.values("outcome")[:1]),
    )


def _answered(row: Any, since: dt.date) -> bool:
    """A visit of the item's kind since it became due answers it (unless she was not met)."""
    return bool(row.last_visit and row.last_visit >= since and row.last_outcome != NOT_MET)


def _active_today(today: dt.date) -> Q:
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gt=today))


def _episodes(members: QuerySet[Member], today: dt.date) -> QuerySet:
    return ContraceptiveEpisode.objects.filter(
        _active_today(today), member__in=members
    ).select_related("member__family")


def _item(kind: str, row: Any, member: Member, due: dt.date, state: str, detail: str) -> Item:
    return Item(kind, member, due, state, detail, None, row.last_visit, row.last_outcome or "")


def schedule_items(members: QuerySet[Member], s: Schedule, today: dt.date) -> list[Item]:
    served = _visits(s.kind, SERVED).filter(date__gte=OuterRef("start_date"))
    rows = _with_last_visit(_episodes(members, today).filter(method__in=s.methods), s.kind)
    rows = rows.annotate(last_service=Subquery(served.values("date")[:1]))
    items = []
    for row in rows:
        due = next_due(row.start_date, row.last_service, s, today)
        since = due - dt.timedelta(days=s.before)
        if today < since or _answered(row, since):
            continue
        detail = f"{_label(codes.Method, row.method)} sejak {row.start_date:%d-%m-%Y}"
        items.append(_item(s.kind, row, row.member, due, _state(due, today, s.grace), detail))
    return items


def mkjp_items(members: QuerySet[Member], today: dt.date) -> list[Item]:
    methods = (codes.Method.IMPLAN, codes.Method.IUD)
    rows = _with_last_visit(_episodes(members, today).filter(method__in=methods), "mkjp_end")
    items = []
    for row in rows:
        end = lifetime_end(row.method, row.method_type, row.start_date)
        since = end - dt.timedelta(days=MKJP_WARNING_DAYS)
        if today < since or _answered(row, since):
            continue
        method = _label(codes.Method, row.method)
        detail = f"{method} {row.method_type} berakhir {end:%d-%m-%Y}"
        items.append(_item("mkjp_end", row, row.member, end, _state(end, today, 0), detail))
    return items


def unmet_items(members: QuerySet[Member], today: dt.date) -> list[Item]:
    from impsmart.counseling.models import Counseling, Visit

    since = today - dt.timedelta(days=CONTACT_DAYS)
    counseled = Counseling.objects.filter(member=OuterRef("pk")).order_by("-date")
    met = Visit.objects.filter(member=OuterRef("pk")).exclude(outcome=NOT_MET).order_by("-date")
    intentions = IntentionRecord.objects.filter(member=OuterRef("pk")).order_by("-recorded_on")
    rows = (
        with_status(members, today)
        .filter(status__in=[codes.Intention.IAT, codes.Intention.TIAL])
        .exclude(Exists(counseled.filter(date__gt=since)))
        .exclude(Exists(met.filter(date__gt=since)))
        .annotate(
            last_counseling=Subquery(counseled.values("date")[:1]),
            last_met=Subquery(met.values("date")[:1]),
            intention_on=Subquery(intentions.values("recorded_on")[:1]),
        )
        .select_related("family")
    )
    items = []
    for row in rows:
        contacts = [d for d in (row.last_counseling, row.last_met) if d]
        last = max(contacts, default=row.intention_on)
        due = last + dt.timedelta(days=CONTACT_DAYS) if last else today
        detail = f"{row.status}; kontak terakhir {last:%d-%m-%Y}" if contacts else f"{row.status}"
        state = "terlambat" if today > due else "jatuh_tempo"
        items.append(Item("unmet", row, due, state, detail))
    return items


def postpartum_items(members: QuerySet[Member], today: dt.date) -> list[Item]:
    using = ContraceptiveEpisode.objects.filter(_active_today(today), member=OuterRef("member_id"))
    rows = _with_last_visit(
        Pregnancy.objects.filter(
            member__in=members,
            outcome=codes.Outcome.LIVE_BIRTH,
            outcome_date__gt=today - dt.timedelta(days=POSTPARTUM_DAYS),
            outcome_date__lte=today,
        ).exclude(Exists(using)),
        "postpartum",
    ).select_related("member__family")
    items = []
    for row in rows:
        if _answered(row, row.outcome_date):
            continue
        due = row.outcome_date + dt.timedelta(days=POSTPARTUM_DAYS)
        detail = f"melahirkan {row.outcome_date:%d-%m-%Y}"
        items.append(_item("postpartum", row, row.member, due, "jatuh_tempo", detail))
    return items


def drop_out_items(members: QuerySet[Member], today: dt.date) -> list[Item]:
    later = ContraceptiveEpisode.objects.filter(
        member=OuterRef("member_id"), start_date__gte=OuterRef("end_date")
    )
    pregnant = Pregnancy.objects.filter(member=OuterRef("member_id")).filter(
        Q(start_date__gte=OuterRef("end_date")) | Q(outcome_date__isnull=True)
    )
    rows = _with_last_visit(
        ContraceptiveEpisode.objects.filter(
            member__in=members,
            end_date__gt=today - dt.timedelta(days=DROP_OUT_DAYS),
            end_date__lte=today,
        )
        .exclude(end_reason__in=[codes.EndReason.SWITCH, codes.EndReason.FAILURE])
        .exclude(Exists(later))
        .exclude(Exists(pregnant)),
        "drop_out",
    ).select_related("member__family")
    items = []
    for row in rows:
        if _answered(row, row.end_date):
            continue
        detail = f"{_label(codes.Method, row.method)} berhenti {row.end_date:%d-%m-%Y}"
        if row.end_reason:
            detail += f" ({_label(codes.EndReason, row.end_reason)})"
        state = _state(row.end_date, today, DROP_OUT_DAYS)  # due the day she stopped
        items.append(_item("drop_out", row, row.member, row.end_date, state, detail))
    return items


def referral_items(members: QuerySet[Member], user: Any, today: dt.date) -> list[Item]:
    from impsmart.counseling.models import Referral

    late = today - dt.timedelta(days=REFERRAL_ANSWER_DAYS)
    referrals = Referral.objects.visible_to(user).filter(member__in=members)
    pending = _with_last_visit(
        referrals.filter(status=Referral.Status.SENT, sent_on__lt=late), "referral"
    ).select_related("member__family", "facility")
    items = []
    for row in pending:
        due = row.sent_on + dt.timedelta(days=REFERRAL_ANSWER_DAYS)
        if _answered(row, due):
            continue
        detail = f"ke {row.facility} sejak {row.sent_on:%d-%m-%Y}"
        item = _item("referral", row, row.member, due, "terlambat", detail)
        item.referral_id = row.pk
        items.append(item)
    served = referrals.awaiting_confirmation().select_related("member__family", "facility")
    for row in served:
        method = _label(codes.Method, row.served_method)
        detail = f"{method} di {row.facility} {row.served_on:%d-%m-%Y}"
        items.append(Item("confirm", row.member, row.served_on, "konfirmasi", detail, row.pk))
    return items


def visit_list(user: Any, today: dt.date | None = None, region_code: str = "") -> list[Item]:
    """Everything to visit in the user's scope (or ``region_code`` in it), most urgent first."""
    today = today or dates.today()
    # The families first, by the region-code index: with several desa (a PKB) the planner
    # would otherwise scan every member of the kabupaten to join them to their families.
    families = Family.objects.visible_to(user)
    if region_code:
        families = families.within(region_code)
    members = Member.objects.visible_to(user).filter(
        left_on__isnull=True, family__in=families.values("pk")
    )
    items: list[Item] = []
    for schedule in SCHEDULES:
        items += schedule_items(members, schedule, today)
    items += mkjp_items(members, today)
    items += unmet_items(members, today)
    items += postpartum_items(members, today)
    items += drop_out_items(members, today)
    items += referral_items(members, user, today)
    for item in items:
        item.days = (today - item.due).days
    return sorted(items, key=lambda item: item.rank)
