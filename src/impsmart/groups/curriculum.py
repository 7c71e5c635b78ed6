"""What each kind of group meets about (the R/I registers' *materi penyuluhan*), as data.

The topics follow the BKKBN modules cited in bkkbn-research.md b3: BKB child development with
the Kartu Kembang Anak, BKR parenting of teens, BKL the seven dimensions of healthy ageing
(*lansia tangguh*), UPPKA business and savings, PIK-R the youth topics (PUP, kespro,
HIV/AIDS, NAPZA, life skills). A kabupaten changes a list here, never in the views.
"""

from django.utils.translation import gettext_lazy as _

TOPICS = {
    "BKB": [
        ("bkb_tumbuh_kembang", _("Tumbuh kembang anak dan pemantauan dengan KKA")),
        ("bkb_motorik", _("Stimulasi motorik kasar dan halus")),
        ("bkb_bahasa", _("Stimulasi komunikasi dan bahasa")),
        ("bkb_kecerdasan", _("Stimulasi kecerdasan dan bermain")),
        ("bkb_sosial", _("Kemandirian dan perilaku sosial")),
        ("bkb_gizi", _("Gizi seimbang dan pencegahan stunting")),
        ("bkb_pengasuhan", _("Pengasuhan positif dan peran ayah")),
        ("bkb_kesehatan", _("Imunisasi dan kesehatan balita")),
        ("bkb_kb", _("KB dan jarak kelahiran bagi orang tua")),
        ("bkb_perlindungan", _("Perlindungan anak")),
    ],
    "BKR": [
        ("bkr_pengasuhan", _("Pengasuhan remaja")),
        ("bkr_pup", _("Pendewasaan usia perkawinan (PUP)")),
        ("bkr_fungsi_keluarga", _("Delapan fungsi keluarga")),
        ("bkr_kespro", _("Kesehatan reproduksi remaja")),
        ("bkr_gender", _("Kesetaraan gender")),
        ("bkr_napza", _("Bahaya NAPZA")),
        ("bkr_hiv", _("HIV/AIDS dan IMS")),
        ("bkr_komunikasi", _("Komunikasi orang tua dan remaja")),
    ],
    "BKL": [
        ("bkl_spiritual", _("Dimensi spiritual")),
        ("bkl_fisik", _("Dimensi fisik")),
        ("bkl_emosional", _("Dimensi emosional")),
        ("bkl_intelektual", _("Dimensi intelektual")),
        ("bkl_sosial", _("Dimensi sosial kemasyarakatan")),
        ("bkl_vokasional", _("Dimensi profesional dan vokasional")),
        ("bkl_lingkungan", _("Dimensi lingkungan")),
    ],
    "UPPKA": [
        ("uppka_usaha", _("Merintis dan mengelola usaha")),
        ("uppka_tabungan", _("Menabung dan iuran kelompok")),
        ("uppka_modal", _("Akses permodalan")),
        ("uppka_pemasaran", _("Pemasaran dan kemasan produk")),
        ("uppka_pembukuan", _("Pembukuan usaha sederhana")),
        ("uppka_kb", _("Kesertaan dan kemandirian ber-KB")),
    ],
    "PIK_R": [
        ("pikr_pup", _("Pendewasaan usia perkawinan (PUP)")),
        ("pikr_kespro", _("Kesehatan reproduksi")),
        ("pikr_hiv", _("HIV/AIDS dan IMS")),
        ("pikr_napza", _("NAPZA")),
        ("pikr_life_skills", _("Keterampilan hidup (life skills)")),
    ],
}


def topic_label(code: str) -> str:
    for topics in TOPICS.values():
        for topic, label in topics:
            if topic == code:
                return str(label)
    return code
