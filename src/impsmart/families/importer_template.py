"""The import file's columns, and the downloadable template (xlsx with instructions, or csv).

One row per person; a household is the rows that share ``kk_number``. The instructions sheet
explains each column and its allowed codes in Indonesian; the example rows import cleanly.
The template's header row is in Indonesian (``HEADINGS``); files made with the first template,
whose headers were the field names (``FIELDS``), still import.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from impsmart import spreadsheet
from impsmart.families import codes
from impsmart.families.identity import nik_for


def _choices(choices) -> str:
    return "; ".join(f"{value} = {label}" for value, label in choices)


# (column, required, what it means and which values are allowed)
COLUMNS: list[tuple[str, bool, str]] = [
    (
        "kk_number",
        True,
        "Nomor Kartu Keluarga, 16 angka. Baris dengan nomor KK sama = satu keluarga.",
    ),
    (
        "region_code",
        True,
        "Kode dusun/lingkungan (atau desa/kelurahan) tempat keluarga tinggal "
        "(lihat halaman Wilayah), "
        "mis. 73.06.06.2001.01.",
    ),
    ("address", False, "Alamat keluarga (jalan, RT/RW)."),
    (
        "nik",
        False,
        "NIK 16 angka. Kosongkan bila belum punya; anggota lalu dikenali dari nama "
        "dan tanggal lahir.",
    ),
    ("name", True, "Nama lengkap."),
    ("sex", True, "L = laki-laki; P = perempuan."),
    ("birth_date", True, "Tanggal lahir: TTTT-BB-HH, HH-BB-TTTT atau HH/BB/TTTT."),
    ("relation", True, _choices(codes.Relation.choices)),
    ("marital_status", True, _choices(codes.Marital.choices)),
    ("education", False, _choices(codes.Education.choices)),
    ("occupation", False, "Pekerjaan (teks bebas)."),
    ("jkn", False, "Peserta JKN: ya / tidak (kosong = belum diketahui)."),
    (
        "current_method",
        False,
        "Khusus istri: metode KB yang sedang dipakai. " + _choices(codes.Method.choices),
    ),
    ("method_start", False, "Tanggal mulai metode itu (wajib bila metode_kb diisi)."),
    ("jalur", False, _choices(codes.Jalur.choices)),
    ("place", False, "Tempat pelayanan: " + _choices(codes.Place.choices)),
    ("intention", False, "Khusus istri yang tidak ber-KB: " + _choices(codes.Intention.choices)),
    (
        "pregnant_since",
        False,
        "Khusus istri yang sedang hamil: tanggal mulai hamil (atau pertama diketahui).",
    ),
    (
        "confirmed",
        False,
        "Isi ya bila peringatan baris ini sudah diperiksa dan datanya memang benar (mis. NIK "
        "berbeda dengan tanggal lahir, kawin di bawah 19 tahun, ibu di bawah 15 tahun saat "
        "melahirkan). Data yang tidak mungkin tetap ditolak.",
    ),
]
FIELDS = [name for name, _, _ in COLUMNS]
# The header row of the template, in the cadre's words.
HEADINGS = {
    "kk_number": "no_kk",
    "region_code": "kode_wilayah",
    "address": "alamat",
    "nik": "nik",
    "name": "nama",
    "sex": "jenis_kelamin",
    "birth_date": "tanggal_lahir",
    "relation": "hubungan_keluarga",
    "marital_status": "status_kawin",
    "education": "pendidikan",
    "occupation": "pekerjaan",
    "jkn": "jkn",
    "current_method": "metode_kb",
    "method_start": "mulai_metode",
    "jalur": "jalur",
    "place": "tempat_pelayanan",
    "intention": "keinginan_anak",
    "pregnant_since": "hamil_sejak",
    "confirmed": "dikonfirmasi",
}
assert list(HEADINGS) == FIELDS
HEADER = [HEADINGS[name] for name in FIELDS]
# What a header cell may say for each field: the heading, or the field name (old files).
ACCEPTED = {heading: name for name, heading in HEADINGS.items()} | {name: name for name in FIELDS}


def heading(name: str) -> str:
    return HEADINGS.get(name, name)


def example_rows(region_code: str) -> list[dict[str, str]]:
    """A husband and wife of one family in ``region_code``; valid as they stand."""
    kecamatan6 = "".join(region_code.split(".")[:3])
    husband_born, wife_born = dt.date(1988, 5, 12), dt.date(1992, 8, 3)
    family = {"kk_number": f"{kecamatan6}0101209001", "region_code": region_code}
    family["address"] = "Jl. Poros Malino RT 001/RW 002"
    husband = {
        **family,
        "nik": nik_for(kecamatan6, husband_born, "L", 9001),
        "name": "Contoh Suami",
        "sex": "L",
        "birth_date": husband_born.isoformat(),
        "relation": "kepala",
        "marital_status": "kawin",
        "education": "sma",
        "occupation": "Petani",
        "jkn": "ya",
    }
    wife = {
        **family,
        "nik": nik_for(kecamatan6, wife_born, "P", 9001),
        "name": "Contoh Istri",
        "sex": "P",
        "birth_date": "03-08-1992",
        "relation": "istri",
        "marital_status": "kawin",
        "education": "smp",
        "occupation": "Mengurus rumah tangga",
        "jkn": "ya",
        "current_method": "SUNTIK3",
        "method_start": "2024-02-01",
        "jalur": "pemerintah",
        "place": "puskesmas",
    }
    return [{name: row.get(name, "") for name in FIELDS} for row in (husband, wife)]


def template_csv(region_code: str) -> bytes:
    out = io.StringIO()
    writer = spreadsheet.CsvWriter(out)
    writer.writerow(HEADER)
    for row in example_rows(region_code):
        writer.writerow([row[name] for name in FIELDS])
    return out.getvalue().encode("utf-8")


def template_xlsx(region_code: str) -> bytes:
    book = Workbook()
    data = book.active
    data.title = "data"
    spreadsheet.append(data, HEADER)
    for row in example_rows(region_code):
        spreadsheet.append(data, [row[name] for name in FIELDS])
    for cell in data[1]:
        cell.font = Font(bold=True)
    guide = book.create_sheet("petunjuk")
    spreadsheet.append(guide, ["kolom", "wajib", "keterangan dan kode yang boleh"])
    for name, required, text in COLUMNS:
        spreadsheet.append(guide, [HEADINGS[name], "ya" if required else "tidak", text])
    guide.append([])
    note = "Satu baris per orang. Hapus baris contoh sebelum mengisi data sendiri."
    spreadsheet.append(guide, ["", "", note])
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["C"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
