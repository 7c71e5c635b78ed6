"""The stored monthly facts of every PUS (``PusMonth``), kept equal to the registers.

A month's reports count one stored row per PUS instead of re-deriving each woman's status
from her histories (``status.with_month_facts`` stays the definition and fills the rows).
A month is built for the whole database the first time a report asks for it, if it lies
between the first registration and the current month (others are computed live). From then
on every save or delete of a family, member, episode, pregnancy or intention refreshes that
family's rows, inside the same transaction: the copy cannot drift, and a rolled-back write
rolls its refresh back too. Only the months the change can alter are refreshed, those ending
on or after the earliest date it touches (``Reads``), so a write costs the same however many
months are stored. Bulk writers (the import, the demo) wrap their work in ``deferred()`` to
refresh once, set-based, at the end.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Aggregate, CharField, DateField, F, Min, QuerySet, Sum, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, NullIf
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal

from impsmart import dates
from impsmart.before_save import stored_row
from impsmart.compiled import Compiled
from impsmart.dates import month_end
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
    PusMonth,
    PusMonthBuilt,
    PusTally,
    PusYear,
)
from impsmart.families.status import dates_of, latest_episode, with_month_facts, with_status

COLUMNS = ("month", "member_id", "family_id", "region_code", "status", "jalur", "drop_out")
CHUNK = 500  # families per refresh statement
ALWAYS = dt.date.min  # a change that may alter every month
_pending: contextvars.ContextVar[dict[int, dt.date] | None] = contextvars.ContextVar(
    "pus_months_pending", default=None
)
# Sent with ``families`` (a set of ids) whenever their records changed in a way this module
# refreshes (every such write, months stored or not; once at the end of ``deferred``), inside
# the write's transaction: other derived copies keep up with it (``counseling/listed.py``).
families_changed = Signal()


def stored(day: dt.date) -> bool:
    """Whether the month of ``day`` is stored, building it now when it may be."""
    month = day.replace(day=1)
    if PusMonthBuilt.objects.filter(month=month).exists():
        return True
    first = Family.objects.aggregate(first=Min("registered_on"))["first"]
    if first is None or not first.replace(day=1) <= month <= dates.today().replace(day=1):
        return False
    with transaction.atomic():
        _, created = PusMonthBuilt.objects.get_or_create(month=month)
        if created:
            _insert(month)
            where, params = "month = %s", [connection.ops.adapt_datefield_value(month)]
            _tally(+1, where, params)
            _years(where, params)
    return True


def facts(
    region_code: str, day: dt.date, narrow: Callable[[QuerySet], QuerySet] | None = None
) -> QuerySet:
    """One row per PUS of the region on ``day`` with ``region_code``, ``status``, ``jalur`` and
    ``drop_out``: the stored rows when the month is stored, else derived live.

    ``narrow`` (e.g. ``lambda records: records.aggregatable_by(user)``) is applied to the
    stored rows or to the members alike: both are scoped querysets.
    """
    narrow = narrow or (lambda records: records)
    if stored(day):
        return narrow(PusMonth.objects.within(region_code).filter(month=day.replace(day=1)))
    return live_facts(narrow(Member.objects.within(region_code)), day)


def statuses(members: QuerySet[Member], day: dt.date) -> QuerySet:
    """(member pk, status, jalur) of each PUS among ``members`` on ``day``."""
    if stored(day):
        rows = PusMonth.objects.filter(month=day.replace(day=1), member__in=members.values("pk"))
        return rows.values_list("member_id", "status", "jalur")
    return with_status(members, day).values_list("pk", "status", "jalur")


def statuses_of_months(members: QuerySet[Member], days: list[dt.date]) -> dict[dt.date, list]:
    """``statuses`` for several month ends: {day: [(member pk, status, jalur), …]}.

    The stored months come from one query, which walks ``members`` once (the
    ``pus_month_member`` index holds each woman's months with their status), instead of one
    walk per month; a month that cannot be stored is derived as in ``statuses``.
    """
    found: dict[dt.date, list] = {day: [] for day in days}
    built = _built(day.replace(day=1) for day in days)
    months = {
        day.replace(day=1).isoformat(): day
        for day in days
        if day.replace(day=1) in built or stored(day)
    }
    if months:
        found |= stored_statuses(members, months)
    for day in days:
        if day.replace(day=1).isoformat() not in months:
            found[day] = list(statuses(members, day))
    return found


def stored_statuses(members: QuerySet[Member], months: dict[str, dt.date]) -> dict[dt.date, list]:
    """``statuses_of_months`` for months known to be stored ({first of month as ISO text:
    day}): one query, however many months."""
    return statuses_by_month(Compiled.of(stored_statuses_query(members, months)).rows(), months)


def stored_statuses_query(members: QuerySet[Member], months: Iterable[str]) -> QuerySet:
    """The query of ``stored_statuses``: (month as text, member pk, status, jalur)."""
    return (
        PusMonth.objects.filter(
            # A range, not a list: one index probe per woman instead of one per month.
            month__gte=min(months),
            month__lte=max(months),
            member__in=members.values("pk"),
        )
        # The month as text: the per-row date conversion (the ORM's, or SQLite's declared
        # type converter) would cost more than the query itself.
        .annotate(day=Cast("month", CharField()))
        .values_list("day", "member_id", "status", "jalur")
    )


def statuses_by_month(rows: Iterable[tuple], months: dict[str, dt.date]) -> dict[dt.date, list]:
    """``stored_statuses_query``'s rows as ``stored_statuses`` answers them."""
    found: dict[dt.date, list] = {day: [] for day in months.values()}
    for month, pk, status, jalur in rows:
        if month[:10] in months:
            found[months[month[:10]]].append((pk, status, jalur))
    return found


def _built(months: Iterable[dt.date]) -> set[dt.date]:
    """Those of ``months`` (firsts of months) that are stored."""
    return {month for (month,) in _built_query(tuple(sorted(set(months)))).rows()}


@functools.lru_cache(maxsize=64)
def _built_query(months: tuple[dt.date, ...]) -> Compiled:
    """``_built``'s query, compiled once per list of months (a register's year so far)."""
    return Compiled.of(PusMonthBuilt.objects.filter(month__in=months).values_list("month"))


def all_stored(days: list[dt.date]) -> dict[dt.date, dt.date] | None:
    """{first of month: day} for ``days`` when they form a range of months without gaps that
    is stored (building what may be built); None otherwise (some month is derived live)."""
    ends = {day.replace(day=1): day for day in days}
    if not ends or len(ends) != dates.months_between(min(ends), max(ends)) + 1:
        return None  # a range of months read as a range (one index walk per woman), no gaps
    built = _built(ends)
    if any(month not in built and not stored(day) for month, day in ends.items()):
        return None
    return ends


def counts_query(region_code: str, months: Iterable[dt.date], **more: Aggregate) -> Compiled:
    """Each stored month's count per (status, jalur) of the PUS of a region, as rows (month,
    status, jalur, count) (``counts_of_months``), summed from the tally (``PusTally``): a few
    hundred rows for a desa instead of its tens of thousands of stored months. ``more``:
    other aggregates of each row's tally rows, after the count."""
    rows = (
        PusTally.objects.within(region_code)
        .filter(month__in=list(months), n__gt=0)
        .order_by()
        .values_list("month", "status", NullIf("jalur", Value("")))
        .annotate(n=Sum("n"), **more)
    )
    return Compiled.of(rows)


def counts_of_months(
    rows: Iterable[tuple], ends: dict[dt.date, dt.date]
) -> dict[dt.date, dict[tuple[str, str | None], int]]:
    """``counts_query``'s rows per month end of ``ends`` (``all_stored``'s answer)."""
    counts: dict[dt.date, dict[tuple[str, str | None], int]] = {day: {} for day in ends.values()}
    days = {month.isoformat(): day for month, day in ends.items()}
    for month, status, jalur, n, *_more in rows:
        counts[days[str(month)[:10]]][status, jalur] = int(n)
    return counts


def live_facts(members: QuerySet[Member], day: dt.date) -> QuerySet[Member]:
    """The rows of ``facts`` derived from the histories of ``members``."""
    return with_month_facts(members, day).annotate(region_code=F("family__region_code"))


def _insert(month: dt.date, families: list[int] | None = None) -> None:
    """Store the facts of the PUS of ``families`` (None: of all) for ``month``: one INSERT …
    SELECT, the SELECT compiled once per month (``_month_select``)."""
    select, params = _month_select(connection.vendor, month)
    where = "" if families is None else f"WHERE pm_family IN ({', '.join(['%s'] * len(families))})"
    table = PusMonth._meta.db_table
    with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(COLUMNS)}) SELECT %s, pm_member, pm_family, "
            f"pm_region, status, jalur, drop_out FROM ({select}) facts {where}",
            (connection.ops.adapt_datefield_value(month), *params, *(families or [])),
        )


def _facts(month: dt.date, latest: dict | None = None) -> QuerySet:
    """The rows ``_insert`` stores for ``month`` (without the month), of every member."""
    return (
        with_month_facts(Member.objects.all(), month_end(month.year, month.month), latest)
        .annotate(pm_member=F("pk"), pm_family=F("family_id"), pm_region=F("family__region_code"))
        .order_by()
        .values("pm_member", "pm_family", "pm_region", "status", "jalur", "drop_out")
    )


LATEST = "pm_latest"  # the latest episode's row, joined LATERALly (``_facts_sql``)
MEMBER = '"families_member"'  # the members' table as ``_facts`` names it (no alias)


def _facts_sql(vendor: str, month: dt.date) -> tuple[str, tuple]:
    """The SELECT of ``_facts`` for ``month`` and its parameters. On PostgreSQL each woman's
    latest episode (``status.latest_episode``) is looked up once, by a LATERAL join whose
    columns ``with_month_facts`` reads, instead of once for the method, once for the jalur
    and once for the drop-out (a third of the statement's time); elsewhere, or if the SELECT
    is not shaped as expected, the subqueries stay."""
    if vendor != "postgresql":
        return _facts(month).query.sql_with_params()
    fields = {"method": CharField(), "jalur": CharField(), "end_date": DateField()}
    latest = {
        name: RawSQL(f"{LATEST}.{connection.ops.quote_name(name)}", (), output_field=field)
        for name, field in fields.items()
    }
    select, params = _facts(month, latest).query.sql_with_params()
    day = month_end(month.year, month.month)
    episode = latest_episode(RawSQL(f"{MEMBER}.{connection.ops.quote_name('id')}", ()), day)
    joined, joined_params = episode.values(*fields)[:1].query.sql_with_params()
    start = select.find(f" FROM {MEMBER} ")
    where = select.find(" WHERE ", start)
    if start < 0 or where < 0 or select.count(f" FROM {MEMBER} ") != 1:
        return _facts(month).query.sql_with_params()
    before = re.findall(r"%%|%s", select[:where]).count("%s")
    select = f"{select[:where]} LEFT JOIN LATERAL ({joined}) {LATEST} ON TRUE{select[where:]}"
    return select, (*params[:before], *joined_params, *params[before:])


@functools.lru_cache(maxsize=64)
def _month_select(vendor: str, month: dt.date) -> tuple[str, tuple]:
    """The SELECT of ``_facts`` over every member for ``month`` and its parameters: the
    template compiled once per process (``_template``) with the month's dates in their
    places, or, if the template cannot be had, compiled for the month."""
    template = _template(vendor)
    if template is None:
        return _facts_sql(vendor, month)
    select, params, places = template
    return select, _placed(params, places, month)


# Two months whose dates (``status.dates_of``) are all distinct and far from any real one.
TEMPLATE_MONTHS = (dt.date(1901, 1, 1), dt.date(1902, 6, 1))


@functools.lru_cache(maxsize=4)
def _template(vendor: str) -> tuple[str, tuple, dict[int, int]] | None:
    """The SELECT of ``_facts`` compiled for the first ``TEMPLATE_MONTHS``, its parameters
    and {parameter position: index in ``status.dates_of``} of those that are the month's
    dates; None unless the second month's compiled SELECT is the same text with exactly the
    parameters this gives (building the query took 13 ms a month, a file's 24 months 0.3 s)."""
    first, second = TEMPLATE_MONTHS
    select, params = _facts_sql(vendor, first)
    dates = [_adapted(day) for day in dates_of(month_end(first.year, first.month))]
    if len(set(dates)) != len(dates):
        return None
    places = {i: dates.index(value) for i, value in enumerate(params) if value in dates}
    if (select, _placed(params, places, second)) != _facts_sql(vendor, second):
        return None
    return select, tuple(params), places


def _placed(params: tuple, places: dict[int, int], month: dt.date) -> tuple:
    dates = dates_of(month_end(month.year, month.month))
    return tuple(
        _adapted(dates[places[i]]) if i in places else value for i, value in enumerate(params)
    )


def _adapted(day: dt.date):
    return connection.ops.adapt_datefield_value(day)


def _months_select(months: Iterable[dt.date]) -> tuple[str, tuple] | None:
    """One SELECT of ``_facts`` for all ``months`` at once: the month-dependent parameters of
    the per-month SELECTs come from a VALUES list (``pm_months``), one row per month. On
    PostgreSQL the SELECT is joined LATERALly to it. Elsewhere (SQLite) it is joined inside
    the SELECT, after the members, so that each member is looked up once and her months are
    the inner loop: half the time of one statement per month. Columns ``month`` then those
    of ``_facts``. None when the months' SELECTs differ in more than parameters."""
    return _months_select_for(connection.vendor, tuple(months))


@functools.lru_cache(maxsize=64)
def _months_select_for(vendor: str, months: tuple[dt.date, ...]) -> tuple[str, tuple] | None:
    compiled = [_month_select(vendor, month) for month in months]
    texts = {text for text, _ in compiled}
    if len(texts) != 1:
        return None
    pieces = re.split(r"(%%|%s)", texts.pop())
    if pieces.count("%s") != len(compiled[0][1]):
        return None
    first = compiled[0][1]
    varying = [any(params[i] != first[i] for _, params in compiled) for i in range(len(first))]
    varying_ids = [i for i, varies in enumerate(varying) if varies]
    select, shared, position = [], [], 0
    for piece in pieces:
        if piece != "%s":
            select.append(piece)
            continue
        if varying[position]:
            select.append(f"pm_months.p{position}")
        else:
            select.append("%s")
            shared.append(first[position])
        position += 1
    row = "(" + ", ".join(["%s"] * (1 + len(varying_ids))) + ")"
    values = []
    for month, (_, params) in zip(months, compiled, strict=True):
        values += [_adapted(month), *(params[i] for i in varying_ids)]
    names = ", ".join(["month", *(f"p{i}" for i in varying_ids)])
    rows = ", ".join([row] * len(months))
    if vendor == "postgresql":
        sql = (
            f"SELECT pm_months.month, month_facts.* FROM (VALUES {rows}) AS pm_months ({names}) "
            f"CROSS JOIN LATERAL ({''.join(select)}) month_facts"
        )
        return sql, (*values, *shared)
    text = "".join(select)
    start = text.find(f" FROM {MEMBER} ")
    where = text.find(" WHERE ", start)
    if start < 0 or where < 0 or not text.startswith("SELECT "):
        return None
    # SQLite keeps the tables left of a CROSS JOIN in the outer loops.
    text = f"{text[:where]} CROSS JOIN pm_months{text[where:]}"
    text = "SELECT pm_months.month AS month, " + text.removeprefix("SELECT ")
    return f"WITH pm_months ({names}) AS (VALUES {rows}) {text}", (*values, *shared)


def _insert_months(first: dict[int, dt.date], months: list[dt.date]) -> None:
    """Store the facts of the PUS of each family of ``first`` for each of ``months`` from its
    first month on, one INSERT … SELECT for all months (``_months_select``): on PostgreSQL
    for all the families, elsewhere per first month and CHUNK families."""
    if not months:
        return
    insert = (
        f"INSERT INTO {PusMonth._meta.db_table} ({', '.join(COLUMNS)}) SELECT month, "
        "pm_member, pm_family, pm_region, status, jalur, drop_out FROM ({}) facts"
    )
    if connection.vendor == "postgresql" and (combined := _months_select(months)):
        select, params = combined
        families = sorted(first)
        firsts = [_adapted(first[family]) for family in families]
        with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
            cursor.execute(
                insert.format(select) + " JOIN UNNEST(%s::bigint[], %s::date[]) AS since "
                "(family, first) ON pm_family = since.family AND month >= since.first",
                (*params, families, firsts),
            )
        return
    for start, families in _grouped(first).items():
        later = tuple(month for month in months if month >= start)
        if not later:
            continue
        combined = _months_select(later)
        for chunk in _chunks(families):
            if combined is None:
                for month in later:
                    _insert(month, chunk)
                continue
            select, params = combined
            marks = ", ".join(["%s"] * len(chunk))
            with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
                cursor.execute(
                    insert.format(select) + f" WHERE pm_family IN ({marks})", (*params, *chunk)
                )


def _tally(sign: int, where: str, params: list) -> None:
    """Add (``sign`` +1) or take away (-1) the ``PusMonth`` rows matching ``where`` to or from
    ``PusTally``: one INSERT … SELECT … GROUP BY with an upsert. New rows go in region order,
    so that a month's rows of one desa lie together (a register's footer reads them)."""
    rows, tally = PusMonth._meta.db_table, PusTally._meta.db_table
    with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
        cursor.execute(
            f"INSERT INTO {tally} ({TALLY_KEYS}, n) SELECT {TALLIED}, {sign} * COUNT(*) "
            f"FROM {rows} WHERE {where} GROUP BY {TALLIED} ORDER BY month, region_code "
            f"ON CONFLICT ({TALLY_KEYS}) DO UPDATE SET n = {tally}.n + excluded.n",
            params,
        )


def _years(where: str, params: list) -> None:
    """Add the ``PusMonth`` rows matching ``where`` to ``PusYear``: each member's first month
    of each year among them, unless hers there is no later (a month built after a later one
    of its year replaces it). Only those rows are written: a new month of a year already
    stored has a row there for nearly every PUS, and an upsert of them all rewrote 120,000
    rows (4–6 s on PostgreSQL, 1.3 s on SQLite)."""
    rows, years = PusMonth._meta.db_table, PusYear._meta.db_table
    year = _year_of("month")
    with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
        cursor.execute(
            f"INSERT INTO {years} (member_id, year, family_id, region_code, first_month) "
            f"SELECT member_id, {year}, MAX(family_id), MAX(region_code), MIN(month) "
            f"FROM {rows} WHERE {where} AND NOT EXISTS (SELECT 1 FROM {years} AS kept "
            f"WHERE kept.member_id = {rows}.member_id AND kept.year = {_year_of(f'{rows}.month')} "
            f"AND kept.first_month <= {rows}.month) GROUP BY member_id, {year} "
            f"ON CONFLICT (member_id, year) DO UPDATE SET first_month = excluded.first_month",
            params,
        )


def _year_of(column: str) -> str:
    """The year of the date ``column`` as an integer, in a statement with parameters."""
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS integer)"
    return f"CAST(strftime('%%Y', {column}) AS integer)"


TALLY_KEYS = "month, region_code, status, jalur, drop_out"
TALLIED = "month, region_code, status, COALESCE(jalur, ''), drop_out"  # a stored row's keys


def refresh(family_ids: Iterable[int], since: dt.date = ALWAYS, at_once: bool = False) -> None:
    """Recompute the stored rows of these families for the months ending on or after
    ``since`` (at the end of ``deferred`` if inside, unless ``at_once``: the bulk import's
    new families, which no later write of the import touches)."""
    ids = {i for i in family_ids if i is not None}
    pending = _pending.get()
    if pending is None or at_once:
        _refresh(dict.fromkeys(ids, since))
        return
    for family in ids:
        pending[family] = min(since, pending.get(family, since))


def _refresh(since_by_family: dict[int, dt.date]) -> None:
    """Delete and re-insert each family's rows from the month of its ``since`` on: one DELETE
    per such first month and CHUNK families, the INSERTs of ``_insert_months``;
    ``PusTally`` loses the deleted rows and gains the inserted ones, per first month and CHUNK;
    ``PusYear`` is grouped again from their months of those years."""
    if not since_by_family:
        return
    first = {family: since.replace(day=1) for family, since in since_by_family.items()}
    # Asked before the other copies are sent their refresh: sent ahead (``pipelined``), they
    # would be waited for to have this answer.
    months = PusMonthBuilt.objects.filter(month__gte=min(first.values())).order_by("month")
    months = list(months.values_list("month", flat=True))
    families_changed.send(sender=Family, families=set(since_by_family))
    if not months:
        return
    table = PusMonth._meta.db_table
    with transaction.atomic(savepoint=False):  # part of the write that changed them
        for where, params in _family_months(first):
            _tally(-1, where, params)
            with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
                cursor.execute(f"DELETE FROM {table} WHERE {where}", params)
        _insert_months(first, months)
        for where, params in _family_months(first):
            _tally(+1, where, params)
        # Each family's years from its first month's on, kept months of that year included.
        years = {family: start.replace(month=1) for family, start in first.items()}
        for where, params in _family_months(years, "first_month"):
            with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
                cursor.execute(f"DELETE FROM {PusYear._meta.db_table} WHERE {where}", params)
        for where, params in _family_months(years):
            _years(where, params)


def _family_months(first: dict[int, dt.date], month: str = "month") -> Iterator[tuple[str, list]]:
    """SQL conditions selecting each family's rows whose ``month`` column is on or after its
    first month, CHUNK at a time."""
    for start, families in _grouped(first).items():
        since = connection.ops.adapt_datefield_value(start)
        if connection.vendor == "postgresql":  # one array, however many families
            yield f"family_id = ANY(%s) AND {month} >= %s", [sorted(families), since]
            continue
        for chunk in _chunks(families):
            marks = ", ".join(["%s"] * len(chunk))
            yield f"family_id IN ({marks}) AND {month} >= %s", [*chunk, since]


def _grouped(first: dict[int, dt.date]) -> dict[dt.date, list[int]]:
    groups: dict[dt.date, list[int]] = {}
    for family, start in first.items():
        groups.setdefault(start, []).append(family)
    return groups


def _chunks(families: list[int]) -> Iterator[list[int]]:
    ordered = sorted(families)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect refreshes and run them once, when the outermost block ends without error.

    Nothing is refreshed when the enclosing transaction is already marked for rollback.
    """
    if _pending.get() is not None:
        yield
        return
    token = _pending.set({})
    try:
        yield
        if not (connection.in_atomic_block and transaction.get_rollback()):
            _refresh(_pending.get() or {})
    finally:
        _pending.reset(token)


# --- every write path refreshes the family it touched, from the first month it can alter ---


@dataclass(frozen=True)
class Reads:
    """What ``status.with_month_facts`` reads of one model's rows, and so when a change counts.

    A row counts from its ``start`` on (a null start, or none: always). A change of a field
    in ``ends`` (each counts while null or after the day: closed, left, ended) alters the days
    from the earlier of its two values on; a change of ``start`` or of a field in ``others``,
    a new row or a deleted one, alters the days from the row's earlier start on. Other fields
    (names, places, reasons) alter no month.
    """

    start: str | None
    ends: tuple[str, ...]
    others: tuple[str, ...]

    def start_of(self, row) -> dt.date:
        return (getattr(row, self.start) if self.start else None) or ALWAYS

    def since(self, before, after) -> dt.date | None:
        """The first day whose facts the change from ``before`` to ``after`` may alter
        (``before`` is None for a new row, ``after`` for a deleted one); None: no day."""
        if before is None or after is None:
            return self.start_of(before or after)
        changed = [f for f in self.fields if getattr(before, f) != getattr(after, f)]
        if not changed:
            return None
        if any(f not in self.ends for f in changed):
            return min(self.start_of(before), self.start_of(after))
        values = (getattr(row, f) for f in changed for row in (before, after))
        return min(v for v in values if v is not None)

    @property
    def fields(self) -> tuple[str, ...]:
        return (*([self.start] if self.start else []), *self.ends, *self.others)


READS = {
    Family: Reads(None, ("closed_on",), ("region_code",)),
    Member: Reads(
        "joined_on", ("left_on",), ("family_id", "spouse_id", "sex", "marital_status", "birth_date")
    ),
    ContraceptiveEpisode: Reads("start_date", ("end_date",), ("member_id", "method", "jalur")),
    Pregnancy: Reads("start_date", ("outcome_date",), ("member_id",)),
    IntentionRecord: Reads("recorded_on", (), ("member_id", "intention")),
}


def _families(rows) -> set[int]:
    """The families whose PUS these rows (of one model; None skipped) belong to."""
    rows = [row for row in rows if row is not None]
    if rows and isinstance(rows[0], Family):
        return {row.pk for row in rows}
    if rows and isinstance(rows[0], Member):
        return {row.family_id for row in rows}
    # The member a write was given is usually at hand (an event never moves her): no query.
    at_hand = [row for row in rows if type(row).member.is_cached(row)]
    family_of = {row.member_id: row.member.family_id for row in at_hand}
    missing = {row.member_id for row in rows} - family_of.keys()
    if missing:
        family_of |= Member.objects.filter(pk__in=missing).order_by().values_list("pk", "family_id")
    return set(family_of.values())


def _before(sender, instance, raw: bool = False, **kwargs) -> None:
    """Keep the stored row as it was, to see what the save changes."""
    instance._pus_before = None if raw else stored_row(sender, instance)


def _changed(sender, before, after) -> None:
    since = READS[sender].since(before, after)
    if since is not None:
        refresh(_families([before, after]), since)


def _saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        _changed(sender, getattr(instance, "_pus_before", None), instance)


def _deleted(sender, instance, **kwargs) -> None:
    _changed(sender, instance, None)


for _model in READS:
    _name = _model.__name__
    pre_save.connect(_before, sender=_model, dispatch_uid=f"pus_months_before_{_name}")
    post_save.connect(_saved, sender=_model, dispatch_uid=f"pus_months_save_{_name}")
    post_delete.connect(_deleted, sender=_model, dispatch_uid=f"pus_months_del_{_name}")
