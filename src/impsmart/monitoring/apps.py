from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import FIELD_STAFF, Role
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class MonitoringConfig(AppConfig):
    name = "impsmart.monitoring"
    verbose_name = _("Monitoring dan evaluasi")

    permissions = {
        # The Dinas marks the medium-term replication desa of its kabupaten.
        "manage_replication": {Role.ADMIN_KABUPATEN},
        # The Dinas adjusts the thresholds of the replication targets of its kabupaten.
        "manage_targets": {Role.ADMIN_KABUPATEN},
    }
    menu = [
        MenuEntry(
            45,
            _("Monev"),
            "monitoring:overview",
            Audience("view_aggregates", FIELD_STAFF | {Role.PIMPINAN}),
        ),
    ]
    # Under the leaders' key figures: the scorecard in one line and the bulletin.
    home_blocks = [
        HomeBlock(
            6,
            "monitoring/_home.html",
            "impsmart.monitoring.views.home_block",
            Audience("view_aggregates", frozenset({Role.PIMPINAN, Role.ADMIN_KABUPATEN})),
            head="monitoring/_head.html",
            cached=True,
        ),
    ]
    demo_steps = [DemoStep(95, "Desa replikasi", "impsmart.monitoring.demo.step")]
    api_routers = {
        "/scorecard": "impsmart.monitoring.api.scorecard_router",
        "/trends": "impsmart.monitoring.api.trends_router",
    }

    def ready(self) -> None:
        from impsmart.monitoring import providers  # noqa: F401  (registers T1–T9)
