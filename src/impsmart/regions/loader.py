"""Loading one kabupaten's regions from the bundled Kemendagri data (idn-area-data 4.0.1)."""

import csv
import functools
import json
from dataclasses import dataclass
from importlib import resources

from django.db import transaction

from impsmart.regions.models import Deployment, Level, Region

DATA = resources.files("impsmart.regions") / "data"


class UnknownKabupaten(ValueError):
    pass


@dataclass
class LoadResult:
    kabupaten: Region
    created: int
    updated: int
    unchanged: int


@functools.cache
def _table(filename: str) -> tuple[dict, ...]:
    """A bundled CSV, read once per process (setup of many kabupaten and the tests reuse it)."""
    with (DATA / filename).open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


def _rows(filename: str, parent_field: str, parent_codes: set[str]) -> list[dict]:
    return [row for row in _table(filename) if row[parent_field] in parent_codes]


@functools.cache
def _boundaries(kabupaten_code: str) -> dict[str, dict]:
    """Boundary geometry and centroid per code, when the kabupaten ships boundary files."""
    found: dict[str, dict] = {}
    for suffix in ("kecamatan", "desa"):
        path = DATA / f"{kabupaten_code}-{suffix}.geojson"
        if not path.is_file():
            continue
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            props = feature["properties"]
            found[props["code"]] = {
                "boundary": feature["geometry"],
                "lat": props.get("centroid_lat"),
                "lng": props.get("centroid_lng"),
            }
    return found


def _desired(kabupaten_code: str) -> list[Region]:
    """The province, kabupaten, kecamatan and desa rows for one kabupaten, parents first."""
    province_code = kabupaten_code.split(".")[0]
    regencies = _rows("regencies.csv", "code", {kabupaten_code})
    if not regencies:
        raise UnknownKabupaten(
            f"Kode kabupaten/kota {kabupaten_code!r} tidak dikenal. Gunakan kode Kemendagri "
            "seperti 73.06 (Gowa) atau 32.04 (Bandung)."
        )
    province = _rows("provinces.csv", "code", {province_code})[0]
    districts = _rows("districts.csv", "regency_code", {kabupaten_code})
    villages = _rows("villages.csv", "district_code", {d["code"] for d in districts})
    geo = _boundaries(kabupaten_code)
    name = regencies[0]["name"]
    regions = [
        Region(code=province_code, name=province["name"], level=Level.PROVINSI),
        Region(
            code=kabupaten_code,
            name=name.removeprefix("Kabupaten ").removeprefix("Kota "),
            level=Level.KABUPATEN,
            kind="kota" if name.startswith("Kota ") else "kabupaten",
            parent_id=province_code,
        ),
    ]
    for d in districts:
        regions.append(
            Region(
                code=d["code"],
                name=d["name"],
                level=Level.KECAMATAN,
                parent_id=kabupaten_code,
                **geo.get(d["code"], {}),
            )
        )
    for v in villages:
        kind = "kelurahan" if v["code"].split(".")[3].startswith("1") else "desa"
        regions.append(
            Region(
                code=v["code"],
                name=v["name"],
                level=Level.DESA,
                kind=kind,
                parent_id=v["district_code"],
                **geo.get(v["code"], {}),
            )
        )
    return regions


FIELDS = ["name", "level", "kind", "parent_id", "lat", "lng", "boundary"]


@transaction.atomic
def load_kabupaten(kabupaten_code: str) -> LoadResult:
    """Create or refresh a kabupaten's regions; running it again changes nothing."""
    desired = _desired(kabupaten_code)
    existing = Region.objects.in_bulk([r.code for r in desired])
    new = [r for r in desired if r.code not in existing]
    changed = [
        r
        for r in desired
        if r.code in existing and any(getattr(r, f) != getattr(existing[r.code], f) for f in FIELDS)
    ]
    Region.objects.bulk_create(new, batch_size=500)
    Region.objects.bulk_update(changed, FIELDS, batch_size=500)
    kabupaten = Region.objects.get(code=kabupaten_code)
    if not Deployment.objects.exists():
        Deployment.objects.create(kabupaten=kabupaten)
    return LoadResult(kabupaten, len(new), len(changed), len(desired) - len(new) - len(changed))
