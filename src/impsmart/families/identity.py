"""Structure checks of NIK and Nomor KK (Dukcapil numbering).

NIK: ``PPKKCC DDMMYY SSSS`` — province, kabupaten, kecamatan of registration; birth date with
40 added to the day for women; serial 0001–9999. KK: region code (6), issue date DDMMYY, serial.
Errors are hard (wrong length, non-digits, impossible dates); a NIK that contradicts the
member's recorded birth date or sex is a warning the user must confirm. Digits typed in another
script (Arabic-Indic, full-width, Devanagari...) become ASCII first, so a number is stored,
and compared for duplicates, one way only.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from impsmart.families.codes import Sex


class IdentityError(ValueError):
    pass


def ascii_digits(value: str) -> str:
    """``value`` with every decimal digit of any script written as 0–9."""
    if value.isascii():  # nothing to rewrite (the usual case: read once per row)
        return value
    return "".join(str(unicodedata.decimal(char, char)) for char in value)


def _digits(value: str, label: str) -> str:
    value = ascii_digits((value or "").strip()).replace(" ", "").replace(".", "")
    if len(value) != 16 or not (value.isascii() and value.isdigit()):
        raise IdentityError(f"{label} harus 16 angka (sekarang {len(value)} karakter: {value!r}).")
    return value


def _date(ddmmyy: str) -> tuple[int, int, int]:
    return int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])


def clean_nik(value: str) -> str:
    """A structurally valid NIK, or IdentityError with what to fix."""
    nik = _digits(value, "NIK")
    day, month, _year = _date(nik[6:12])
    if day > 40:
        day -= 40
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise IdentityError(f"NIK {nik}: angka ke-7 s.d. 12 harus tanggal lahir DDMMYY.")
    if nik[12:] == "0000":
        raise IdentityError(f"NIK {nik}: nomor urut (4 angka terakhir) tidak boleh 0000.")
    return nik


def clean_kk(value: str) -> str:
    kk = _digits(value, "Nomor KK")
    day, month, _year = _date(kk[6:12])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise IdentityError(f"Nomor KK {kk}: angka ke-7 s.d. 12 harus tanggal terbit DDMMYY.")
    return kk


def nik_warnings(nik: str, birth_date: dt.date | None, sex: str | None) -> list[str]:
    """Contradictions between a valid NIK and the member's record, in Indonesian."""
    day, month, year = _date(nik[6:12])
    warnings = []
    nik_sex = Sex.FEMALE if day > 40 else Sex.MALE
    if sex and sex != nik_sex:
        warnings.append(f"NIK menunjukkan {nik_sex.label.lower()}, data tercatat berbeda.")
    if birth_date is not None:
        real_day = day - 40 if day > 40 else day
        if (real_day, month, year) != (birth_date.day, birth_date.month, birth_date.year % 100):
            warnings.append(
                f"Tanggal lahir di NIK ({real_day:02d}-{month:02d}-{year:02d}) berbeda dengan "
                f"tanggal lahir tercatat ({birth_date:%d-%m-%y})."
            )
    return warnings


def nik_for(region6: str, birth_date: dt.date, sex: str, serial: int) -> str:
    """Build a NIK (for the demo generator and tests)."""
    day = birth_date.day + (40 if sex == Sex.FEMALE else 0)
    return f"{region6}{day:02d}{birth_date:%m%y}{serial:04d}"
