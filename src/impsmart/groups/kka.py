"""The Kartu Kembang Anak (KKA) of a BKB: age bands, their milestones, and the referral rule.

Milestones are data (a few per band, after the KKA's aspects: gross and fine motor,
communication, intelligence, self-help, social). The card's rule (anchors-wave2.md §6): a task
not achieved for three consecutive checks puts the child below the red line: refer.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from impsmart.dates import age_on

BANDS = ["0-1", "1-2", "2-3", "3-4", "4-5", "5-6"]
BAND_LABELS = {band: f"{band.replace('-', '–<')} th" for band in BANDS}
MISSED_CHECKS_FOR_REFERRAL = 3

MILESTONES = {
    "0-1": [
        ("0_tengkurap", _("Tengkurap dan mengangkat kepala")),
        ("0_meraih", _("Meraih dan menggenggam benda")),
        ("0_mengoceh", _("Mengoceh dan menoleh ke suara")),
        ("0_duduk", _("Duduk tanpa bantuan")),
    ],
    "1-2": [
        ("1_berjalan", _("Berjalan sendiri")),
        ("1_kata", _("Mengucapkan beberapa kata")),
        ("1_menumpuk", _("Menumpuk dua kubus")),
        ("1_minum", _("Minum dari gelas sendiri")),
    ],
    "2-3": [
        ("2_berlari", _("Berlari dan naik tangga")),
        ("2_kalimat", _("Berbicara dua sampai tiga kata")),
        ("2_menunjuk", _("Menunjuk bagian tubuh")),
        ("2_makan", _("Makan sendiri dengan sendok")),
    ],
    "3-4": [
        ("3_satu_kaki", _("Berdiri pada satu kaki")),
        ("3_lingkaran", _("Menggambar lingkaran")),
        ("3_nama", _("Menyebut nama dan umurnya")),
        ("3_bermain", _("Bermain bersama teman")),
    ],
    "4-5": [
        ("4_melompat", _("Melompat dengan satu kaki")),
        ("4_warna", _("Menyebut empat warna")),
        ("4_berpakaian", _("Berpakaian sendiri")),
        ("4_bercerita", _("Bercerita pengalaman singkat")),
    ],
    "5-6": [
        ("5_menulis", _("Menulis nama sendiri")),
        ("5_berhitung", _("Berhitung sampai sepuluh")),
        ("5_aturan", _("Bermain dengan aturan")),
        ("5_kancing", _("Memasang kancing baju")),
    ],
}


def band_of(birth_date: dt.date, day: dt.date) -> str | None:
    """The child's band on ``day`` (0–<1 … 5–<6), None from six years on."""
    age = age_on(birth_date, day)
    return BANDS[age] if 0 <= age < len(BANDS) else None


def codes_of(band: str) -> list[str]:
    return [code for code, _label in MILESTONES[band]]


def missed(band: str, ticked: list[str]) -> set[str]:
    return set(codes_of(band)) - set(ticked)


def needs_referral(band: str, ticked: list[str], earlier: list[tuple[str, list[str]]]) -> bool:
    """A milestone of ``band`` missed now and at the child's two checks before (same band).

    ``earlier`` holds the child's previous checks, latest first, as (band, ticked).
    """
    previous = earlier[: MISSED_CHECKS_FOR_REFERRAL - 1]
    if len(previous) < MISSED_CHECKS_FOR_REFERRAL - 1:
        return False
    still = missed(band, ticked)
    for other_band, other_ticked in previous:
        still &= missed(band, other_ticked) if other_band == band else set()
    return bool(still)
