"""Plain words for the MEC result: method names, category words and one phrase per condition.

Data only, marked for translation, so that a cadre reads "menyusui, kurang dari 6 minggu setelah
melahirkan" where the engine says ``bf_lt6w`` (and English mode reads it in English). Phrases are
keyed by the table's condition id without its ``__init``/``__cont`` suffix; the suffix adds a
phase phrase. ``tests/counseling/test_readable_result.py`` checks that every id has a phrase.
"""

from django.utils.translation import gettext_lazy as _

from . import mec, mec_facts

METHOD_NAMES = {
    "COC": _("Pil kombinasi"),
    "CIC": _("Suntik 1 bulan"),
    "POP": _("Pil progestin"),
    "DMPA": _("Suntik 3 bulan"),
    "IMPLANT": _("Implan"),
    "CU_IUD": _("IUD tembaga"),
    "LNG_IUD": _("IUD hormonal"),
    "KONDOM": _("Kondom"),
    "MAL": _("MAL (menyusui)"),
    "MOW": _("MOW (tubektomi)"),
    "MOP": _("MOP (vasektomi)"),
}

# The word beside each method; WHO's 1–4 scale, its split cells, and the surgical letters.
CATEGORY_WORDS = {
    "1": _("boleh"),
    "2": _("boleh, perlu pantau"),
    "2/3": _("boleh dengan pantauan atau umumnya tidak dianjurkan"),
    "3": _("umumnya tidak dianjurkan"),
    "3/4": _("umumnya tidak dianjurkan atau jangan"),
    "4": _("jangan"),
    "NA": _("tidak berlaku"),
    "A": _("boleh"),
    "C": _("hati-hati"),
    "D": _("tunda"),
    "D/C": _("tunda atau hati-hati"),
    "S": _("di fasilitas khusus"),
}
CATEGORY_MEANINGS = {
    "1": _("Boleh dipakai tanpa batasan."),
    "2": _("Boleh dipakai: manfaatnya lebih besar daripada risikonya. Pantau keluhan klien."),
    "2/3": _(
        "Tergantung berat-ringannya kondisi: boleh dengan pantauan, atau umumnya tidak "
        "dianjurkan. Bidan yang menilai."
    ),
    "3": _(
        "Umumnya tidak dianjurkan: risikonya biasanya lebih besar daripada manfaatnya. Hanya "
        "bila tidak ada metode lain yang cocok, dan bidan/dokter yang memutuskan."
    ),
    "3/4": _(
        "Tergantung berat-ringannya kondisi: umumnya tidak dianjurkan, atau tidak boleh sama "
        "sekali. Bidan/dokter yang menilai."
    ),
    "4": _("Jangan dipakai: risikonya terlalu besar."),
    "NA": _(
        "Tidak berlaku untuk keadaan klien sekarang (misalnya sedang hamil, atau tekanan darah "
        "belum diukur)."
    ),
    "A": _("Tidak ada alasan medis untuk menolak tindakan ini."),
    "C": _("Tindakan boleh dilakukan seperti biasa, dengan persiapan dan kewaspadaan tambahan."),
    "D": _(
        "Tindakan ditunda sampai kondisinya diperiksa atau diobati; sementara itu pakai metode "
        "lain."
    ),
    "D/C": _("Ditunda bila Hb di bawah 7 g/dl; hati-hati bila Hb 7 sampai di bawah 10 g/dl."),
    "S": _(
        "Tindakan dilakukan di fasilitas dengan dokter berpengalaman, pembiusan umum dan "
        "peralatan pendukung."
    ),
}
MAL_CAUTION = _(
    "Boleh dengan hati-hati: ibu dengan HIV yang menyusui eksklusif sambil minum obat ARV. "
    "Bicarakan dengan bidan."
)
MAL_CRITERIA = _(
    "MAL hanya melindungi bila ketiga syarat terpenuhi: belum haid lagi sejak melahirkan, "
    "menyusui penuh atau hampir penuh, dan bayi berumur kurang dari 6 bulan."
)
# The result's notes (the engine's Indonesian text) in plain, translatable words.
NOTES = {
    mec_facts.NOTE_SINGLE_BP_READING: _(
        "Tekanan darah tinggi baru diukur sekali; ukur ulang sebelum menyatakan hipertensi."
    ),
    mec.NOTE_NO_EARLY_MOW_ROW: _(
        "Untuk tubektomi kurang dari 7 hari setelah melahirkan, panduan WHO tidak memberi "
        "kategori; tanyakan bidan."
    ),
    mec.NOTE_MAL_CRITERIA_UNMET: _(
        "Syarat MAL tidak terpenuhi (tidak menyusui, atau bayi sudah 6 bulan atau lebih)."
    ),
    mec.NOTE_MULTIPLE_CVD_RISK: _(
        "Klien punya beberapa faktor risiko penyakit jantung dan pembuluh darah. Bidan/dokter "
        "perlu menilai apakah gabungannya membuat metode hormonal tidak dianjurkan."
    ),
    mec.NOTE_BP_UNAVAILABLE: _(
        "Tekanan darah belum diukur. Pil progestin, suntik 3 bulan dan implan tidak boleh "
        "ditolak hanya karena hal ini."
    ),
}

PHASES = {
    "init": _("%(condition)s (sebelum mulai memakai)"),
    "cont": _("%(condition)s (muncul saat sudah memakai)"),
}
CONDITIONS = {
    "pregnant": _("sedang hamil"),
    "age_lt18": _("umur di bawah 18 tahun"),
    "age_18_19": _("umur 18–19 tahun"),
    "age_20_39": _("umur 20–39 tahun"),
    "age_40_45": _("umur 40–45 tahun"),
    "age_gt45": _("umur di atas 45 tahun"),
    "young_age": _("usia muda (untuk sterilisasi)"),
    "nulliparous": _("belum pernah melahirkan"),
    "parous": _("pernah melahirkan"),
    "bf_lt6w": _("menyusui, kurang dari 6 minggu setelah melahirkan"),
    "bf_6w_6m": _("menyusui, 6 minggu sampai kurang dari 6 bulan setelah melahirkan"),
    "bf_6m_plus": _("menyusui, 6 bulan atau lebih setelah melahirkan"),
    "pp_nobf_lt21d": _("tidak menyusui, kurang dari 21 hari setelah melahirkan"),
    "pp_nobf_lt21d_vte": _(
        "tidak menyusui, kurang dari 21 hari setelah melahirkan, dengan faktor risiko bekuan darah"
    ),
    "pp_nobf_21_42d": _("tidak menyusui, 21–42 hari setelah melahirkan"),
    "pp_nobf_21_42d_vte": _(
        "tidak menyusui, 21–42 hari setelah melahirkan, dengan faktor risiko bekuan darah"
    ),
    "pp_nobf_gt42d": _("tidak menyusui, lebih dari 42 hari setelah melahirkan"),
    "pp_iud_lt48h_bf": _("kurang dari 48 jam setelah melahirkan, menyusui (waktu pasang IUD)"),
    "pp_iud_lt48h_nobf": _(
        "kurang dari 48 jam setelah melahirkan, tidak menyusui (waktu pasang IUD)"
    ),
    "pp_iud_48h_4w": _("48 jam sampai kurang dari 4 minggu setelah melahirkan (waktu pasang IUD)"),
    "pp_iud_4w_plus": _("4 minggu atau lebih setelah melahirkan (waktu pasang IUD)"),
    "puerperal_sepsis": _("infeksi berat (sepsis) setelah melahirkan"),
    "pp_mow_7_41d": _("7–41 hari setelah melahirkan (untuk tubektomi)"),
    "postabortion_t1": _("setelah keguguran pada 3 bulan pertama kehamilan"),
    "postabortion_t2": _("setelah keguguran pada 3 bulan kedua kehamilan"),
    "postabortion_septic": _("baru keguguran dengan infeksi berat (sepsis)"),
    "past_ectopic": _("pernah hamil di luar kandungan"),
    "pelvic_surgery_hx": _("pernah operasi di daerah panggul"),
    "smoking_lt35": _("merokok, umur di bawah 35 tahun"),
    "smoking_35plus_lt15": _("merokok kurang dari 15 batang sehari, umur 35 tahun atau lebih"),
    "smoking_35plus_15plus": _("merokok 15 batang atau lebih sehari, umur 35 tahun atau lebih"),
    "obesity_bmi30": _("kegemukan (IMT 30 atau lebih)"),
    "bp_unavailable": _("tekanan darah tidak dapat diukur"),
    "multiple_cvd_risk": _(
        "beberapa faktor risiko penyakit jantung dan pembuluh darah (umur lebih tua, merokok, "
        "diabetes, hipertensi)"
    ),
    "htn_hx_bp_unknown": _("pernah hipertensi, tekanan darah sekarang tidak dapat diukur"),
    "htn_controlled": _("hipertensi yang terkontrol"),
    "htn_140_159": _("tekanan darah tinggi: atas 140–159 atau bawah 90–99"),
    "htn_160plus": _("tekanan darah tinggi: atas 160 atau lebih, atau bawah 100 atau lebih"),
    "htn_vascular": _("hipertensi dengan penyakit pembuluh darah"),
    "htn_pregnancy_hx": _("pernah tekanan darah tinggi saat hamil, sekarang normal"),
    "dvt_hx": _("pernah trombosis vena dalam atau emboli paru"),
    "dvt_acute": _("sedang mengalami trombosis vena dalam atau emboli paru"),
    "dvt_anticoag": _("trombosis vena dalam atau emboli paru, minum obat pengencer darah"),
    "dvt_family_hx": _("keluarga dekat pernah trombosis vena dalam atau emboli paru"),
    "surgery_major_immob": _("operasi besar, lama tidak bisa bergerak"),
    "surgery_major_noimmob": _("operasi besar, tidak lama berbaring"),
    "surgery_minor": _("operasi kecil"),
    "thrombogenic_mutations": _("kelainan bawaan yang memudahkan darah membeku"),
    "varicose_veins": _("varises"),
    "superficial_thrombosis": _("bekuan darah di pembuluh vena dekat kulit"),
    "ihd_current": _("penyakit jantung koroner sekarang"),
    "ihd_history": _("pernah penyakit jantung koroner"),
    "stroke_hx": _("pernah stroke"),
    "dyslipidaemia": _("kadar lemak darah tidak normal"),
    "valvular_uncomplicated": _("penyakit katup jantung tanpa komplikasi"),
    "valvular_complicated": _("penyakit katup jantung dengan komplikasi"),
    "sle_apl": _("lupus dengan antibodi antifosfolipid positif atau belum diketahui"),
    "sle_thrombocytopenia": _("lupus dengan trombosit sangat rendah"),
    "sle_immunosuppressive": _("lupus dengan obat penekan daya tahan tubuh"),
    "sle_none": _("lupus tanpa keadaan berat lainnya"),
    "headache_nonmigraine": _("sakit kepala bukan migrain"),
    "migraine_noaura_lt35": _("migrain tanpa aura, umur di bawah 35 tahun"),
    "migraine_noaura_35plus": _("migrain tanpa aura, umur 35 tahun atau lebih"),
    "migraine_aura": _("migrain dengan aura"),
    "depressive_disorders": _("depresi"),
    "bleeding_irregular": _("haid tidak teratur, tidak banyak"),
    "bleeding_heavy": _("haid banyak atau lama"),
    "unexplained_bleeding": _("perdarahan dari vagina yang belum jelas sebabnya"),
    "endometriosis": _("endometriosis"),
    "benign_ovarian_tumour": _("tumor jinak indung telur (termasuk kista)"),
    "dysmenorrhoea_severe": _("nyeri haid berat"),
    "gtd_hcg_decreasing": _("hamil anggur, kadar hCG menurun atau tidak terdeteksi"),
    "gtd_hcg_elevated": _("hamil anggur, kadar hCG tetap tinggi atau ganas"),
    "cervical_ectropion": _("ektropion leher rahim"),
    "cin": _("lesi prakanker leher rahim"),
    "cervical_cancer": _("kanker leher rahim, menunggu pengobatan"),
    "breast_mass_undiagnosed": _("benjolan payudara yang belum diperiksa"),
    "breast_benign": _("penyakit payudara jinak"),
    "breast_family_hx": _("keluarga pernah kanker payudara"),
    "breast_cancer_current": _("kanker payudara sekarang"),
    "breast_cancer_past": _("pernah kanker payudara, 5 tahun terakhir tanpa tanda penyakit"),
    "endometrial_cancer": _("kanker dinding rahim"),
    "ovarian_cancer": _("kanker indung telur"),
    "fibroids_no_distortion": _("mioma rahim yang tidak mengubah bentuk rongga rahim"),
    "fibroids_distortion": _("mioma rahim yang mengubah bentuk rongga rahim"),
    "anat_distorted_cavity": _("kelainan bentuk rongga rahim"),
    "anat_other": _("kelainan bentuk lain yang tidak mengubah rongga rahim"),
    "pid_past_pregnancy": _("pernah radang panggul, sesudahnya pernah hamil"),
    "pid_past_nopregnancy": _("pernah radang panggul, sesudahnya belum pernah hamil"),
    "pid_current": _("radang panggul sekarang"),
    "sti_cervicitis_ct_gc": _(
        "infeksi menular seksual sekarang: radang leher rahim bernanah, klamidia atau gonore"
    ),
    "sti_other": _("infeksi menular seksual lain (bukan HIV atau hepatitis)"),
    "vaginitis": _("radang vagina (termasuk trikomonas dan vaginosis bakterial)"),
    "sti_increased_risk": _("risiko tinggi infeksi menular seksual"),
    "hiv_high_risk": _("risiko tinggi tertular HIV"),
    "hiv_stage12": _("HIV tanpa gejala atau ringan (stadium 1 atau 2)"),
    "hiv_stage34": _("HIV berat atau lanjut (stadium 3 atau 4)"),
    "arv_nrti": _("minum obat ARV golongan NRTI"),
    "arv_nnrti_efv_nvp": _("minum obat ARV efavirenz atau nevirapin"),
    "arv_nnrti_etr_rpv": _("minum obat ARV etravirin atau rilpivirin"),
    "arv_pi": _("minum obat ARV golongan penghambat protease"),
    "arv_integrase_ral": _("minum obat ARV raltegravir"),
    "schisto_uncomplicated": _("skistosomiasis (demam keong) tanpa komplikasi"),
    "schisto_liver_fibrosis": _("skistosomiasis (demam keong) dengan pengerasan hati"),
    "tb_nonpelvic": _("TBC bukan di panggul"),
    "tb_pelvic": _("TBC di panggul"),
    "malaria": _("malaria"),
    "diabetes_gestational_hx": _("pernah diabetes saat hamil"),
    "diabetes_nonvasc_niddm": _("diabetes tanpa penyakit pembuluh darah, tanpa insulin"),
    "diabetes_nonvasc_iddm": _("diabetes tanpa penyakit pembuluh darah, memakai insulin"),
    "diabetes_organ_damage": _("diabetes dengan kerusakan ginjal, mata atau saraf"),
    "diabetes_vascular_20y": _(
        "diabetes dengan penyakit pembuluh darah lain, atau sudah lebih dari 20 tahun"
    ),
    "thyroid_goitre": _("gondok biasa"),
    "thyroid_hyper": _("kelenjar gondok terlalu aktif (hipertiroid)"),
    "thyroid_hypo": _("kelenjar gondok kurang aktif (hipotiroid)"),
    "gallbladder_cholecystectomy": _("penyakit kandung empedu, sudah dioperasi"),
    "gallbladder_medical": _("penyakit kandung empedu, diobati dengan obat"),
    "gallbladder_current": _("penyakit kandung empedu dengan keluhan sekarang"),
    "gallbladder_asymptomatic": _("penyakit kandung empedu tanpa keluhan"),
    "cholestasis_pregnancy": _("pernah gangguan aliran empedu saat hamil"),
    "cholestasis_coc": _("pernah gangguan aliran empedu karena pil kombinasi"),
    "hepatitis_acute": _("hepatitis akut atau kambuh"),
    "hepatitis_carrier": _("pembawa virus hepatitis"),
    "hepatitis_chronic": _("hepatitis kronis"),
    "cirrhosis_mild": _("sirosis hati ringan"),
    "cirrhosis_severe": _("sirosis hati berat"),
    "liver_fnh": _("tumor hati jinak (hiperplasia nodular fokal)"),
    "liver_adenoma": _("tumor hati jinak (adenoma)"),
    "liver_malignant": _("kanker hati"),
    "thalassaemia": _("talasemia"),
    "sickle_cell": _("anemia sel sabit"),
    "iron_deficiency_anaemia": _("anemia kurang zat besi"),
    "anticonvulsants": _(
        "minum obat anti-kejang tertentu (fenitoin, karbamazepin, barbiturat, primidon, "
        "topiramat, okskarbazepin)"
    ),
    "lamotrigine": _("minum lamotrigin (obat anti-kejang)"),
    "antibiotics_broad": _("minum antibiotik spektrum luas"),
    "antifungals_antiparasitics": _("minum obat antijamur atau antiparasit"),
    "rifampicin": _("minum rifampisin atau rifabutin (obat TBC)"),
    "systemic_infection": _("infeksi berat di seluruh tubuh, atau muntah-berak"),
    "coagulation_disorders": _("gangguan pembekuan darah"),
    "latex_allergy": _("alergi lateks"),
}


def condition_phrase(condition_id: str) -> str:
    """The plain phrase of a table row (an id from an older table is shown as it is)."""
    base, _sep, phase = condition_id.partition("__")
    phrase = CONDITIONS.get(base, base)
    if phase in PHASES:
        return PHASES[phase] % {"condition": phrase}
    return str(phrase)
