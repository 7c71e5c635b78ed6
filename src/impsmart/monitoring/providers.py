"""The nine replication targets of the programme, each read from the app that holds its data.

Every provider answers for all its regions with a few grouped queries inside the regions'
common ancestor, and ``None`` (no data) while the kabupaten holds no record of the kind at
all. Records below a desa (a dusun's Sub-PPKBD meeting, a cadre of a dusun) count for the desa.

T7's definition: the cadres of a desa are its active PPKBD and Sub-PPKBD accounts; one counts
when she attended a workshop (``training.Event`` of kind *lokakarya*) begun by the day judged
and holds the Smart Book — she earned the workshop's certificate (its tests are on the book's
chapters) or took one of the book's own chapter quizzes. A desa without any active cadre
account (its cadres left and none is registered yet) has no share to judge: no data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import CADRES
from impsmart.accounts.scope import scope_filter
from impsmart.counseling.models import Counseling, KieSession
from impsmart.funds.models import Fund, LedgerEntry
from impsmart.groups.models import RESILIENCE_KINDS, Group, Session
from impsmart.meetings.models import Meeting
from impsmart.monitoring.targets import (
    MET,
    NO_DATA,
    NOT_MET,
    PARTLY,
    Result,
    by_count,
    target,
    target_series,
)
from impsmart.organization.models import COLLECTIVE_CORE, BoardSeat, Decree, Institution, Level
from impsmart.regions.models import Level as RegionLevel
from impsmart.reports import completeness
from impsmart.reports.models import Report
from impsmart.training.models import (
    Certificate,
    Event,
    Kind,
    Loan,
    Participant,
    QuizResult,
    ReadingHouse,
)

DEPTH = {RegionLevel.KECAMATAN: 3, RegionLevel.DESA: 4}


def ancestor(regions: list[str]) -> str:
    """The deepest region code holding every one of ``regions``."""
    parts = [r.split(".") for r in regions]
    common = []
    for segment in zip(*parts, strict=False):
        if len(set(segment)) > 1:
            break
        common.append(segment[0])
    return ".".join(common)


def kabupaten(regions: list[str]) -> str:
    return ".".join(regions[0].split(".")[:2])


def up_to(code: str, depth: int = 4) -> str:
    """The region at ``depth`` segments holding ``code`` (a dusun's desa by default)."""
    return ".".join(code.split(".")[:depth])


def window(day: dt.date, months: int = 12) -> tuple[dt.date, dt.date]:
    """The first day of the earliest of the ``months`` months ending with ``day``, and day."""
    return dates.add_months(day.replace(day=1), -(months - 1)), day


def span(days: list[dt.date], months: int = 12) -> tuple[dt.date, dt.date]:
    """From the first day of the earliest window of ``days`` to the last of them."""
    return window(min(days), months)[0], max(days)


def months_held(pairs) -> dict[str, set[int]]:
    """The months (as year × 12 + month) in which each desa holds a record, from (region
    code, day) rows (days, not months, come from the database: SQLite's month truncation is
    a Python call per row)."""
    seen = defaultdict(set)
    for code, day in pairs:
        seen[up_to(code)].add(day.year * 12 + day.month)
    return seen


def in_window(months: set[int], day: dt.date, n: int = 12) -> int:
    """How many of ``months`` lie in the ``n`` months ending with ``day``'s."""
    last = day.year * 12 + day.month
    return sum(last - n < m <= last for m in months)


def one_day(series):
    """The single-day provider of a series provider."""

    def provider(regions, day, rule):
        found = series(regions, [day], rule)
        return None if found is None else found[day]

    return provider


@target("T1")
def institution_and_board(regions, day, rule):
    institutions = Institution.objects.within(ancestor(regions)).filter(level=Level.PPKBD)
    if not Institution.objects.within(kabupaten(regions)).exists():
        return None
    institutions = institutions.filter(active=True)
    seats = BoardSeat.objects.filter(institution__in=institutions, started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    filled = defaultdict(set)
    for code, seat in seats.order_by().values_list("institution__region_code", "seat").distinct():
        filled[code].add(seat)
    signed = set(
        Decree.objects.filter(institutions__in=institutions, effective_on__lte=day)
        .order_by()
        .values_list("institutions__region_code", flat=True)
        .distinct()
    )
    results = {}
    for code in regions:
        if filled[code] >= COLLECTIVE_CORE and code in signed:
            results[code] = Result(MET, len(filled[code]))
        elif filled[code]:
            results[code] = Result(PARTLY, len(filled[code]))
        else:
            results[code] = Result(NOT_MET, 0)
    return results


def _meeting_months(meetings, days) -> dict[str, set[int]]:
    held = meetings.filter(date__range=span(days), finalised_at__isnull=False)
    return months_held(held.order_by().values_list("region_code", "date").distinct())


@target_series("T2")
def routine_meetings_over(regions, days, rule):
    if not Meeting.objects.within(kabupaten(regions)).exists():
        return None
    held = _meeting_months(Meeting.objects.within(ancestor(regions)), days)
    found = {}
    for day in days:
        months = {c: in_window(held.get(c, set()), day) for c in regions}
        found[day] = {c: Result(by_count(n, rule), n) for c, n in months.items()}
    return found


target("T2")(one_day(routine_meetings_over))


@target_series("T3")
def kie_and_counselling_over(regions, days, rule):
    kab = kabupaten(regions)
    if not (KieSession.objects.within(kab).exists() or Counseling.objects.within(kab).exists()):
        return None
    sessions = KieSession.objects.within(ancestor(regions)).filter(date__range=span(days))
    kie = months_held(sessions.order_by().values_list("region_code", "date").distinct())
    counselling = (
        Counseling.objects.within(ancestor(regions))
        .filter(date__range=span(days))
        .order_by()
        .values_list("member__family__region_code", "date")
        .distinct()
    )
    counselled = months_held(counselling)
    found = {}
    for day in days:
        results = {}
        for code in regions:
            n = in_window(kie.get(code, set()), day)
            status = by_count(n, rule)
            if status == MET and not in_window(counselled.get(code, set()), day):
                status = PARTLY
            results[code] = Result(status, n)
        found[day] = results
    return found


target("T3")(one_day(kie_and_counselling_over))


@target_series("T4")
def data_reported_over(regions, days, rule):
    """From one read of the desa report states of all the days' months."""
    reports = Report.objects.filter(form=completeness.FORM, level=RegionLevel.DESA)
    if not reports.within(kabupaten(regions)).exists():
        return None
    windows = {day: set(completeness.last_months(day)) for day in days}
    months = sorted(set().union(*windows.values()))
    states = completeness.desa_states(completeness.FORM, ancestor(regions), months)
    return {day: _reported(regions, states, windows[day], rule) for day in days}


target("T4")(one_day(data_reported_over))


def _reported(regions, states, months, rule) -> dict[str, Result]:
    on_time, sent = defaultdict(int), defaultdict(int)
    for (code, month), item in states.items():
        if month in months and item.report is not None and item.report.status in completeness.SENT:
            sent[code] += 1
            on_time[code] += item.on_time is True
    results = {}
    for code in regions:
        status = by_count(on_time[code], {"met": rule["met"]})
        if status != MET and sent[code] >= rule["partly"]:
            status = PARTLY
        results[code] = Result(status, on_time[code])
    return results


@target("T5")
def resilience_groups(regions, day, rule):
    if not Group.objects.within(kabupaten(regions)).exists():
        return None
    first, last = window(day, rule["months"])
    sessions = Session.objects.within(ancestor(regions)).filter(
        date__range=(first, last), group__kind__in=RESILIENCE_KINDS
    )
    kinds = defaultdict(set)
    pairs = sessions.order_by().values_list("group__region_code", "group__kind").distinct()
    for code, kind in pairs:
        kinds[up_to(code)].add(kind)
    results = {}
    for code in regions:
        n = len(kinds[code])
        status = MET if n == len(RESILIENCE_KINDS) else PARTLY if n else NOT_MET
        results[code] = Result(status, n)
    return results


@target_series("T6")
def own_funds_over(regions, days, rule):
    if not Fund.objects.within(kabupaten(regions)).exists():
        return None
    inside = ancestor(regions)
    kept = {up_to(c) for c in Fund.objects.within(inside).values_list("region_code", flat=True)}
    entries = LedgerEntry.objects.within(inside).filter(date__range=span(days))
    held = months_held(entries.order_by().values_list("fund__region_code", "date").distinct())
    found = {}
    for day in days:
        results = {}
        for code in regions:
            n = in_window(held.get(code, set()), day)
            status = by_count(n, rule)
            results[code] = Result(PARTLY if status == NOT_MET and code in kept else status, n)
        found[day] = results
    return found


target("T6")(one_day(own_funds_over))


def holding_the_book(cadres, day: dt.date) -> set[int]:
    """The cadres who attended a workshop begun by ``day`` and hold the Smart Book."""
    attended = Participant.objects.filter(
        user__in=cadres, attended=True, event__kind=Kind.WORKSHOP, event__starts_on__lte=day
    )
    trained = set(attended.values_list("user_id", flat=True))
    certified = Certificate.objects.filter(participant__in=attended, issued_on__lte=day)
    quizzed = QuizResult.objects.filter(user_id__in=trained, taken_at__date__lte=day)
    book = set(certified.values_list("participant__user_id", flat=True))
    return book | set(quizzed.values_list("user_id", flat=True))


@target("T7")
def trained_cadres(regions, day, rule):
    if not Event.objects.within(kabupaten(regions)).filter(kind=Kind.WORKSHOP).exists():
        return None
    cadres = User.objects.filter(
        scope_filter("region_code", [ancestor(regions)]), role__in=CADRES, is_active=True
    )
    counted = holding_the_book(cadres, day)
    total, done = defaultdict(int), defaultdict(int)
    for pk, code in cadres.values_list("pk", "region_code"):
        total[up_to(code)] += 1
        done[up_to(code)] += pk in counted
    results = {}
    for code in regions:
        if not total[code]:  # no cadre account: the share of cadres cannot be computed
            results[code] = Result(NO_DATA)
            continue
        share = round(100 * done[code] / total[code])
        results[code] = Result(by_count(share, rule), share)
    return results


@target("T8")
def cadre_forum(regions, day, rule):
    if not Meeting.objects.within(kabupaten(regions)).exists():
        return None
    results = {}
    for code in regions:
        forums = Institution.objects.filter(region_code=code, level=Level.FORUM, active=True)
        months = _meeting_months(Meeting.objects.filter(institution__in=forums), [day])
        n = in_window(months.get(up_to(code), set()), day)
        status = by_count(n, rule)
        results[code] = Result(PARTLY if status == NOT_MET and forums.exists() else status, n)
    return results


@target("T9")
def reading_house(regions, day, rule):
    if not ReadingHouse.objects.within(kabupaten(regions)).exists():
        return None
    inside = ancestor(regions)
    kec = DEPTH[RegionLevel.KECAMATAN]
    houses = {
        up_to(c, kec)
        for c in ReadingHouse.objects.within(inside).values_list("region_code", flat=True)
    }
    first, last = window(day, rule["months"])
    lending = Loan.objects.within(inside).filter(lent_on__range=(first, last))
    loans = defaultdict(int)
    for code in lending.values_list("title__house__region_code", flat=True):
        loans[up_to(code, kec)] += 1
    results = {}
    for code in regions:
        status = MET if loans[code] else PARTLY if code in houses else NOT_MET
        results[code] = Result(status, loans[code])
    return results
