"""Tahapan Keluarga Sejahtera from the classic 21 indicators (BKKBN).

The stage is the highest one whose indicators, and all lower stages' indicators, are met;
failing any KS I indicator makes the family Pra-S. Unanswered indicators count as not met.
"""

from impsmart.families.codes import KsStage

INDICATORS: list[tuple[str, KsStage, str]] = [
    ("ks1_makan", KsStage.KS1, "Makan dua kali sehari atau lebih"),
    (
        "ks1_pakaian",
        KsStage.KS1,
        "Punya pakaian berbeda untuk di rumah, bekerja/sekolah, bepergian",
    ),
    ("ks1_rumah", KsStage.KS1, "Atap, lantai dan dinding rumah baik"),
    ("ks1_berobat", KsStage.KS1, "Anggota yang sakit dibawa ke sarana kesehatan"),
    ("ks1_kb", KsStage.KS1, "PUS yang ingin ber-KB pergi ke sarana pelayanan kontrasepsi"),
    ("ks1_sekolah", KsStage.KS1, "Semua anak umur 7–15 tahun bersekolah"),
    ("ks2_ibadah", KsStage.KS2, "Anggota keluarga beribadah sesuai agamanya"),
    ("ks2_lauk", KsStage.KS2, "Seminggu sekali makan daging/ikan/telur"),
    ("ks2_pakaian_baru", KsStage.KS2, "Setiap anggota dapat satu stel pakaian baru setahun"),
    ("ks2_lantai", KsStage.KS2, "Luas lantai paling kurang 8 m² per penghuni"),
    ("ks2_sehat", KsStage.KS2, "Tiga bulan terakhir sehat dan dapat menjalankan tugas"),
    ("ks2_bekerja", KsStage.KS2, "Ada anggota 15 tahun ke atas yang berpenghasilan tetap"),
    ("ks2_baca_tulis", KsStage.KS2, "Anggota umur 10–60 tahun bisa baca tulisan latin"),
    ("ks2_pus_kb", KsStage.KS2, "PUS dengan anak dua atau lebih memakai kontrasepsi"),
    ("ks3_agama", KsStage.KS3, "Berupaya meningkatkan pengetahuan agama"),
    ("ks3_tabungan", KsStage.KS3, "Sebagian penghasilan ditabung (uang atau barang)"),
    ("ks3_makan_bersama", KsStage.KS3, "Makan bersama seminggu sekali untuk berkomunikasi"),
    ("ks3_masyarakat", KsStage.KS3, "Ikut kegiatan masyarakat di lingkungan"),
    ("ks3_informasi", KsStage.KS3, "Memperoleh informasi dari koran/radio/TV/internet"),
    ("ks3p_sumbangan", KsStage.KS3_PLUS, "Teratur menyumbang untuk kegiatan sosial"),
    ("ks3p_pengurus", KsStage.KS3_PLUS, "Ada anggota yang aktif sebagai pengurus organisasi"),
]
INDICATOR_CODES = [code for code, _, _ in INDICATORS]
LEVELS = [KsStage.KS1, KsStage.KS2, KsStage.KS3, KsStage.KS3_PLUS]


def derive_stage(answers: dict[str, bool]) -> str:
    """The Tahapan KS for a family's answers (codes of ``INDICATORS`` → met or not)."""
    stage = KsStage.PRA_S
    for level in LEVELS:
        if not all(answers.get(code) for code, lvl, _ in INDICATORS if lvl == level):
            break
        stage = level
    return stage.value
