"""Paper forms: one layout for the PDF (WeasyPrint) and the xlsx print of a table form.

A ``Grid`` is a form as the officers print it: a title, a heading block (wilayah, bulan/tahun,
tingkat, status), key columns repeated on every page (row number, label), the figure columns,
and the signature block. ``layout`` decides the paper once, for both formats:

- widths come from the content; body cells do not wrap, except in a column with ``wrap`` (free
  text such as a ledger's description), which wraps at that many characters and makes its row
  as tall as its lines;
- portrait when the table fits A4 portrait, else landscape;
- figure columns that do not fit continue on the next page in column groups, each as many
  consecutive columns as fit beside the key columns (``column_groups``), the keys repeated;
- rows are cut into page chunks by their heights, the last one leaving room for the signatures.

The PDF then draws one table per (column group, row chunk); the xlsx gets the same manual row
and column breaks, repeated title rows and key columns, and a scale at which every such page
fits. Both therefore print the same number of pages. New forms build a ``Grid`` and call
``grid_pdf`` / ``grid_xlsx``; free-form documents (a slip, minutes) extend
``paper/base.html`` and call ``render_pdf``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from impsmart import spreadsheet

MM = 72 / 25.4  # points per millimetre
A4 = (210 * MM, 297 * MM)  # portrait width, height in points
# Page margins (mm): the bottom one holds "Halaman x dari y".
MARGIN = {"top": 10, "right": 10, "bottom": 14, "left": 10}
FONT_PT = 7.0  # table type: legible on paper, the smallest the forms use
CHAR_PT = 0.56 * FONT_PT  # DejaVu Sans: average advance of label text, with some room
CELL_PAD_PT = 2.5  # left and right padding of a cell
LINE_PT = 1.3 * FONT_PT
ROW_PT = LINE_PT + 2 * 1.2 + 0.5  # line, top/bottom padding, border
SAFETY = 0.92  # layout estimates leave this share of the page, for font metrics
BOLD = 1.12  # bold headings are wider than their characters
DASH = "–"


@dataclass
class Column:
    heading: str
    chars: int = 0  # width in characters; 0: from the content
    numeric: bool = True
    wrap: int = 0  # text wider than this many characters wraps (0: never)
    grouped: bool = False  # thousands separated by dots, as rupiah are written (50.000)


@dataclass
class Signer:
    """One signature: the office, the person holding it (from the data) and a note."""

    office: str
    name: str = ""
    note: str = "NIP. ......................"


@dataclass
class Grid:
    title: str
    heading: list[tuple[str, str]]  # (label, text)
    keys: list[Column]  # repeated on every page
    columns: list[Column]  # split into column groups
    rows: list[list[Any]]  # one value per key and column; None prints as a dash
    bold_from: int | None = None  # rows from this index are totals (bold)
    mengetahui: list[Signer] = field(default_factory=list)
    pelapor: list[Signer] = field(default_factory=list)
    place_date: str = ""
    notes: list[str] = field(default_factory=list)  # legend lines under the table
    # Rows whose figures are rupiah, grouped like a ``grouped`` column (F/I/Dal section IV).
    grouped_rows: frozenset[int] = frozenset()

    def grouped(self, row: int, index: int) -> bool:
        """Whether cell ``index`` (keys, then columns) of ``row`` prints thousands grouped."""
        keys = len(self.keys)
        column = self.keys[index] if index < keys else self.columns[index - keys]
        return column.grouped or (index >= keys and row in self.grouped_rows)


@dataclass
class Page:
    group: list[int]  # indexes into grid.columns
    first: int  # row slice
    last: int
    signed: bool  # the signature block closes this page


@dataclass
class Layout:
    landscape: bool
    per_page: int  # figure columns on the fullest page
    pages: list[Page]
    widths: list[int]  # characters: keys, then columns
    header_lines: int
    row_lines: list[int]  # lines of each row (wrapping cells)


def officer_name(role: str, region_code: str) -> str:
    """The active user of ``role`` whose scope holds ``region_code`` (nearest first), or ""."""
    from impsmart.accounts.models import User

    def depth(user) -> int:
        return max(len(code) for code in user.scope_codes if _holds(code, region_code))

    users = [
        user
        for user in User.objects.filter(role=role, is_active=True).order_by("pk")
        if any(_holds(code, region_code) for code in user.scope_codes)
    ]
    if not users:
        return ""
    nearest = max(users, key=depth)
    return nearest.get_full_name() or nearest.username


def _holds(scope: str, region_code: str) -> bool:
    return region_code == scope or region_code.startswith(f"{scope}.")


def place(region) -> str:
    """``Desa X, Kecamatan Y, Kabupaten Gowa``: the wilayah line of a heading."""
    chain = [*region.ancestors(), region][::-1]
    return ", ".join(f"{r.kind_label} {r.name}" for r in chain if r.level != "provinsi")


def long_date(day) -> str:
    """``18 November 2026`` whatever the reader's language: the form is local."""
    from django.utils import dateformat, translation

    with translation.override("id"):
        return dateformat.format(day, "j F Y")


def month_name(day) -> str:
    """``November 2026``, in Indonesian whatever the reader's language."""
    from django.utils import dateformat, translation

    with translation.override("id"):
        return dateformat.format(day, "F Y")


def display(value: Any, grouped: bool = False) -> str:
    """A cell as printed: a dash for nothing, one decimal for a percentage, ``50.000``."""
    if value is None or value == "":
        return DASH if value is None else ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if grouped and isinstance(value, int):
        return thousands(value)
    return str(value)


def thousands(amount: int) -> str:
    """``-1.250.000``: whole numbers grouped by dots, as Indonesian amounts are written."""
    return f"{amount:,}".replace(",", ".")


def rupiah(amount: Any) -> str:
    """``Rp 125.000.000``: the one way an amount reads on a page; anything but a whole
    number as it is."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        return f"Rp {amount}"
    return f"Rp {thousands(amount)}"


def column_groups(widths: list[float], room: float) -> list[list[int]]:
    """Indexes of ``widths`` in consecutive groups, each as wide as fits in ``room`` (at least
    one column)."""
    groups: list[list[int]] = [[]]
    used = 0.0
    for index, width in enumerate(widths):
        if groups[-1] and used + width > room:
            groups.append([])
            used = 0.0
        groups[-1].append(index)
        used += width
    return groups


def text_chars(text: str) -> int:
    """``text``'s width in average characters: DejaVu digits are 1.14 times as wide, capitals
    about 1.25 times (a 16-digit NIK needs 19)."""
    return math.ceil(sum(1.15 if c.isdigit() else 1.25 if c.isupper() else 1.0 for c in text))


def _chars(column: Column, texts: list[str]) -> int:
    longest_word = max((len(word) for word in column.heading.split()), default=0)
    heading = math.ceil(longest_word * BOLD)
    widest = max([heading, *(text_chars(text) for text in texts)]) + 1
    if column.wrap:
        widest = min(widest, max(column.wrap, heading + 1))
    return column.chars or widest


def _width_pt(chars: int) -> float:
    return chars * CHAR_PT + 2 * CELL_PAD_PT + 0.5


def _lines(heading: str, chars: int) -> int:
    """Lines a heading wraps into at ``chars`` per line (word wrap; a longer word breaks)."""
    chars = max(1, chars)
    words = [w[i : i + chars] for w in heading.split() for i in range(0, len(w), chars)]
    lines, used = 1, 0
    for word in words:
        if used and used + 1 + len(word) > chars:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def printable(landscape: bool) -> tuple[float, float]:
    """Width and height (points) inside the margins."""
    width, height = A4[::-1] if landscape else A4
    return (
        width - (MARGIN["left"] + MARGIN["right"]) * MM,
        height - (MARGIN["top"] + MARGIN["bottom"]) * MM,
    )


def _signature_pt(grid: Grid) -> float:
    stacked = max(len(grid.mengetahui), 1)
    return (2 + 7 * stacked) * LINE_PT + 14 if grid.mengetahui or grid.pelapor else 0


def heading_pt(grid: Grid) -> float:
    return 12 * 1.3 + 6 + len(grid.heading) * LINE_PT * 1.15 + 6


def row_lines(grid: Grid, widths: list[int], wrap_share: float = 0.85) -> list[int]:
    """Lines of each row: 1, or as many as its wrapping cells take at ``wrap_share`` of their
    width (a margin for text wider than the average character)."""
    every = [*grid.keys, *grid.columns]
    wrapping = [i for i, column in enumerate(every) if column.wrap]
    return [
        max([1, *(_lines(display(row[i]), int(widths[i] * wrap_share) - 1) for i in wrapping)])
        for row in grid.rows
    ]


def layout(grid: Grid) -> Layout:
    """Orientation, column groups and row chunks of ``grid`` on A4."""
    keys, every = len(grid.keys), [*grid.keys, *grid.columns]
    widths = [
        _chars(column, [display(row[i], grid.grouped(r, i)) for r, row in enumerate(grid.rows)])
        for i, column in enumerate(every)
    ]
    key_pt = sum(_width_pt(w) for w in widths[:keys])
    figure_pt = [_width_pt(w) for w in widths[keys:]]
    landscape = key_pt + sum(figure_pt) > printable(False)[0] * SAFETY
    width, height = printable(landscape)
    groups = column_groups(figure_pt, width * SAFETY - key_pt)
    header_lines = max(_lines(c.heading, w) for c, w in zip(every, widths, strict=True))
    lines = row_lines(grid, widths)
    room = max(2 * ROW_PT, height * SAFETY - heading_pt(grid) - header_lines * LINE_PT - 4)
    tail = _signature_pt(grid) + len(grid.notes) * LINE_PT * 1.2
    heights = [ROW_PT + (n - 1) * LINE_PT for n in lines]
    chunks = _chunks(heights, room, min(tail, room - ROW_PT))
    pages = [
        Page(group, first, last, signed=g == len(groups) - 1 and last == len(grid.rows))
        for g, group in enumerate(groups)
        for first, last in chunks
    ]
    per_page = max(len(group) for group in groups)
    return Layout(landscape, per_page, pages, widths, header_lines, lines)


def _chunks(heights: list[float], room: float, tail: float) -> list[tuple[int, int]]:
    """Row slices filling ``room`` points each; the last leaves ``tail`` points (signatures),
    moving its last row to a page of its own with them when they do not fit."""
    bounds, start, used = [], 0, 0.0
    for row, height in enumerate(heights):
        if used + height > room and row > start:
            bounds.append((start, row))
            start, used = row, 0.0
        used += height
    end = len(heights)
    if used + tail > room and end - 1 > start:
        bounds.append((start, end - 1))
        start = end - 1
    bounds.append((start, end))
    return bounds


# --- PDF -------------------------------------------------------------------------------
def render_html(template: str, context: dict[str, Any], landscape: bool = False) -> str:
    """``template`` (extending ``paper/base.html``) as the HTML of its A4 pages."""
    return render_to_string(template, {**context, "paper": _paper_context(landscape)})


def render_pdf(template: str, context: dict[str, Any], landscape: bool = False) -> bytes:
    """``template`` (extending ``paper/base.html``) as a PDF on A4."""
    from weasyprint import HTML  # imported late: it loads Pango, needed only for PDFs

    return HTML(string=render_html(template, context, landscape)).write_pdf()


def _paper_context(landscape: bool) -> dict[str, Any]:
    return {
        "orientation": "landscape" if landscape else "portrait",
        "margin": MARGIN,
        "font_pt": FONT_PT,
        "line_pt": round(LINE_PT, 2),
        "pad_pt": CELL_PAD_PT,
    }


def grid_pdf(grid: Grid) -> bytes:
    plan = layout(grid)
    keys = len(grid.keys)
    columns = [*grid.keys, *grid.columns]
    pages = []
    for page in plan.pages:
        indexes = [*range(keys), *(keys + i for i in page.group)]
        pages.append(
            {
                "signed": page.signed,
                "width": round(sum(_width_pt(plan.widths[i]) for i in indexes), 1),
                "headings": [(columns[i], round(_width_pt(plan.widths[i]), 1)) for i in indexes],
                "rows": [
                    (
                        [
                            (display(grid.rows[r][i], grid.grouped(r, i)), columns[i])
                            for i in indexes
                        ],
                        _bold(grid, r),
                    )
                    for r in range(page.first, page.last)
                ],
            }
        )
    context = {"grid": grid, "pages": pages}
    return render_pdf("paper/grid.html", context, plan.landscape)


def _bold(grid: Grid, row: int) -> bool:
    return grid.bold_from is not None and row >= grid.bold_from


# --- xlsx ------------------------------------------------------------------------------
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
XLSX_ROW_PT = 15.0  # Calibri 11 rows
XLSX_CHAR_PT = 5.25  # one character of column width (7 px)
EXTRA_CHARS = 2  # Calibri digits are wider than the width unit at 11 pt


def grid_xlsx(grid: Grid, sheet_title: str) -> bytes:
    """``grid`` as a workbook that prints on the pages of ``grid_pdf``."""
    import io

    plan = layout(grid)
    book = Workbook()
    ws = book.active
    ws.title = sheet_title[:31]
    header = _xlsx_heading(ws, grid, plan)
    _xlsx_rows(ws, grid, plan, header + 1)
    bottom = _xlsx_signatures(ws, grid, plan, header + len(grid.rows) + 2)
    _xlsx_print(ws, grid, plan, header, bottom)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_heading(ws, grid: Grid, plan: Layout) -> int:
    """Title, heading block and column headings; returns the headings' row."""
    title = spreadsheet.put(ws, 1, 1, grid.title.upper())
    title.font = Font(bold=True, size=13)
    for line, (label, text) in enumerate(grid.heading, start=2):
        spreadsheet.put(ws, line, 1, label)
        spreadsheet.put(ws, line, len(grid.keys), f": {text}")
    header = len(grid.heading) + 3
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, column in enumerate([*grid.keys, *grid.columns], start=1):
        cell = spreadsheet.put(ws, header, col, column.heading)
        cell.font, cell.border, cell.alignment = Font(bold=True), BOX, wrap
    ws.row_dimensions[header].height = XLSX_ROW_PT * plan.header_lines
    return header


def _xlsx_rows(ws, grid: Grid, plan: Layout, top: int) -> None:
    every = [*grid.keys, *grid.columns]
    wrap, tall = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    for index, (row, lines) in enumerate(zip(grid.rows, plan.row_lines, strict=True)):
        line = top + index
        if lines > 1:
            ws.row_dimensions[line].height = XLSX_ROW_PT * lines
        for col, (value, column) in enumerate(zip(row, every, strict=True), start=1):
            cell = spreadsheet.put(ws, line, col, "" if value is None else value)
            cell.border = BOX
            if isinstance(value, float):
                cell.number_format = "0.0"
            elif grid.grouped(index, col - 1):
                cell.number_format = "#,##0"
            if column.wrap:
                cell.alignment = wrap
            elif lines > 1:
                cell.alignment = tall  # beside wrapped text, from its first line
            if _bold(grid, index):
                cell.font = Font(bold=True)


def _xlsx_signatures(ws, grid: Grid, plan: Layout, top: int) -> int:
    """Notes, then the signatures under the last column group; returns the last row used."""
    for line, note in enumerate(grid.notes, start=top):
        spreadsheet.put(ws, line, 2, note)
    top += len(grid.notes) + (1 if grid.notes else 0)
    keys = len(grid.keys)
    last_group = plan.pages[-1].group
    left = keys + last_group[0] + 1 if len(last_group) > 1 else keys
    right = keys + last_group[-1] + 1 if last_group else keys
    spreadsheet.put(ws, top, right, grid.place_date)
    spreadsheet.put(ws, top + 1, left, "Mengetahui,")
    spreadsheet.put(ws, top + 1, right, "Yang melaporkan,")
    bottom = top
    stacks = [(left, grid.mengetahui), (right, grid.pelapor)]
    for col, signers in stacks:
        for i, signer in enumerate(signers):
            line = top + 2 + 7 * i
            spreadsheet.put(ws, line, col, signer.office).font = Font(bold=True)
            spreadsheet.put(ws, line + 4, col, signer.name or "(" + "." * 28 + ")")
            spreadsheet.put(ws, line + 5, col, signer.note)
            bottom = max(bottom, line + 5)
    return bottom


def _xlsx_print(ws, grid: Grid, plan: Layout, header: int, bottom: int) -> None:
    from openpyxl.worksheet.pagebreak import Break

    keys = len(grid.keys)
    widths = [w + EXTRA_CHARS for w in plan.widths]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(header + 1, keys + 1)
    last_col = get_column_letter(len(widths))
    ws.print_area = f"A1:{last_col}{bottom}"
    ws.print_title_rows = f"1:{header}"
    ws.print_title_cols = f"A:{get_column_letter(keys)}"
    starts = sorted({p.group[0] for p in plan.pages if p.group})[1:]
    for start in starts:
        ws.col_breaks.append(Break(id=keys + start))
    for page in plan.pages[: len({p.first for p in plan.pages}) - 1]:
        ws.row_breaks.append(Break(id=header + page.last))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if plan.landscape else "portrait"
    ws.page_setup.scale = _xlsx_scale(grid, plan, header, widths)
    ws.page_margins.left = ws.page_margins.right = MARGIN["left"] / 25.4
    ws.page_margins.top = MARGIN["top"] / 25.4
    ws.page_margins.bottom = MARGIN["bottom"] / 25.4
    ws.page_margins.header, ws.page_margins.footer = 0.1, 0.2
    ws.oddFooter.right.text = "Halaman &P dari &N"
    ws.oddFooter.right.size = 7


def _xlsx_scale(grid: Grid, plan: Layout, header: int, widths: list[int]) -> int:
    """The print scale (%) at which the widest column group and the tallest chunk fit."""
    keys = len(grid.keys)

    def cols_pt(cols: list[int]) -> float:
        return sum(widths[c] * XLSX_CHAR_PT + 3.75 for c in cols)

    widest = max(cols_pt([*range(keys), *(keys + i for i in p.group)]) for p in plan.pages)
    title_pt = (header - 1 + plan.header_lines) * XLSX_ROW_PT
    tallest = max(
        title_pt
        + sum(plan.row_lines[p.first : p.last]) * XLSX_ROW_PT
        + (_xlsx_tail_rows(grid) * XLSX_ROW_PT if p.signed else 0)
        for p in plan.pages
    )
    width, height = printable(plan.landscape)
    fit = min(width / widest, (height - 20) / tallest, 1.0) * 0.9
    return max(10, int(fit * 100))


def _xlsx_tail_rows(grid: Grid) -> int:
    stacked = max(len(grid.mengetahui), len(grid.pelapor), 1)
    return 1 + len(grid.notes) + (1 if grid.notes else 0) + 2 + 7 * stacked
