"""How many demo families each desa/kelurahan gets: a plausible share of the kabupaten.

Gowa's shares follow the kecamatan populations of the 2010 census (BPS Sensus Penduduk 2010 by
kecamatan, as tabulated by English Wikipedia citing Biro Pusat Statistik 2011; copied from
``gowa_stats.csv`` of the project's shared data). Other kabupaten split evenly by kecamatan.
Inside a kecamatan, a kelurahan (urban) weighs a little more than a desa, with some jitter.
"""

from __future__ import annotations

import random

from impsmart.regions.models import Region

KECAMATAN_POPULATION_2010 = {
    "73.06.01": 39295,  # Bontonompo
    "73.06.02": 62334,  # Bajeng
    "73.06.03": 28971,  # Tompobulu
    "73.06.04": 22138,  # Tinggimoncong
    "73.06.05": 16564,  # Parangloe
    "73.06.06": 31250,  # Bontomarannu
    "73.06.07": 98721,  # Pallangga
    "73.06.08": 130287,  # Somba Opu
    "73.06.09": 15847,  # Bungaya
    "73.06.10": 26876,  # Tombolopao
    "73.06.11": 32347,  # Biringbulu
    "73.06.12": 34526,  # Barombong
    "73.06.13": 21881,  # Pattallasang
    "73.06.14": 14093,  # Manuju
    "73.06.15": 13332,  # Bontolempangang
    "73.06.16": 28471,  # Bontonompo Selatan
    "73.06.17": 13089,  # Parigi
    "73.06.18": 22918,  # Bajeng Barat
}
KELURAHAN_WEIGHT = 1.4


def desa_weights(desas: list[Region], rng: random.Random) -> list[float]:
    """One weight per desa: its kecamatan's population share split over its desa."""
    per_kecamatan: dict[str, int] = {}
    for desa in desas:
        per_kecamatan[desa.parent_id] = per_kecamatan.get(desa.parent_id, 0) + 1
    weights = []
    for desa in desas:
        population = KECAMATAN_POPULATION_2010.get(desa.parent_id, 30000)
        kind = KELURAHAN_WEIGHT if desa.kind == "kelurahan" else 1.0
        weights.append(population / per_kecamatan[desa.parent_id] * kind * rng.uniform(0.7, 1.3))
    return weights


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder); each gets one first when possible."""
    if not weights:
        return []
    base = 1 if total >= len(weights) else 0
    rest = total - base * len(weights)
    whole = sum(weights)
    shares = [rest * w / whole for w in weights]
    counts = [base + int(s) for s in shares]
    left = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in order[:left]:
        counts[i] += 1
    return counts
