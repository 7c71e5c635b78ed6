"""A report as a DHIS2 ``dataValueSets`` payload (the JSON that ``/api/dataValueSets`` takes).

The mapping from row codes to data element UIDs, and from region codes to organisation unit
UIDs, is data: ``reports/data/dhis2_mapping.json`` ships example UIDs; a kabupaten puts its
own file at ``var/dhis2_mapping.json`` (beside the database), which replaces it. Rows without
a data element are not sent. See docs/reports.md.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from impsmart.reports.models import Report

PACKAGED = Path(__file__).resolve().parent / "data" / "dhis2_mapping.json"


def mapping_path() -> Path:
    local = Path(settings.VAR_DIR) / "dhis2_mapping.json"
    return local if local.exists() else PACKAGED


def load_mapping() -> dict:
    return json.loads(mapping_path().read_text(encoding="utf-8"))


def org_unit(region_code: str, mapping: dict) -> str:
    if region_code in mapping.get("org_units", {}):
        return mapping["org_units"][region_code]
    if mapping.get("org_unit_default") == "kemendagri_digits":
        return region_code.replace(".", "")
    return region_code


def _values(values: dict, org: str, period: str, elements: dict) -> list[dict]:
    return [
        {"dataElement": elements[code], "period": period, "orgUnit": org, "value": str(value)}
        for code, value in values.items()
        if code in elements and value is not None
    ]


def data_value_set(report: Report, *, include_children: bool = False) -> dict:
    """``{"dataValues": [{"dataElement", "period": "YYYYMM", "orgUnit", "value"}]}``."""
    mapping = load_mapping()
    elements = mapping.get("data_elements", {})
    period = f"{report.month:%Y%m}"
    own = {row["code"]: row["value"] for row in report.figures.get("rows", [])}
    data = _values(own, org_unit(report.region_code, mapping), period, elements)
    if include_children:
        for child, values in sorted(report.figures.get("breakdown", {}).items()):
            data += _values(values, org_unit(child, mapping), period, elements)
    return {"dataValues": data}
