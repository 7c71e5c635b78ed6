"""The ``--region`` argument of the training commands: a known region code."""

from __future__ import annotations

import argparse

from impsmart import params
from impsmart.regions.models import Region


def region_argument(code: str) -> str:
    if not params.REGION_CODE.match(code) or not Region.objects.filter(code=code).exists():
        raise argparse.ArgumentTypeError(f"Wilayah {code!r} tidak dikenal (mis. 73.06.06).")
    return code
