"""Reading an import file (xlsx or csv) into checked rows, with errors by row and column.

Row numbers are the spreadsheet's: the header is row 1, the first person row 2.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook

from impsmart.families import codes
from impsmart.families.identity import IdentityError, clean_kk, clean_nik
from impsmart.families.importer_template import ACCEPTED, COLUMNS, FIELDS, heading
from impsmart.plaintext import has_control, message

DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
YES, NO = {"ya", "y", "1", "true", "benar"}, {"tidak", "t", "0", "false", "salah"}
CHOICES = {
    "sex": codes.Sex.values,
    "relation": codes.Relation.values,
    "marital_status": codes.Marital.values,
    "education": codes.Education.values,
    "current_method": codes.Method.values,
    "jalur": codes.Jalur.values,
    "place": codes.Place.values,
    "intention": codes.Intention.values,
}
WIFE_ONLY = ("current_method", "method_start", "jalur", "place", "intention", "pregnant_since")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    @property
    def heading(self) -> str:
        """The column as the template's header row names it."""
        return heading(self.column)

    def __str__(self) -> str:
        return f"baris {self.row}, kolom {self.heading}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(filename: str, content: bytes) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFailed([RowError(1, "-", "Berkas xlsx tidak dapat dibaca.")]) from error
        return [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFailed([RowError(1, "-", "Simpan berkas CSV sebagai UTF-8.")]) from error
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        return [
            [c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    raise ImportFailed([RowError(1, "-", "Unggah berkas .xlsx atau .csv (unduh templatnya).")])


def read_rows(filename: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(row number, raw values by column) for every non-empty row; ImportFailed on bad headers."""
    table = _table(filename, content)
    if not table:
        raise ImportFailed([RowError(1, "-", "Berkas kosong.")])
    header = [ACCEPTED.get(h.strip().lower().replace(" ", "_"), "") for h in table[0]]
    missing = [name for name, required, _ in COLUMNS if required and name not in header]
    if missing:
        raise ImportFailed(
            [RowError(1, name, "Kolom ini tidak ada di baris judul.") for name in missing]
        )
    rows = []
    for number, values in enumerate(table[1:], start=2):
        raw = {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h}
        if any(raw.values()):
            rows.append((number, {name: raw.get(name, "") for name in FIELDS}))
    return rows


def parse_date(text: str) -> dt.date:
    if len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit():
        with contextlib.suppress(ValueError):  # TTTT-BB-HH, the first of DATE_FORMATS
            return dt.date.fromisoformat(text)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date)
        except ValueError:
            continue
    raise ValueError(
        f"Tanggal {text!r} tidak dikenal; tulis TTTT-BB-HH, HH-BB-TTTT atau HH/BB/TTTT."
    )


def _convert(name: str, text: str) -> Any:
    if name == "kk_number":
        return clean_kk(text)
    if name == "nik":
        return clean_nik(text) if text else ""
    if name in ("birth_date", "method_start", "pregnant_since"):
        return parse_date(text) if text else None
    if name in ("jkn", "confirmed"):
        if text.lower() in YES | NO:
            return text.lower() in YES
        if text:
            raise ValueError("Isi ya atau tidak (atau kosongkan).")
        return None if name == "jkn" else False
    if name in CHOICES and text and text not in CHOICES[name]:
        raise ValueError(f"{text!r} bukan kode yang boleh; pilih: {', '.join(CHOICES[name])}.")
    return text


# What an empty cell of an optional column means (``_convert`` of ""): most cells of a file.
EMPTY = {name: _convert(name, "") for name, required, _ in COLUMNS if not required}


def check_row(number: int, raw: dict[str, str]) -> tuple[dict[str, Any], list[RowError]]:
    """Typed values of one row and what is wrong with it."""
    values: dict[str, Any] = {}
    errors = []
    for name, required, _ in COLUMNS:
        text = raw[name]
        if not text:
            if required:
                errors.append(RowError(number, name, "Wajib diisi."))
            else:
                values[name] = EMPTY[name]
            continue
        if has_control(text):
            errors.append(RowError(number, name, message(f"Kolom {heading(name)}")))
            continue
        try:
            values[name] = _convert(name, text)
        except (IdentityError, ValueError) as error:
            errors.append(RowError(number, name, str(error)))
    is_wife = raw["sex"] == codes.Sex.FEMALE and raw["marital_status"] == codes.Marital.MARRIED
    for name in WIFE_ONLY:
        if raw[name] and not is_wife:
            errors.append(RowError(number, name, "Hanya untuk perempuan berstatus kawin."))
    if raw["current_method"] and not raw["method_start"]:
        errors.append(RowError(number, "method_start", "Isi tanggal mulai metode KB."))
    if raw["current_method"] and raw["intention"]:
        errors.append(
            RowError(number, "intention", "Keinginan hanya untuk istri yang tidak ber-KB.")
        )
    return values, errors
