from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import CADRES, FIELD_STAFF
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class GroupsConfig(AppConfig):
    name = "impsmart.groups"
    verbose_name = _("Poktan BKB, BKR, BKL, UPPKA, PIK-R")

    permissions = {
        # Add and change groups, enrol members, record sessions, KKA checks and capital.
        "manage_groups": FIELD_STAFF | CADRES,
    }
    menu = [MenuEntry(55, _("Poktan"), "groups:list", Audience("view_personal"))]
    home_blocks = [
        HomeBlock(
            45,
            "groups/_home.html",
            "impsmart.groups.views.home_block",
            Audience("view_personal"),
            reads=("groups.Group",),
        )
    ]
    demo_steps = [
        DemoStep(35, "poktan", "impsmart.demo.groups.step"),
        # After the reports (40), institutions (60) and meetings (70) it reads.
        DemoStep(75, "laporan F/I/Dal", "impsmart.demo.fdal.step"),
    ]
    api_routers = {"/groups": "impsmart.groups.api.router"}

    def ready(self) -> None:
        from impsmart.groups import fdal, grading  # noqa: F401  (poktan_active, F/I/Dal)

        if apps.is_installed("impsmart.training"):
            from impsmart.groups import practice  # noqa: F401  (a role of the cadre's competence)
