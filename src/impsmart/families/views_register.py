"""Register PUS pages and downloads (domain.md §6) for a desa, dusun, RW or RT in scope."""

from __future__ import annotations

import functools
import html
import io

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from impsmart import compiled, dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.families import codes, register_paper
from impsmart.families.identity import ascii_digits
from impsmart.families.models import Member
from impsmart.families.register import (
    DETAIL_FIELDS,
    METHODS,
    MONTH_LABELS,
    SEARCH_FIELDS,
    Register,
    add_details,
    bare_rows,
    build_register,
    complete_rows,
    name_regions,
    page_of_women,
    page_queries,
    sort_key,
    stored_frame,
    with_footer,
    women_of,
    write_csv,
)
from impsmart.regions import lookup
from impsmart.regions.models import Level, Region

PAGE_LEVELS = {Level.DESA, Level.DUSUN, Level.RW, Level.RT}
# A koordinator may download a whole kecamatan; the page stays at desa level and below.
DOWNLOAD_LEVELS = PAGE_LEVELS | {Level.KECAMATAN}
FIRST_YEAR = 2000
PAGE_SIZE = 100
# The status filter: any method (PA), each method, then the other statuses of the register.
STATUS_CHOICES = {
    "PA": gettext_lazy("Peserta KB aktif (semua metode)"),
    **{m.value: m.label for m in codes.Method},
    "H": gettext_lazy("Hamil"),
    **{i.value: i.label for i in codes.Intention},
    "?": gettext_lazy("Belum diketahui"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    """``?tahun=YYYY``, a past or current year; the current year when missing."""
    this_year = dates.today().year
    return params.integer(request.GET, "tahun", this_year, FIRST_YEAR, this_year)


def _frame(request, code: str, levels: set[str]) -> lookup.Frame:
    """The region in scope with its parent, ancestors and children (``regions.lookup``)."""
    found = lookup.frame(request.user, code)
    if found.region.level not in levels:
        raise Http404(_("Register PUS dibuat per desa/kelurahan, dusun, RW atau RT."))
    return found


def _members(request, region: Region) -> QuerySet[Member]:
    return Member.objects.visible_to(request.user).within(region.code)


def _register(request, code: str, levels: set[str]) -> tuple[Region, Register]:
    region = _frame(request, code, levels).region
    return region, build_register(_members(request, region), _year(request))


def _period(register: Register) -> str:
    return _("Tahun %(year)s") % {"year": register.year}


def _text(value) -> str:
    return html.escape(str(value))


def _row_html(row, number: int, region_code: str, words: dict) -> SafeString:
    """One register row as HTML: built here, not in a template loop, as the loop over a page
    of rows and their twelve month cells was the page's main cost. ``words`` holds the
    translated yes, no and tahapan KS labels (translated once per page, not once per row)."""
    where = "" if row.region_code == region_code else f" · {_text(row.region_name)}"
    jkn = "–" if row.jkn is None else words["yes"] if row.jkn else words["no"]
    youngest = "–" if row.youngest_child_age is None else row.youngest_child_age
    cells = "".join(map(_cell, row.cells))
    ks = words[row.ks_stage] if row.ks_stage else "–"
    return mark_safe(  # noqa: S308 - every value above is escaped
        f'<th class="name" scope="row">{number}. {_text(row.wife_name)}'
        f"<small>{_text(row.husband_name)}{where}</small></th>\n"
        f"      <td>{_text(row.wife_nik)}</td>\n      <td>{row.wife_age}</td>\n"
        f"      <td>{row.children}</td>\n      <td>{youngest}</td>\n"
        f"      <td>{ks}</td>\n      <td>{jkn}</td>\n      {cells}"
    )


@functools.lru_cache(maxsize=256)
def _cell(code: str) -> str:
    """One month's cell (a status code, never translated): built once per code."""
    return f'<td class="month{" unknown" if code == "?" else ""}">{_text(code)}</td>'


@functools.lru_cache(maxsize=16)
def _words(language: str) -> dict[str, str]:
    """The words of ``_row_html``, escaped, in ``language`` (the request's)."""
    words = {stage.value: _text(stage.label) for stage in codes.KsStage}
    return words | {"yes": _text(_("Ya")), "no": _text(_("Tidak"))}


def _html(parts) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 - callers escape every value


def _footer_html(footer: list[tuple[str, str, list[int | None]]]) -> SafeString:
    """The footer's rows: each its label and one cell per month (blank for months not
    begun), laid out as the template loop that built them before."""
    return _html(
        f'\n    <tr class="footer-{_text(code)}">\n      <th class="name" scope="row">'
        f'{_text(label)}</th>\n      <td colspan="6"></td>\n      '
        + "".join(f'<td class="month">{"" if n is None else n}</td>' for n in figures)
        + "\n    </tr>\n  "
        for code, label, figures in footer
    )


def _options(choices, selected) -> SafeString:
    """``<option>``s of (value, label) pairs, ``selected`` marked."""
    return _html(
        f'<option value="{_text(value)}"{" selected" if value == selected else ""}>'
        f"{_text(label)}</option>"
        for value, label in choices
    )


def _fixed_parts(register: Register, status: str) -> dict[str, SafeString]:
    """The page's lists that do not depend on the rows (years, statuses, month headings, the
    key of codes) as HTML: built here, the template loops over them cost more than the rows."""
    months = tuple(register.months)
    return _fixed_html(get_language(), dates.today().year, register.year, months, status)


@functools.lru_cache(maxsize=256)
def _fixed_html(
    language: str, this_year: int, year: int, months: tuple[int, ...], status: str
) -> dict[str, SafeString]:
    """``_fixed_parts`` in ``language`` (the request's), built once per such key."""
    years = range(this_year, this_year - 6, -1)
    key = codes.status_key()
    labels = (MONTH_LABELS[m - 1] for m in months)
    return {
        "year_options": _options(((y, y) for y in years), year),
        "status_options": _options(STATUS_CHOICES.items(), status),
        "month_headings": _html(f'<th scope="col" class="month">{_text(m)}</th>' for m in labels),
        "status_key": _html(f"<div><dt>{_text(c)}</dt><dd>{_text(t)}</dd></div>" for c, t in key),
    }


def _matches(row, status: str, index: int, query: str) -> bool:
    """``status`` in the column ``index`` (PA: any method), and ``query`` in a name or number."""
    cell = row.cells[index] if index >= 0 else ""
    if status == "PA" and cell not in codes.Method.values:
        return False
    if status and status != "PA" and cell != status:
        return False
    fields = (row.wife_name, row.husband_name or "", row.wife_nik or "", row.family_no or "")
    return not query or any(query in value.lower() for value in fields)


def _filters(register: Register, status: str, query: str) -> dict:
    index = max((i for i, begun in enumerate(register.due) if begun), default=-1)
    return {
        "filters": {"status": status, "q": query},
        "filtered": bool(status or query),
        "status_month": register.month_labels[index] if index >= 0 else "",
    }


def _page_rows(register: Register, status: str, query: str, number: int) -> Page:
    """The rows of one page, filtered by the latest begun month's status and by a text."""
    index = max((i for i, begun in enumerate(register.due) if begun), default=-1)
    rows = [row for row in register.rows if _matches(row, status, index, query.lower())]
    return Paginator(rows, PAGE_SIZE).get_page(number)


def _live_page(members, year: int, status: str, query: str, number: int):
    """A page of a register with months derived live: the whole register built in Python."""
    # A text search reads names and numbers of every row; otherwise only the shown page's
    # rows are completed.
    register = build_register(members, year, details=bool(query))
    page = _page_rows(register, status, query, number)
    register.rows = list(page.object_list)
    return register, page


def _searched(women, query: str) -> list[dict]:
    """The women whose name, husband's name, NIK or family number holds ``query`` (as
    ``_matches``: Python's lower case, not the database's)."""
    needle = query.lower()
    fields = ("name", "spouse__name", "nik", "family__kk_number")
    found = [
        values
        for values in women.values(*SEARCH_FIELDS)
        if any(needle in (values[field] or "").lower() for field in fields)
    ]
    return sorted(found, key=sort_key)


def _stored_page(user, register: Register, region_code: str, status: str, query: str, number: int):
    """A page of a register of stored months (``stored_frame``): filtered, ordered and paged
    in SQL, its queries compiled once per user, region, months and status filter."""
    statuses = () if not status else tuple(METHODS) if status == "PA" else (status,)
    key = (region_code, register.begun, statuses)
    queries = compiled.queries(page_queries, user, *key)
    counts = queries["counts"].rows()
    with_footer(register, counts)
    if query:
        women = women_of(user, region_code, *key[1:])
        page = Paginator(_searched(women, query), PAGE_SIZE).get_page(number)
        found = list(page.object_list)
    else:
        [(total,)] = queries["counted"].rows()
        below = max((row[-1] for row in counts), default=0)  # some family below a dusun
        page = Paginator(range(total), PAGE_SIZE).get_page(number)
        start = max(page.start_index() - 1, 0)
        # Up to a full page whatever the count: the key holds no figure that a write changes.
        shown = compiled.queries(page_of_women, user, *key, bool(below), start, start + PAGE_SIZE)
        # The shown rows' details come with them: no second query by their ids.
        found = [dict(zip(DETAIL_FIELDS, row, strict=True)) for row in shown["rows"].rows()]
    register.rows = bare_rows(found, len(register.months))
    complete_rows(register, queries, [] if query else found)
    return register, page


@permission_required("view_personal")
def register_page(request, code):
    """The register of a desa or below, 100 rows a page; the footer counts the whole region."""
    frame = _frame(request, code, PAGE_LEVELS)
    region = frame.region
    query = ascii_digits(params.text(request.GET, "q").strip())
    status = params.choice(request.GET, "status", "", STATUS_CHOICES)
    year = _year(request)
    number = params.integer(request.GET, "page", 1, minimum=1)
    # A large desa has thousands of PUS: when its months are stored, SQL filters, orders and
    # pages them, and only the shown page's rows are completed.
    register = stored_frame(year)
    if register is None:
        members = _members(request, region)
        register, page = _live_page(members, year, status, query, number)
        add_details(register, members)
    else:
        register, page = _stored_page(request.user, register, region.code, status, query, number)
    ancestors, children = frame.ancestors, frame.children
    # A row's region (its dusun, or the desa) is one of these: no query for their names.
    name_regions(register, {r.code: r.name for r in [region, *ancestors, *children]})
    words = _words(get_language())
    footer = register.footer_table()
    context = {
        "region": region,
        "ancestors": ancestors,
        "children": children,
        "register": register,
        "page": page,
        # The body's rows as one piece of HTML, laid out as a template loop would.
        "rows": mark_safe(  # noqa: S308 - each row is escaped by _row_html
            "".join(
                f"\n    <tr>\n      {_row_html(row, n, region.code, words)}\n    </tr>\n  "
                for n, row in enumerate(register.rows, page.start_index())
            )
        ),
        "footer": footer,
        "footer_html": _footer_html(footer),
        **_fixed_parts(register, status),
        **_filters(register, status, query),
    }
    if request.headers.get("HX-Request"):
        return render(request, "families/register_table.html", context)
    return render(request, "families/register.html", context)


def _download(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("view_personal")
def register_xlsx(request, code):
    region, register = _register(request, code, DOWNLOAD_LEVELS)
    out = io.BytesIO()
    register_paper.write_xlsx(register, region, _period(register), out)
    return _download(out.getvalue(), XLSX, f"register-pus-{region.code}-{register.year}.xlsx")


@permission_required("view_personal")
def register_pdf(request, code):
    region, register = _register(request, code, DOWNLOAD_LEVELS)
    body = register_paper.to_pdf(register, region, _period(register))
    return _download(body, "application/pdf", f"register-pus-{region.code}-{register.year}.pdf")


@permission_required("view_personal")
def register_csv(request, code):
    region, register = _register(request, code, DOWNLOAD_LEVELS)
    out = io.StringIO()
    write_csv(register, out)
    filename = f"register-pus-{region.code}-{register.year}.csv"
    return _download(out.getvalue(), "text/csv; charset=utf-8", filename)
