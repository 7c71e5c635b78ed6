"""One register write costs the same however many months are stored.

Every register write refreshes the stored PUS months it can alter (``families/pus_months.py``:
those ending on or after the earliest date it changes), so its cost must not grow with the
months the system has run. The write: for one married PUS wife without a method, record an
intention today, start a method yesterday, stop it today (three audited actions, each
refreshing her family's months), rolled back; the median of ``REPEATS`` runs. It is timed
with the last 24 months stored and again with the last 120 (``reference`` is the 24-month
figure, ``ratio`` the 120-month one over it: flat is about 1). Each event alone, at 120
months, is reported too (``register_write_<event>_ms``) against its 30 ms target.

Those writes are undone by rolling back, and psycopg answers any rollback by dropping every
statement its connection has prepared: each of them is the first write of a connection, its
statements planned anew. A served write commits, and its connection keeps them. So the same
wife's intention is also recorded and kept, ``KEPT`` times one after another on a warm
connection (``register_write_intention_kept_ms``, against the same target): each on its own
day of the week before yesterday, each changing that day's wish; they stay in the database,
as the load run's writes do.

Storing 120 months for the whole kabupaten would take many minutes at full scale, so the
months are marked stored (``PusMonthBuilt``) and their rows built for the wife's desa only,
which holds every row the write reads or rewrites; everything is rolled back afterwards.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from django.db import transaction

from bench.runner import figure
from impsmart import dates, vacuum
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.dates import add_months
from impsmart.families import codes, contraception, pus_months
from impsmart.families.models import Family, IntentionRecord, Member, PusMonthBuilt
from impsmart.families.status import PREGNANT, with_status

REPEATS = 7
WINDOW = 5000
EVENTS = ("intention", "start", "stop")
TARGET_MS = 30.0  # one register write, any event, whatever the history (issue 17)
SHORT, LONG = 24, 120
DESA_SEGMENTS = 4  # 73.06.06.2001
KEPT = 6  # kept intentions timed, after one that warms the connection
WISHES = (codes.Intention.IAT, codes.Intention.TIAL)


def pus_wife(today: dt.date) -> Member | None:
    """A married PUS wife with no method, pregnancy or episode since yesterday."""
    yesterday = today - dt.timedelta(days=1)
    wives = (
        Member.objects.filter(marital_status=codes.Marital.MARRIED)
        .exclude(episodes__end_date__gte=yesterday)
        .exclude(episodes__start_date__gte=yesterday)
    )
    candidates = with_status(wives, today).exclude(status__in=[*codes.Method.values, PREGNANT])
    # The first by pk, looked for WINDOW members at a time: the status of every member of a
    # province-sized table is minutes of work on PostgreSQL before the first row comes.
    last = Member.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for start in range(0, last + 1, WINDOW):
        found = candidates.filter(pk__gte=start, pk__lt=start + WINDOW).order_by("pk").first()
        if found is not None:
            return found
    return None


def store_months(count: int, desa: str, today: dt.date) -> None:
    """Mark exactly the last ``count`` months stored; build the new ones for ``desa`` only."""
    months = [add_months(today, -n) for n in range(count)]
    PusMonthBuilt.objects.exclude(month__in=months).delete()
    built = set(PusMonthBuilt.objects.values_list("month", flat=True))
    new = [month for month in months if month not in built]
    if new:
        PusMonthBuilt.objects.bulk_create([PusMonthBuilt(month=month) for month in new])
        families = Family.objects.within(desa).values_list("pk", flat=True)
        pus_months.refresh(families, since=min(new))


def write(actor: User, wife: Member, today: dt.date) -> dict[str, float]:
    """Seconds each of an intention, start and stop of a method takes (then rolled back)."""
    yesterday = today - dt.timedelta(days=1)
    wish = new_wish(wife, today)
    events = {
        "intention": lambda: contraception.record_intention(
            actor=actor, member=wife, intention=wish, recorded_on=today
        ),
        "start": lambda: contraception.start_method(
            actor=actor,
            member=wife,
            method=codes.Method.PIL,
            start_date=yesterday,
            jalur=codes.Jalur.GOVERNMENT,
        ),  # fmt: skip
        "stop": lambda: contraception.stop_method(
            actor=actor, member=wife, end_date=today, reason=codes.EndReason.SIDE_EFFECT
        ),
    }
    seconds = {}
    with transaction.atomic():
        for event, action in events.items():
            started = time.perf_counter()
            with transaction.atomic():  # as the page does: each write in its transaction
                action()
            seconds[event] = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def median_ms(actor: User, wife: Member, today: dt.date) -> dict[str, float]:
    """The median of each event and of the three together, in ms."""
    runs = [write(actor, wife, today) for _ in range(REPEATS)]
    medians = {event: statistics.median(run[event] for run in runs) * 1000 for event in runs[0]}
    return medians | {"all": statistics.median(sum(run.values()) for run in runs) * 1000}


def new_wish(wife: Member, day: dt.date) -> str:
    """A wish other than the one she has on ``day``: its record is a write that changes it."""
    stored = IntentionRecord.objects.filter(member=wife, recorded_on=day)
    return next(w for w in WISHES if w != stored.values_list("intention", flat=True).first())


def kept_ms(actor: User, wife: Member, today: dt.date) -> float:
    """The median of ``KEPT`` intentions recorded and committed one after another, on days
    the rolled-back writes leave alone (the first, which warms the connection after their
    rollbacks, is not counted)."""
    seconds = []
    for back in range(2, KEPT + 3):
        day = today - dt.timedelta(days=back)
        wish = new_wish(wife, day)
        started = time.perf_counter()
        contraception.record_intention(actor=actor, member=wife, intention=wish, recorded_on=day)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds[1:]) * 1000


def run(ctx: Any) -> list[dict]:
    today = dates.today()
    wife = pus_wife(today)
    if wife is None:
        return []
    desa = ".".join(wife.family.region_code.split(".")[:DESA_SEGMENTS])
    actor = User.objects.filter(role=Role.ADMIN_KABUPATEN).order_by("pk").first()
    with vacuum.rolled_back():
        store_months(SHORT, desa, today)
        short = median_ms(actor, wife, today)
        store_months(LONG, desa, today)
        long = median_ms(actor, wife, today)
    results = [
        figure(f"register_write_{SHORT}_months", short["all"], "ms"),
        # Its reference is the short history's time, not a target: the ratio must stay near 1.
        {"name": f"register_write_{LONG}_months", "value": round(long["all"], 2), "unit": "ms",
         "reference": round(short["all"], 2), "ratio": round(long["all"] / short["all"], 2)},
    ]  # fmt: skip
    for event in EVENTS:
        results.append(figure(f"register_write_{event}_ms", long[event], "ms", TARGET_MS))
    kept = kept_ms(actor, wife, today)
    results.append(figure("register_write_intention_kept_ms", kept, "ms", TARGET_MS))
    return results
