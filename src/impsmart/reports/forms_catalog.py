"""The official monthly forms, described as data (domain.md §6).

A form is a title, its rows (row code, Indonesian label, the indicator that fills it, and
whether it is a count or a percentage), layout hints for the xlsx/PDF exports, and the levels
it applies to. The engine computes any form from the indicator registry
(``reports/indicators.py``); adding a form, or a row another app's indicator fills, is adding
data here with ``register_form`` — never engine code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from impsmart.families import codes

COUNT = "count"
PERCENT = "percent"
RUPIAH = "rupiah"  # a count of whole rupiah: summed like a count, printed Rp 1.250.000


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    indicator: str
    kind: str = COUNT
    # The official section this row opens (e.g. "I. Keadaan umum"); printed as a heading.
    section: str = ""


@dataclass(frozen=True)
class Signatures:
    """Who signs a level's report: the acknowledging officials and the reporter."""

    mengetahui: tuple[str, ...]
    pelapor: str


# Who signs at each level (the reporting flow of domain.md §7).
DEFAULT_SIGNATURES = {
    "dusun": Signatures(("Ketua PPKBD",), "Ketua Sub-PPKBD"),
    "desa": Signatures(("PKB/PLKB", "Kepala Desa/Lurah"), "Ketua PPKBD"),
    "kecamatan": Signatures(("Camat",), "Koordinator PKB/PLKB Kecamatan"),
    "kabupaten": Signatures(("Kepala Dinas PPKB",), "Pengelola Data dan Informasi"),
}
ALL_LEVELS = ("dusun", "desa", "kecamatan", "kabupaten")


@dataclass(frozen=True)
class Form:
    code: str
    title: str
    rows: tuple[Row, ...]
    levels: tuple[str, ...] = ALL_LEVELS
    # Column widths (characters) of the xlsx: number, label, each figure column.
    widths: tuple[int, int, int] = (5, 46, 11)
    signatures: dict[str, Signatures] = field(default_factory=lambda: DEFAULT_SIGNATURES)
    # The desa form whose approved snapshots a kecamatan/kabupaten recap adds up (default: own).
    rollup_of: str = ""
    # Titles of particular levels (default: ``title``).
    level_titles: dict[str, str] = field(default_factory=dict)

    def title_for(self, level: str) -> str:
        return self.level_titles.get(level, self.title)

    def row(self, code: str) -> Row:
        return next(r for r in self.rows if r.code == code)


FORMS: dict[str, Form] = {}


def register_form(form: Form) -> Form:
    FORMS[form.code] = form
    return form


def get_form(code: str) -> Form | None:
    return FORMS.get(code.upper())


def _same(code: str, label: str, kind: str = COUNT) -> Row:
    """A row whose code is the indicator's own code (the common case)."""
    return Row(code, label, code, kind)


METHOD_LABELS = {
    "iud": "IUD",
    "mow": "MOW (tubektomi)",
    "mop": "MOP (vasektomi)",
    "implan": "implan",
    "suntik1": "suntik 1 bulan",
    "suntik3": "suntik 3 bulan",
    "pil": "pil",
    "kondom": "kondom",
    "mal": "MAL",
}
assert set(METHOD_LABELS) == {m.lower() for m in codes.Method.values}

PA_ROWS = (
    _same("pa_total", "Peserta KB aktif (PA) seluruhnya"),
    *(_same(f"pa_{m}", f"PA {label}") for m, label in METHOD_LABELS.items()),
    _same("pa_suntik", "PA suntik (1 dan 3 bulan)"),
    _same("pa_mkjp", "PA MKJP (IUD, MOW, MOP, implan)"),
    _same("pa_non_mkjp", "PA non-MKJP"),
    _same("pa_pemerintah", "PA jalur pemerintah"),
    _same("pa_swasta", "PA jalur swasta"),
)
NON_USER_ROWS = (
    _same("hamil", "PUS hamil"),
    _same("ias", "Bukan peserta KB: ingin anak segera (IAS)"),
    _same("iat", "Bukan peserta KB: ingin anak ditunda (IAT)"),
    _same("tial", "Bukan peserta KB: tidak ingin anak lagi (TIAL)"),
    _same("status_unknown", "Status belum diketahui"),
    _same("unmet_need", "Unmet need (IAT + TIAL)"),
)

REKAP_PUS = register_form(
    Form(
        code="REKAP_PUS",
        title="Rekapitulasi PUS dan Peserta KB",
        rows=(
            _same("keluarga", "Jumlah keluarga"),
            _same("pus", "Jumlah PUS"),
            *PA_ROWS,
            *NON_USER_ROWS,
            _same("pb_total", "Peserta KB baru (PB) seluruhnya"),
            *(_same(f"pb_{m}", f"PB {label}") for m, label in METHOD_LABELS.items()),
            _same("ganti_cara", "Ganti cara"),
            _same("kb_ulang", "KB ulang (setelah berhenti lebih dari 3 bulan)"),
            _same("drop_out", "Drop out (berhenti 3 bulan lalu, belum ber-KB lagi)"),
            _same("mcpr", "Prevalensi kontrasepsi modern (mCPR, %)", PERCENT),
            _same("pct_mkjp", "Persentase PA MKJP terhadap PA (%)", PERCENT),
            _same("pct_unmet", "Persentase unmet need terhadap PUS (%)", PERCENT),
        ),
    )
)

REKAP_KELUARGA = register_form(
    Form(
        code="REKAP_KELUARGA",
        title="Rekapitulasi Data Keluarga",
        rows=(
            _same("keluarga", "Jumlah keluarga"),
            _same("pus", "Jumlah PUS"),
            *PA_ROWS,
            *NON_USER_ROWS,
            _same("sasaran_bkb", "Keluarga sasaran BKB (punya anak 0–<6 tahun)"),
            _same("anggota_bkb", "Keluarga anggota BKB"),
            _same("sasaran_bkr", "Keluarga sasaran BKR (punya anggota 10–24 tahun)"),
            _same("anggota_bkr", "Keluarga anggota BKR"),
            _same("sasaran_bkl", "Keluarga sasaran BKL (punya anggota 60 tahun ke atas)"),
            _same("anggota_bkl", "Keluarga anggota BKL"),
            _same("anggota_uppka", "Keluarga anggota UPPKA"),
        ),
    )
)


# --- F/I/Dal and F/II/Dal (domain.md §6; bkkbn-research.md b1, b5) ------------------------
# Indicators: organization/indicators.py (PPKBD, Sub-PPKBD, Kelompok KB), groups/fdal.py
# (poktan existing/reporting, sections III and IV), meetings/indicators.py and
# counseling/indicators.py (section II). Every row is a count, so a recap is the sum of its
# desa. "Yang lapor" counts only institutions and groups that exist: never more than "ada".
def _ada_lapor(code: str, name: str, section: str = "") -> tuple[Row, Row]:
    return (
        Row(f"{code}_ada", f"{name}: jumlah yang ada", f"{code}_ada", section=section),
        _same(f"{code}_lapor", f"{name}: jumlah yang lapor"),
    )


def _resilience(code: str, name: str, section: str = "") -> tuple[Row, ...]:
    return (
        Row(f"{code}_anggota", f"{name}: jumlah anggota", f"{code}_anggota", section=section),
        _same(f"{code}_hadir", f"{name}: anggota yang hadir pertemuan"),
        _same(f"{code}_anggota_pus", f"{name}: anggota yang PUS"),
        _same(f"{code}_pus_kb", f"{name}: anggota PUS yang ber-KB"),
        _same(f"{code}_pertemuan", f"{name}: jumlah pertemuan"),
    )


SECTION_I = "I. Keadaan umum"
SECTION_II = "II. Kegiatan operasional"
SECTION_III = "III. Pembinaan ketahanan keluarga"
SECTION_IV = "IV. Pembinaan kesejahteraan keluarga (UPPKA)"

DAL_ROWS = (
    *_ada_lapor("ppkbd", "PPKBD", SECTION_I),
    *_ada_lapor("sub_ppkbd", "Sub-PPKBD"),
    *_ada_lapor("pok_kb", "Kelompok KB"),
    *_ada_lapor("bkb", "Poktan BKB"),
    *_ada_lapor("bkr", "Poktan BKR"),
    *_ada_lapor("bkl", "Poktan BKL"),
    *_ada_lapor("uppka", "Kelompok UPPKA"),
    Row("rakor_desa", "Frekuensi rapat koordinasi KB desa", "rakor_desa", section=SECTION_II),
    _same("kie_pkb", "Frekuensi penyuluhan oleh PKB/PLKB"),
    _same("kie_kader", "Frekuensi penyuluhan oleh kader dan mitra"),
    _same("kie_kit", "Frekuensi KIE memakai KIE Kit"),
    _same("tokoh_kie", "Toma/toga/tokoh adat yang aktif dalam KIE (jumlah kehadiran)"),
    _same("konseling", "Jumlah konseling KB kepada PUS"),
    *_resilience("bkb", "BKB", SECTION_III),
    _same("bkb_kka_anak", "BKB: anak yang dipantau dengan KKA"),
    _same("bkb_kka_rujuk", "BKB: anak yang perlu dirujuk menurut KKA"),
    *_resilience("bkr", "BKR"),
    *_resilience("bkl", "BKL"),
    Row("uppka_anggota", "Jumlah anggota UPPKA", "uppka_anggota", section=SECTION_IV),
    _same("uppka_pra_ks1", "Anggota keluarga Pra-S dan KS I"),
    _same("uppka_anggota_pus", "Anggota yang PUS"),
    _same("uppka_pus_kb", "Anggota PUS yang ber-KB"),
    _same("uppka_pus_kb_pra_ks1", "Anggota PUS ber-KB dari keluarga Pra-S dan KS I"),
    _same("uppka_pertemuan", "Jumlah pertemuan kelompok"),
    _same("uppka_modal_kelompok", "Kelompok yang mengakses modal"),
    _same("uppka_modal_rp", "Jumlah modal yang diakses (Rp)", RUPIAH),
    _same("uppka_omzet_rp", "Omzet kelompok (Rp)", RUPIAH),
)

F_I_DAL = register_form(
    Form(
        code="F_I_DAL",
        title="Laporan Bulanan Pengendalian Lapangan Tingkat Desa/Kelurahan (F/I/Dal)",
        rows=DAL_ROWS,
        levels=("desa",),
    )
)

F_II_DAL = register_form(
    Form(
        code="F_II_DAL",
        title="Rekapitulasi Laporan Pengendalian Lapangan Tingkat Kecamatan (F/II/Dal)",
        rows=DAL_ROWS,
        levels=("kecamatan", "kabupaten"),
        rollup_of="F_I_DAL",
        level_titles={
            "kabupaten": "Rekapitulasi Laporan Pengendalian Lapangan Tingkat Kabupaten (F/II/Dal)"
        },
    )
)
