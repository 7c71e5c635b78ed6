"""Demo F/I/Dal and F/II/Dal reports, in the states of the demo's REKAP_PUS reports.

Each desa sends its F/I/Dal with its REKAP_PUS (``demo/reports.py``): the same status, the same
people and moments, the same late reasons and returns; where the kecamatan and the kabupaten
approved their REKAP_PUS, they approved their F/II/Dal too (with a column per desa or per
kecamatan). Figures come from one ``compute_tree`` per month, computed after the poktan,
institution, KIE and meeting steps. Written with ``bulk_create`` and one audit event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from impsmart.accounts import audit
from impsmart.regions.models import Level, Region
from impsmart.reports import engine
from impsmart.reports.models import Report

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

SOURCE = "REKAP_PUS"
DESA_FORM, RECAP_FORM = "F_I_DAL", "F_II_DAL"
# What a twin copies from its REKAP_PUS report (the review: who, when, why).
COPIED = [
    "region_code", "level", "month", "version", "status", "computed_at", "submitted_by",
    "submitted_at", "verified_by", "verified_at", "approved_by", "approved_at", "returned_by",
    "returned_at", "returned_reason", "late_reason",
]  # fmt: skip


def create_reports(kabupaten: Region) -> str:
    sources = Report.objects.filter(form=SOURCE).within(kabupaten.code).order_by("month", "pk")
    by_month: dict = {}
    for report in sources:
        by_month.setdefault(report.month, []).append(report)
    levels = (Level.DESA, Level.KECAMATAN, Level.KABUPATEN)
    twins = []
    for month, reports in by_month.items():
        tree = engine.compute_tree(RECAP_FORM, kabupaten.code, month, levels)
        for source in reports:
            computed = tree.get(source.region_code)
            if computed is None:  # a dusun report: F/I/Dal is made for desa and above
                continue
            twin = Report(**{name: getattr(source, name) for name in COPIED})
            twin.form = DESA_FORM if source.level == Level.DESA else RECAP_FORM
            breakdown = {} if source.level == Level.DESA else computed["breakdown"]
            twin.figures = {"rows": computed["rows"], "breakdown": breakdown}
            twins.append(twin)
    Report.objects.bulk_create(twins, batch_size=1000)
    summary = {"forms": [DESA_FORM, RECAP_FORM], "months": len(by_month), "reports": len(twins)}
    audit.record("event", "reports.Report", "demo", kabupaten.code, None, summary)
    return f"{len(twins)} laporan F/I/Dal dan F/II/Dal"


def step(ctx: DemoContext) -> str:
    return create_reports(ctx.kabupaten)
