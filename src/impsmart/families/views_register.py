"""Register PUS pages and downloads (domain.md §6) for a desa, dusun, RW or RT in scope."""

from __future__ import annotations

import html
import io

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.families import codes, register_paper
from impsmart.families.identity import ascii_digits
from impsmart.families.models import Member
from impsmart.families.register import (
    Register,
    add_details,
    build_register,
    name_regions,
    write_csv,
)
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


def _members(request, code: str, levels: set[str]) -> tuple[Region, QuerySet[Member]]:
    region = get_visible(Region.objects, request.user, code=code)
    if region.level not in levels:
        raise Http404(_("Register PUS dibuat per desa/kelurahan, dusun, RW atau RT."))
    return region, Member.objects.visible_to(request.user).within(region.code)


def _register(request, code: str, levels: set[str]) -> tuple[Region, Register]:
    region, members = _members(request, code, levels)
    return region, build_register(members, _year(request))


def _period(register: Register) -> str:
    return _("Tahun %(year)s") % {"year": register.year}


def _text(value) -> str:
    return html.escape(str(value))


def _row_html(row, number: int, region_code: str, yes: str, no: str) -> SafeString:
    """One register row as HTML: built here, not in a template loop, as the loop over a page
    of rows and their twelve month cells was the page's main cost."""
    where = "" if row.region_code == region_code else f" · {_text(row.region_name)}"
    jkn = "–" if row.jkn is None else yes if row.jkn else no
    youngest = "–" if row.youngest_child_age is None else row.youngest_child_age
    cells = "".join(
        f'<td class="month{" unknown" if c == "?" else ""}">{_text(c)}</td>' for c in row.cells
    )
    return mark_safe(  # noqa: S308 - every value above is escaped
        f'<th class="name" scope="row">{number}. {_text(row.wife_name)}'
        f"<small>{_text(row.husband_name)}{where}</small></th>\n"
        f"      <td>{_text(row.wife_nik)}</td>\n      <td>{row.wife_age}</td>\n"
        f"      <td>{row.children}</td>\n      <td>{youngest}</td>\n"
        f"      <td>{_text(row.ks_label or '–')}</td>\n      <td>{jkn}</td>\n      {cells}"
    )


def _matches(row, status: str, index: int, query: str) -> bool:
    """``status`` in the column ``index`` (PA: any method), and ``query`` in a name or number."""
    cell = row.cells[index] if index >= 0 else ""
    if status == "PA" and cell not in codes.Method.values:
        return False
    if status and status != "PA" and cell != status:
        return False
    fields = (row.wife_name, row.husband_name or "", row.wife_nik or "", row.family_no or "")
    return not query or any(query in value.lower() for value in fields)


def _page_rows(request, register: Register) -> tuple[Page, dict]:
    """The rows of one page, filtered by the latest begun month's status and by a text."""
    status = params.choice(request.GET, "status", "", STATUS_CHOICES)
    query = ascii_digits(params.text(request.GET, "q").strip())
    index = max((i for i, begun in enumerate(register.due) if begun), default=-1)
    rows = [row for row in register.rows if _matches(row, status, index, query.lower())]
    page = Paginator(rows, PAGE_SIZE).get_page(params.integer(request.GET, "page", 1, minimum=1))
    return page, {
        "filters": {"status": status, "q": query},
        "filtered": bool(status or query),
        "status_month": register.month_labels[index] if index >= 0 else "",
    }


@permission_required("view_personal")
def register_page(request, code):
    """The register of a desa or below, 100 rows a page; the footer counts the whole region."""
    region, members = _members(request, code, PAGE_LEVELS)
    # A text search reads names and numbers of every row, a status filter every row's cells;
    # otherwise only the shown page's rows are completed (a large desa has thousands of PUS).
    searching = bool(params.text(request.GET, "q").strip())
    filtering = searching or bool(params.choice(request.GET, "status", "", STATUS_CHOICES))
    register = build_register(members, _year(request), details=searching, cells=filtering)
    page, filters = _page_rows(request, register)
    register.rows = list(page.object_list)
    add_details(register, members)
    name_regions(register)
    this_year = dates.today().year
    context = {
        "region": region,
        "ancestors": region.ancestors(),
        "children": region.children.visible_to(request.user).order_by("code"),
        "register": register,
        "page": page,
        "rows": [
            _row_html(row, number, region.code, _("Ya"), _("Tidak"))
            for number, row in enumerate(register.rows, page.start_index())
        ],
        "footer": register.footer_table(),
        "years": range(this_year, this_year - 6, -1),
        "status_key": codes.status_key(),
        "statuses": STATUS_CHOICES,
        **filters,
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
