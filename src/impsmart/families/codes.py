"""Code lists of the family register (BKKBN/SIGA vocabulary)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Relation(models.TextChoices):
    HEAD = "kepala", _("Kepala keluarga")
    WIFE = "istri", _("Istri")
    HUSBAND = "suami", _("Suami")
    CHILD = "anak", _("Anak")
    CHILD_IN_LAW = "menantu", _("Menantu")
    GRANDCHILD = "cucu", _("Cucu")
    PARENT = "orang_tua", _("Orang tua/mertua")
    OTHER = "lainnya", _("Famili lain")


class Marital(models.TextChoices):
    SINGLE = "belum_kawin", _("Belum kawin")
    MARRIED = "kawin", _("Kawin")
    DIVORCED = "cerai_hidup", _("Cerai hidup")
    WIDOWED = "cerai_mati", _("Cerai mati")


class Education(models.TextChoices):
    NONE = "tidak_sekolah", _("Tidak/belum sekolah")
    SD = "sd", _("SD/sederajat")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/sederajat")
    DIPLOMA = "diploma", _("Diploma")
    UNIVERSITY = "sarjana", _("S1 atau lebih")


class Method(models.TextChoices):
    """Programme method codes of the register; MKJP are the first four."""

    IUD = "IUD", _("IUD")
    MOW = "MOW", _("MOW (tubektomi)")
    MOP = "MOP", _("MOP (vasektomi)")
    IMPLAN = "IMPLAN", _("Implan")
    SUNTIK1 = "SUNTIK1", _("Suntik 1 bulan")
    SUNTIK3 = "SUNTIK3", _("Suntik 3 bulan")
    PIL = "PIL", _("Pil")
    KONDOM = "KONDOM", _("Kondom")
    MAL = "MAL", _("MAL")


MKJP = {Method.IUD, Method.MOW, Method.MOP, Method.IMPLAN}
PERMANENT = {Method.MOW, Method.MOP}
# WHO MEC method types that each programme method may be recorded as (domain.md §3).
METHOD_TYPES = {
    Method.PIL: {"COC", "POP"},
    Method.SUNTIK1: {"CIC"},
    Method.SUNTIK3: {"DMPA"},
    Method.IMPLAN: {"IMPLANT"},
    Method.IUD: {"CU_IUD", "LNG_IUD"},
    Method.KONDOM: {"KONDOM"},
    Method.MAL: {"MAL"},
    Method.MOW: {"MOW"},
    Method.MOP: {"MOP"},
}


class MethodType(models.TextChoices):
    """The WHO MEC types a cadre may record where one programme method has two."""

    COC = "COC", _("Pil kombinasi")
    POP = "POP", _("Pil progestin")
    CU_IUD = "CU_IUD", _("IUD tembaga")
    LNG_IUD = "LNG_IUD", _("IUD hormonal")


class Jalur(models.TextChoices):
    GOVERNMENT = "pemerintah", _("Pemerintah")
    PRIVATE = "swasta", _("Swasta")


class Place(models.TextChoices):
    PUSKESMAS = "puskesmas", _("Puskesmas")
    PUSTU = "pustu", _("Pustu")
    POLINDES = "polindes", _("Bidan desa/polindes")
    BPM = "bpm", _("Bidan praktik mandiri")
    CLINIC = "klinik", _("Dokter/klinik swasta")
    HOSPITAL = "rs", _("Rumah sakit")
    PHARMACY = "apotek", _("Apotek")
    OTHER = "lainnya", _("Lainnya")


class EndReason(models.TextChoices):
    WANTS_CHILD = "ingin_hamil", _("Ingin hamil")
    SIDE_EFFECT = "efek_samping", _("Efek samping/keluhan")
    SWITCH = "ganti_cara", _("Ganti cara")
    FAILURE = "hamil", _("Hamil saat ber-KB (gagal)")
    SEPARATED = "pisah", _("Cerai/pisah/suami jauh")
    MENOPAUSE = "menopause", _("Menopause")
    SUPPLY = "akses", _("Tidak ada layanan/alat")
    OTHER = "lainnya", _("Lainnya")


class Outcome(models.TextChoices):
    LIVE_BIRTH = "lahir_hidup", _("Lahir hidup")
    STILLBIRTH = "lahir_mati", _("Lahir mati")
    MISCARRIAGE = "keguguran", _("Keguguran")


class Intention(models.TextChoices):
    IAS = "IAS", _("Ingin anak segera (IAS)")
    IAT = "IAT", _("Ingin anak ditunda (IAT)")
    TIAL = "TIAL", _("Tidak ingin anak lagi (TIAL)")


class ExitReason(models.TextChoices):
    DIED = "meninggal", _("Meninggal")
    MOVED = "pindah", _("Pindah")
    MARRIED_OUT = "kawin_keluar", _("Menikah, ikut keluarga lain")


class KsStage(models.TextChoices):
    PRA_S = "pra_s", _("Pra-S")
    KS1 = "ks1", _("KS I")
    KS2 = "ks2", _("KS II")
    KS3 = "ks3", _("KS III")
    KS3_PLUS = "ks3_plus", _("KS III Plus")


def status_key() -> list[tuple[str, str]]:
    """Every status code the Register PUS cells show, with its meaning (the grid's key)."""
    return [(code, status_label(code)) for code in [*Method.values, "H", *Intention.values, "?"]]


def status_label(status: str) -> str:
    """A woman's monthly status (a method code, H, IAS/IAT/TIAL or ?) in words."""
    if status in Method.values:
        return Method(status).label
    if status in Intention.values:
        return Intention(status).label
    return {"H": _("Hamil"), "?": _("Belum diketahui")}.get(status, status)
