"""Register PUS (domain.md §6): one row per woman who is a PUS in a month of the period.

Each row carries the couple, the wife's NIK and age, the family's children, tahapan KS and JKN,
and one status cell per month (a method code, H, IAS, IAT, TIAL or ?; blank when she was not a
PUS that month, or the month has not begun). The footer counts each month's cells, so it always
satisfies the balance rule: pus = PA + hamil + IAS + IAT + TIAL + belum diketahui.

The whole register costs one query for the stored statuses of its months (``pus_months``), one for
the wives and one for the children, however many families the region holds. Callers pass the
members already scoped: ``visible_to(user)`` for people, ``Member.objects.all()`` for CLI
commands run by the operator of the installation; ``within(code)`` then narrows either to one
region.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db import connection
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _

from impsmart import dates, spreadsheet
from impsmart.accounts.scope import code_order
from impsmart.compiled import IDS, Compiled, aggregate
from impsmart.dates import age_on, month_end
from impsmart.families import codes, pus_months
from impsmart.families.models import Member, PusMonth, PusYear
from impsmart.families.status import EVER_MARRIED, PREGNANT, UNKNOWN
from impsmart.regions.models import Region

MONTH_LABELS = [
    _("Jan"), _("Feb"), _("Mar"), _("Apr"), _("Mei"), _("Jun"),
    _("Jul"), _("Agu"), _("Sep"), _("Okt"), _("Nov"), _("Des"),
]  # fmt: skip
METHODS = codes.Method.values
# Footer rows: indicator codes of domain.md §5 and their labels.
FOOTER_ROWS = [
    ("pus", _("PUS")),
    ("pa_total", _("Peserta KB aktif (PA)")),
    *[(f"pa_{m.lower()}", codes.Method(m).label) for m in METHODS],
    ("pa_pemerintah", _("PA jalur pemerintah")),
    ("pa_swasta", _("PA jalur swasta")),
    ("hamil", _("Hamil")),
    *[(i.lower(), codes.Intention(i).label) for i in codes.Intention.values],
    ("status_unknown", _("Belum diketahui")),
]
# The CLI contract's columns (docs/architecture.md), then extras.
MONTH_CSV_COLUMNS = [
    "region_code", "family_no", "wife_name", "wife_nik", "wife_age", "husband_name",
    "children", "youngest_child_age", "ks_stage", "status", "jalur", "jkn",
]  # fmt: skip
# What a row needs to be sorted (``build_register(details=False)``).
SORT_FIELDS = ["pk", "name", "family__kk_number", "family__region_code"]
DETAIL_FIELDS = [
    "pk", "name", "nik", "birth_date", "jkn", "spouse__name", "family_id",
    "family__kk_number", "family__region_code", "family__ks_stage", "family__jkn",
]  # fmt: skip
DUSUN_SEGMENTS = 5  # 73.06.06.2001.01
PKS_PER_QUERY = 5000  # well under SQLite's bound parameters (32,766)


@dataclass
class RegisterRow:
    region_code: str
    family_no: str
    wife_name: str
    wife_nik: str
    wife_age: int
    husband_name: str
    children: int
    youngest_child_age: int | None
    ks_stage: str
    jkn: bool | None
    cells: list[str]
    jalur: list[str]
    region_name: str = ""
    # A row built with its sort key only (``details=False``): ``add_details`` fills the rest.
    pk: int = 0
    last_day: dt.date | None = None

    @property
    def ks_label(self) -> str:
        return str(codes.KsStage(self.ks_stage).label) if self.ks_stage else ""


@dataclass
class Register:
    year: int
    months: list[int]  # the columns, 1–12
    due: list[bool]  # per column: the month has begun (else its cells stay blank)
    rows: list[RegisterRow]
    footer: list[dict[str, int] | None]  # per column; None for months not begun
    children_day: dt.date | None = None  # children are counted on this day
    cells_pending: bool = False  # bare rows without their cells yet (``complete_rows``)

    @property
    def begun(self) -> tuple[dt.date, ...]:
        """The first day of each begun month."""
        return tuple(
            dt.date(self.year, m, 1) for m, due in zip(self.months, self.due, strict=True) if due
        )

    @property
    def month_labels(self) -> list[str]:
        return [MONTH_LABELS[m - 1] for m in self.months]

    def footer_table(self) -> list[tuple[str, str, list[int | None]]]:
        """(code, label, one figure per column) for each footer row."""
        return [
            (code, label, [f[code] if f else None for f in self.footer])
            for code, label in FOOTER_ROWS
        ]


def _children(members: QuerySet[Member], day: dt.date) -> QuerySet:
    """Per family: (family id, children present on ``day``, the youngest one's birth date)."""
    present = Q(joined_on__isnull=True) | Q(joined_on__lte=day)
    present &= Q(left_on__isnull=True) | Q(left_on__gt=day)
    return (
        members.filter(present, relation=codes.Relation.CHILD, birth_date__lte=day)
        .order_by()
        .values("family_id")
        .annotate(n=Count("pk"), youngest=Max("birth_date"))
        .values_list("family_id", "n", "youngest")
    )


def _kids(rows: Iterable[tuple]) -> dict[int, tuple[int, dt.date]]:
    """``_children``'s rows: {family id: (children, the youngest one's birth date)}."""
    return {family: (n, youngest) for family, n, youngest in rows}


def footer_figures(cells: Iterable[str], jalurs: Iterable[str]) -> dict[str, int]:
    """One month's footer from its cells (blank cells are not PUS that month)."""
    return footer_of_counts(Counter(zip(cells, jalurs, strict=True)))


def footer_of_counts(counts: dict[tuple[str, str | None], int]) -> dict[str, int]:
    """``footer_figures`` from a month's count per (status, jalur)."""
    cells: Counter = Counter()
    jalurs: Counter = Counter()
    for (status, jalur), n in counts.items():
        if status:
            cells[status] += n
            if status in METHODS:
                jalurs[jalur or ""] += n
    figures = {"pus": sum(cells.values()), "pa_total": sum(cells[m] for m in METHODS)}
    figures |= {f"pa_{m.lower()}": cells[m] for m in METHODS}
    figures |= {f"pa_{j}": jalurs[j] for j in codes.Jalur.values}
    figures |= {i.lower(): cells[i] for i in codes.Intention.values}
    return figures | {"hamil": cells[PREGNANT], "status_unknown": cells[UNKNOWN]}


def _row(values: dict, day: dt.date, kids: dict, size: int) -> RegisterRow:
    n, youngest = kids.get(values["family_id"], (0, None))
    jkn = values["jkn"] if values["jkn"] is not None else values["family__jkn"]
    return RegisterRow(
        region_code=".".join(values["family__region_code"].split(".")[:DUSUN_SEGMENTS]),
        family_no=values["family__kk_number"],
        wife_name=values["name"],
        wife_nik=values["nik"],
        wife_age=age_on(values["birth_date"], day),
        husband_name=values["spouse__name"],
        children=n,
        youngest_child_age=age_on(youngest, day) if youngest else None,
        ks_stage=values["family__ks_stage"],
        jkn=jkn,
        cells=[""] * size,
        jalur=[""] * size,
    )


def _bare_row(values: dict, day: dt.date | None, size: int) -> RegisterRow:
    """A row with its sort key, cells and footer data only; ``add_details`` completes it."""
    return RegisterRow(
        region_code=".".join(values["family__region_code"].split(".")[:DUSUN_SEGMENTS]),
        family_no=values["family__kk_number"],
        wife_name=values["name"],
        wife_nik="",
        wife_age=0,
        husband_name="",
        children=0,
        youngest_child_age=None,
        ks_stage="",
        jkn=None,
        cells=[""] * size,
        jalur=[""] * size,
        pk=values["pk"],
        last_day=day,
    )


def detail_queries(
    members: QuerySet[Member], months: Sequence[dt.date], cells: bool = True
) -> dict[str, QuerySet]:
    """The queries that complete a page's bare rows (``complete_rows``), the rows' ids (or
    their families') given when they run (``compiled.IDS``): the wives' details, their
    families' children at the end of the last of ``months`` (the firsts of the begun months)
    and, with ``cells``, their stored statuses in ``months``."""
    shown = members.filter(pk__in=[IDS])
    last = months[-1]
    found = {
        "details": shown.order_by().values_list(*DETAIL_FIELDS),
        "children": _children(
            members.filter(family_id__in=[IDS]), month_end(last.year, last.month)
        ),
    }
    if cells:
        begun = [month.isoformat() for month in months]
        found["statuses"] = pus_months.stored_statuses_query(shown, begun)
    return found


def add_details(register: Register, members: QuerySet[Member], known: Iterable[dict] = ()) -> None:
    """``complete_rows`` with ``detail_queries`` of ``members`` compiled for this call."""
    if any(row.pk for row in register.rows):
        queries = detail_queries(members, register.begun, register.cells_pending)
        complete_rows(register, {name: Compiled.of(q) for name, q in queries.items()}, known)


def complete_rows(
    register: Register, queries: dict[str, Compiled], known: Iterable[dict] = ()
) -> None:
    """Complete the bare rows of ``register.rows`` (one page of them) with ``detail_queries``
    compiled: three queries, however many rows the whole register has; two when ``known``
    holds the rows' ``DETAIL_FIELDS`` values already (read with the page)."""
    bare = {row.pk: row for row in register.rows if row.pk}
    if not bare:
        return
    if register.cells_pending:
        columns = {
            month_end(register.year, m): index
            for index, (m, begun) in enumerate(zip(register.months, register.due, strict=True))
            if begun
        }
        # Pending cells are those of stored months (``stored_frame``).
        months = {day.replace(day=1).isoformat(): day for day in columns}
        rows = queries["statuses"].rows(ids=list(bare))
        for day, found in pus_months.statuses_by_month(rows, months).items():
            for pk, status, jalur in found:
                row = bare[pk]
                row.cells[columns[day]], row.jalur[columns[day]] = status, jalur or ""
                # A row of ``stored_frame`` learns her last month from her cells.
                if row.last_day is None or row.last_day < day:
                    row.last_day = day
    found = {values["pk"]: values for values in known}
    if not found:
        rows = queries["details"].rows(ids=list(bare))
        found = {row[0]: dict(zip(DETAIL_FIELDS, row, strict=True)) for row in rows}
    families = {values["family_id"] for values in found.values()}
    kids = _kids(queries["children"].rows(ids=list(families)))
    for index, row in enumerate(register.rows):
        if row.pk in found:
            full = _row(found[row.pk], row.last_day, kids, len(row.cells))
            full.cells, full.jalur, full.region_name = row.cells, row.jalur, row.region_name
            register.rows[index] = full


def build_register(
    members: QuerySet[Member],
    year: int,
    months: Iterable[int] = range(1, 13),
    today: dt.date | None = None,
    details: bool = True,
) -> Register:
    """The register of ``members`` (already scoped) for ``months`` of ``year``.

    A wife's age is taken at the end of the last month she is a PUS in the period; children
    are counted at the end of the period's last month that has begun. ``details=False``
    builds each row with its sort key and cells only (the footer is complete either way):
    a page then completes its shown rows with ``add_details``. (A page of stored months
    takes ``stored_frame`` instead.)
    """
    today = today or dates.today()
    months = list(months)
    due = [dt.date(year, m, 1) <= today for m in months]
    last_day: dict[int, dt.date] = {}  # each PUS: the last month's end she is one in the period
    ends = [month_end(year, m) for m, begun in zip(months, due, strict=True) if begun]
    stored = pus_months.statuses_of_months(members, ends)
    # Per column: (member pk, status, jalur) of each PUS; none for months not begun.
    monthly: list[list[tuple[int, str, str | None]]] = []
    for month, begun in zip(months, due, strict=True):
        day = month_end(year, month)
        found = stored[day] if begun else []
        for pk, _status, _jalur in found:
            last_day[pk] = day
        monthly.append(found)
    kids = _kids(_children(members, ends[-1])) if last_day and details else {}
    wives = members.filter(sex=codes.Sex.FEMALE, marital_status__in=EVER_MARRIED).order_by()
    # Only the women who are a PUS in the period (not every wife of the region ever married).
    pks = sorted(last_day)
    size = len(months)
    rows = {
        values["pk"]: (
            _row(values, last_day[values["pk"]], kids, size)
            if details
            else _bare_row(values, last_day[values["pk"]], size)
        )
        for start in range(0, len(pks), PKS_PER_QUERY)
        for values in wives.filter(pk__in=pks[start : start + PKS_PER_QUERY]).values(
            *(DETAIL_FIELDS if details else SORT_FIELDS)
        )
    }
    for index, found in enumerate(monthly):
        for pk, status, jalur in found:
            row = rows[pk]
            row.cells[index], row.jalur[index] = status, jalur or ""
    ordered = sorted(rows.values(), key=lambda r: (r.region_code, r.family_no, r.wife_name))
    # Every PUS of a month has its row, so a month's footer counts its statuses directly.
    footer = [
        footer_figures([s for _pk, s, _j in found], [j or "" for _pk, _s, j in found])
        if begun
        else None
        for found, begun in zip(monthly, due, strict=True)
    ]
    return Register(year, months, due, ordered, footer, ends[-1] if ends else None)


def stored_frame(
    year: int, months: Iterable[int] = range(1, 13), today: dt.date | None = None
) -> Register | None:
    """A register page's frame when every begun month of the period is stored, else None:
    the register without rows nor footer yet (``page_queries``: its footer from the grouped
    counts of the region's stored months, its women filtered, ordered and paged in SQL,
    their rows completed by ``complete_rows``), so no Python walk over the thousands of PUS
    of a large desa."""
    today = today or dates.today()
    months = list(months)
    due = [dt.date(year, m, 1) <= today for m in months]
    ends = [month_end(year, m) for m, begun in zip(months, due, strict=True) if begun]
    if pus_months.all_stored(ends) is None:
        return None
    return Register(year, months, due, [], [None] * len(months), ends[-1], cells_pending=True)


def page_queries(
    user: Any, region_code: str, months: tuple[dt.date, ...], statuses: tuple[str, ...]
) -> dict[str, QuerySet | Compiled]:
    """The queries of a page of a register of stored months (``stored_frame``) of the region
    ``region_code`` (a desa or below in the user's scope), ``months`` the firsts of the begun
    months, ``statuses`` those the last one must show (none: every PUS): the footer's counts
    (``counts``, ``with_footer``), how many women the page lists and how to order them
    (``counted``, ``counted_in_order``) and the shown rows' details (``detail_queries``).
    Compiled once per key (``impsmart.compiled``): building them cost ten times running them.
    """
    members = Member.objects.visible_to(user).within(region_code)
    women = stored_women(members, months, statuses)
    if statuses or min(months) != min(months).replace(month=1):
        counted = _counted(women, stored_rows(region_code, months, statuses))
    else:
        counted = _counted_by_year(user, region_code, months)
    return {
        "counts": pus_months.counts_query(region_code, months, below=_below_dusun(region_code)),
        "counted": counted,
        **detail_queries(members, months),
    }


def page_of_women(
    user: Any,
    region_code: str,
    months: tuple[dt.date, ...],
    statuses: tuple[str, ...],
    below: bool,
    start: int,
    end: int,
) -> dict[str, QuerySet]:
    """The women ``start`` to ``end`` of ``page_queries`` in the register's order (``below``:
    some family lies below a dusun, ``counted_in_order``), with their ``DETAIL_FIELDS``."""
    ordered = in_order(women_of(user, region_code, months, statuses), region_code, below)
    return {"rows": ordered.values_list(*DETAIL_FIELDS)[start:end]}


def with_footer(register: Register, counts: Iterable[tuple]) -> None:
    """Fill the footer of ``stored_frame``'s register from its ``counts`` query's rows."""
    ends = {first: month_end(first.year, first.month) for first in register.begun}
    found = pus_months.counts_of_months(counts, ends)
    register.footer = [
        footer_of_counts(found[month_end(register.year, m)]) if begun else None
        for m, begun in zip(register.months, register.due, strict=True)
    ]


def women_of(
    user: Any, region_code: str, months: Sequence[dt.date], statuses: Sequence[str] = ()
) -> QuerySet[Member]:
    """``stored_women`` of the region ``region_code`` (a desa or below) in the user's scope."""
    return stored_women(Member.objects.visible_to(user).within(region_code), months, statuses)


def stored_women(
    members: QuerySet[Member], months: Sequence[dt.date], statuses: Sequence[str] = ()
) -> QuerySet[Member]:
    """The women of ``members`` with a stored row in ``months`` (the firsts of a register's
    begun months) and, with ``statuses``, one of them in the last month.

    A stored row is a PUS's, so a woman ever married (``status.pus_on``) and refreshed
    whenever her sex or marital status changes: no need to read each member's own row (the
    costly part of walking a large desa) to filter the wives first."""
    in_period = PusMonth.objects.filter(
        member=OuterRef("pk"), month__gte=min(months), month__lte=max(months)
    )
    women = members.filter(Exists(in_period))
    if statuses:
        found = PusMonth.objects.filter(
            member=OuterRef("pk"), month=months[-1], status__in=statuses
        )
        women = women.filter(Exists(found))
    return women


def bare_rows(found: Iterable[dict], size: int) -> list[RegisterRow]:
    """Rows of ``SORT_FIELDS`` values without cells nor last month (``complete_rows``)."""
    return [_bare_row(values, None, size) for values in found]


SEARCH_FIELDS = [*SORT_FIELDS, "nik", "spouse__name"]


def stored_rows(
    region_code: str, months: Sequence[dt.date], statuses: Sequence[str] = ()
) -> QuerySet[PusMonth]:
    """The stored rows that make ``stored_women`` for the region ``region_code``: one per
    woman and month of ``months``; with ``statuses``, those of the last month with one.

    The stored rows carry their family's region code (every write that changes it refreshes
    every month), so they name the same women as walking the region's members does."""
    rows = PusMonth.objects.within(region_code)
    if statuses:
        return rows.filter(month=months[-1], status__in=statuses)
    return rows.filter(month__in=list(months))


def _dusun_start(region_code: str) -> int:
    """Where the dusun segment of a code below the desa or dusun ``region_code`` starts."""
    segments = region_code.split(".")
    if len(segments) < DUSUN_SEGMENTS - 1:
        raise ValueError(f"a register page is for a desa or below, not {region_code}")
    return len(".".join(segments[: DUSUN_SEGMENTS - 1])) + 2


def _below(code: Combinable, start: int) -> Combinable:
    return StrIndex(Substr(code, start), Value("."))  # 0 unless below a dusun


def _counted(women: QuerySet[Member], rows: QuerySet[PusMonth] | None = None) -> QuerySet:
    """One row: how many ``women`` there are.

    On PostgreSQL it counts ``rows`` (``stored_rows``) when given, which one index holds
    (region code, month, member): walking every member of a large desa to test her months
    cost 30 ms there."""
    if rows is not None and connection.vendor == "postgresql":
        return aggregate(rows, n=Count("member_id", distinct=True))
    return aggregate(women, n=Count("pk"))


def _counted_by_year(user: Any, region_code: str, months: Sequence[dt.date]) -> QuerySet:
    """One row: how many ``stored_women`` of ``months`` (January to a month of one year) the
    region ``region_code`` has, as the women whose first stored month of the year is among
    them (``PusYear``): one row per woman to count, where the stored months have one per
    month (29,399 for the largest desa's year: 18 ms on PostgreSQL, 28 ms on SQLite)."""
    first = min(months)
    years = PusYear.objects.visible_to(user).within(region_code)
    return aggregate(years.filter(year=first.year, first_month__lte=max(months)), n=Count("*"))


def _below_dusun(region_code: str) -> Max:
    """Above 0 when some family has a code below a dusun (``in_order``): of the region codes
    of ``PusTally`` (``page_queries``' counts: a few per dusun), or of ``PusMonth``."""
    return Max(_below(F("region_code"), _dusun_start(region_code)))


def in_order(women: QuerySet[Member], region_code: str, below: bool) -> QuerySet[Member]:
    """``women`` in the register's order (``RegisterRow.region_code``, family number, wife's
    name) for the region ``region_code``, a desa or below; ``below``: some family among them
    has a code below a dusun (``_below_dusun``).

    ``RegisterRow.region_code`` is the family's code cut after its dusun segment. When no
    family among them has a code below a dusun (RW, RT), that is the family's code itself,
    and the database walks the (region code, family number) index in order (SQLite's, or the
    "C" one of PostgreSQL), reading the shown rows only; else the cut code is computed and
    every row sorted."""
    start = _dusun_start(region_code)
    code = F("family__region_code")
    if below:
        dot = _below(code, start)
        code = Case(When(GreaterThan(dot, 0), then=Substr(code, 1, dot + start - 2)), default=code)
    order = [code_order(code), code_order("family__kk_number"), code_order("name"), "pk"]
    return women.order_by(*order)


def counted_in_order(
    women: QuerySet[Member], region_code: str, months: Sequence[dt.date]
) -> tuple[int, QuerySet[Member]]:
    """How many ``women`` (``stored_women`` of ``months``) there are (``_counted``), and they
    in order (``in_order``)."""
    [(n,)] = Compiled.of(_counted(women)).rows()
    rows = stored_rows(region_code, months)
    [(below,)] = Compiled.of(aggregate(rows, below=_below_dusun(region_code))).rows()
    return n, in_order(women, region_code, bool(below))


def sort_key(values: dict) -> tuple:
    """``counted_in_order``'s order in Python, for rows of ``SORT_FIELDS`` values."""
    dusun = ".".join(values["family__region_code"].split(".")[:DUSUN_SEGMENTS])
    return dusun, values["family__kk_number"], values["name"], values["pk"]


def _common(row: RegisterRow) -> list:
    return [
        row.region_code,
        row.family_no,
        row.wife_name,
        row.wife_nik,
        row.wife_age,
        row.husband_name,
        row.children,
        "" if row.youngest_child_age is None else row.youngest_child_age,
        row.ks_stage,
    ]


def jkn_text(value: bool | None) -> str:
    return "" if value is None else ("ya" if value else "tidak")


def write_csv(register: Register, out: IO[str]) -> int:
    """The register as CSV; returns the number of rows.

    A one-month register has the CLI contract's columns (status, jalur). A longer one has
    one column per month (``YYYY-MM``) instead.
    """
    writer = spreadsheet.CsvWriter(out)
    if len(register.months) == 1:
        writer.writerow(MONTH_CSV_COLUMNS)
        for row in register.rows:
            writer.writerow([*_common(row), row.cells[0], row.jalur[0], jkn_text(row.jkn)])
        return len(register.rows)
    months = [f"{register.year}-{m:02d}" for m in register.months]
    writer.writerow([*MONTH_CSV_COLUMNS[:9], "jkn", *months])
    for row in register.rows:
        writer.writerow([*_common(row), jkn_text(row.jkn), *row.cells])
    return len(register.rows)


def name_regions(register: Register, known: dict[str, str] | None = None) -> None:
    """Fill each row's ``region_name`` (its dusun or desa): from ``known`` names (of regions
    a page shows anyway), the others in one query."""
    names = dict(known or {})
    wanted = {row.region_code for row in register.rows} - set(names)
    if wanted:
        names |= dict(Region.objects.filter(code__in=wanted).values_list("code", "name"))
    for row in register.rows:
        row.region_name = names.get(row.region_code, row.region_code)
