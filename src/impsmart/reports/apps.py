from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class ReportsConfig(AppConfig):
    name = "impsmart.reports"
    verbose_name = _("Laporan bulanan")

    menu = [MenuEntry(30, _("Laporan"), "reports:list", Audience("view_aggregates"))]
    home_blocks = [
        HomeBlock(
            10,
            "reports/_home.html",
            "impsmart.reports.views.home_returned",
            reads=("reports.Report",),
        )
    ]
    demo_steps = [DemoStep(40, "laporan bulanan", "impsmart.demo.reports.step")]
