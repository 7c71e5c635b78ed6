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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.db import connection
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _

from impsmart import dates, spreadsheet
from impsmart.accounts.scope import code_order
from impsmart.dates import age_on, month_end
from impsmart.families import codes, pus_months
from impsmart.families.models import Member, PusMonth
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
    cells_pending: bool = False  # bare rows without their cells yet (``add_details``)

    @property
    def month_labels(self) -> list[str]:
        return [MONTH_LABELS[m - 1] for m in self.months]

    def footer_table(self) -> list[tuple[str, str, list[int | None]]]:
        """(code, label, one figure per column) for each footer row."""
        return [
            (code, label, [f[code] if f else None for f in self.footer])
            for code, label in FOOTER_ROWS
        ]


def _children(members: QuerySet[Member], day: dt.date) -> dict[int, tuple[int, dt.date]]:
    """Per family: (children present on ``day``, the youngest one's birth date)."""
    present = Q(joined_on__isnull=True) | Q(joined_on__lte=day)
    present &= Q(left_on__isnull=True) | Q(left_on__gt=day)
    rows = (
        members.filter(present, relation=codes.Relation.CHILD, birth_date__lte=day)
        .order_by()
        .values("family_id")
        .annotate(n=Count("pk"), youngest=Max("birth_date"))
    )
    return {r["family_id"]: (r["n"], r["youngest"]) for r in rows}


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


def add_details(register: Register, members: QuerySet[Member], known: Iterable[dict] = ()) -> None:
    """Complete the bare rows of ``register.rows`` (one page of them): two queries, however
    many rows the whole register has; one when ``known`` holds the rows' ``DETAIL_FIELDS``
    values already (read with the page)."""
    bare = {row.pk: row for row in register.rows if row.pk}
    if not bare:
        return
    if register.cells_pending:
        columns = {
            month_end(register.year, m): index
            for index, (m, begun) in enumerate(zip(register.months, register.due, strict=True))
            if begun
        }
        # Pending cells are those of stored months (``stored_register``).
        shown = members.filter(pk__in=list(bare))
        months = {day.replace(day=1).isoformat(): day for day in columns}
        for day, found in pus_months.stored_statuses(shown, months).items():
            for pk, status, jalur in found:
                row = bare[pk]
                row.cells[columns[day]], row.jalur[columns[day]] = status, jalur or ""
                # A row of ``stored_register`` learns her last month from her cells.
                if row.last_day is None or row.last_day < day:
                    row.last_day = day
    found = {values["pk"]: values for values in known}
    if not found:
        wives = members.filter(pk__in=list(bare)).order_by().values(*DETAIL_FIELDS)
        found = {values["pk"]: values for values in wives}
    families = {values["family_id"] for values in found.values()}
    kids = _children(members.filter(family_id__in=families), register.children_day)
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
    takes ``stored_register`` instead.)
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
    kids = _children(members, ends[-1]) if last_day and details else {}
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


def stored_register(
    members: QuerySet[Member],
    region_code: str,
    year: int,
    months: Iterable[int] = range(1, 13),
    today: dt.date | None = None,
) -> tuple[Register, QuerySet[Member]] | None:
    """A register page's frame when every begun month of the period is stored, else None.

    ``members`` are those of the region ``region_code`` (a desa or below) the user sees, that
    is all of them. Returns the register without rows (its footer from the grouped counts of
    the region's stored months) and the PUS women of the period, for the caller to filter
    (``with_status``), order and page in SQL (``counted_in_order``) and complete with
    ``add_details`` from bare rows (``bare_rows``): no Python walk over the thousands of PUS
    of a large desa.
    """
    today = today or dates.today()
    months = list(months)
    due = [dt.date(year, m, 1) <= today for m in months]
    ends = [month_end(year, m) for m, begun in zip(months, due, strict=True) if begun]
    stored = pus_months.all_stored(ends)
    if stored is None:
        return None
    counts = pus_months.counts_of_months(region_code, stored)
    footer = [
        footer_of_counts(counts[month_end(year, m)]) if begun else None
        for m, begun in zip(months, due, strict=True)
    ]
    register = Register(year, months, due, [], footer, ends[-1], cells_pending=True)
    in_period = PusMonth.objects.filter(
        member=OuterRef("pk"), month__gte=min(stored), month__lte=max(stored)
    )
    # A stored row is a PUS's, so a woman ever married (``status.pus_on``) and refreshed
    # whenever her sex or marital status changes: no need to read each member's own row
    # (the costly part of walking a large desa) to filter the wives first.
    women = members.filter(Exists(in_period))
    return register, women


def with_status(women: QuerySet[Member], day: dt.date, statuses: list[str]) -> QuerySet[Member]:
    """The women of ``stored_register`` whose stored status on ``day`` is one of ``statuses``."""
    found = PusMonth.objects.filter(
        member=OuterRef("pk"), month=day.replace(day=1), status__in=statuses
    )
    return women.filter(Exists(found))


def bare_rows(found: Iterable[dict], size: int) -> list[RegisterRow]:
    """Rows of ``SORT_FIELDS`` values without cells nor last month (``add_details``)."""
    return [_bare_row(values, None, size) for values in found]


SEARCH_FIELDS = [*SORT_FIELDS, "nik", "spouse__name"]


def stored_rows(
    register: Register, region_code: str, day: dt.date | None = None, statuses: list[str] = ()
) -> QuerySet[PusMonth]:
    """The stored rows that make the women of ``stored_register`` (``register``'s frame) for
    the region ``region_code``: one per woman and begun month of the period; with
    ``statuses``, those of ``day``'s month with one of them (``with_status``).

    The stored rows carry their family's region code (every write that changes it refreshes
    every month), so they name the same women as walking the region's members does."""
    if statuses:
        return PusMonth.objects.within(region_code).filter(
            month=day.replace(day=1), status__in=statuses
        )
    begun = [
        dt.date(register.year, m, 1)
        for m, due in zip(register.months, register.due, strict=True)
        if due
    ]
    return PusMonth.objects.within(region_code).filter(month__in=begun)


def counted_in_order(
    women: QuerySet[Member], region_code: str, rows: QuerySet[PusMonth] | None = None
) -> tuple[int, QuerySet[Member]]:
    """How many ``women`` (of ``stored_register``) there are, and they in the register's order
    (``RegisterRow.region_code``, family number, wife's name), for the region ``region_code``,
    a desa or below.

    ``RegisterRow.region_code`` is the family's code cut after its dusun segment. When no
    family among them has a code below a dusun (RW, RT), that is the family's code itself,
    and the database walks the (region code, family number) index in order (SQLite's, or the
    "C" one of PostgreSQL), reading the shown rows only; else the cut code is computed and
    every row sorted. The query that counts them tells which. On PostgreSQL it counts
    ``rows`` (``stored_rows``) when given, which one index holds (region code, month,
    member): walking every member of a large desa to test her months cost 30 ms there.
    """
    segments = region_code.split(".")
    if len(segments) < DUSUN_SEGMENTS - 1:
        raise ValueError(f"a register page is for a desa or below, not {region_code}")
    start = len(".".join(segments[: DUSUN_SEGMENTS - 1])) + 2  # where the dusun segment starts

    def below(code: Combinable) -> Combinable:
        return StrIndex(Substr(code, start), Value("."))  # 0 unless below a dusun

    if rows is not None and connection.vendor == "postgresql":
        found = rows.aggregate(
            n=Count("member_id", distinct=True), below=Max(below(F("region_code")))
        )
    else:
        found = women.aggregate(n=Count("pk"), below=Max(below(F("family__region_code"))))
    code = F("family__region_code")
    if found["below"]:
        dot = below(code)
        code = Case(When(GreaterThan(dot, 0), then=Substr(code, 1, dot + start - 2)), default=code)
    order = [code_order(code), code_order("family__kk_number"), code_order("name"), "pk"]
    return found["n"], women.order_by(*order)


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


def name_regions(register: Register) -> None:
    """Fill each row's ``region_name`` (its dusun or desa), in one query."""
    wanted = {row.region_code for row in register.rows}
    names = dict(Region.objects.filter(code__in=wanted).values_list("code", "name"))
    for row in register.rows:
        row.region_name = names.get(row.region_code, row.region_code)
