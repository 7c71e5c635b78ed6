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


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    indicator: str
    kind: str = COUNT


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
