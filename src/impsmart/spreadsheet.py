"""Cells safe to open: every csv and xlsx export writes its values through this module.

Text beginning with ``=``, ``+``, ``-``, ``@``, tab or CR is run as a formula by spreadsheet
programs (CSV/formula injection, OWASP): it gets a leading apostrophe and opens as the text it
is. Numbers stay numbers, also written as text (``-3``, ``12.5``). Control characters are
dropped, as xlsx cannot hold them: a bad value that reached the database cannot fail a download.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

from impsmart.plaintext import strip_controls

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def cell(value: Any) -> Any:
    """``value`` as a cell that opens as itself."""
    if not isinstance(value, str):
        return value
    value = strip_controls(value)
    if value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def cells(values: Iterable[Any]) -> list[Any]:
    return [cell(value) for value in values]


class CsvWriter:
    """``csv.writer`` (lines end in ``\\n``) whose rows pass through ``cell``."""

    def __init__(self, out: IO[str]):
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow(cells(values))


def append(ws, values: Iterable[Any]) -> None:
    """``ws.append`` for an xlsx worksheet, through ``cell``."""
    ws.append(cells(values))


def put(ws, row: int, column: int, value: Any):
    """``ws.cell(row, column, value)`` through ``cell``; returns the cell to style."""
    return ws.cell(row=row, column=column, value=cell(value))
