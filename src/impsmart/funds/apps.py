from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import CADRES, FIELD_STAFF, Role
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class FundsConfig(AppConfig):
    name = "impsmart.funds"
    verbose_name = _("Kemandirian: iuran dan arisan")

    permissions = {
        # Members' names and what each paid: read by field staff and cadres in scope.
        "view_funds": FIELD_STAFF | CADRES,
        # The treasurers are cadres; the PKB helps a desa keep its book.
        "keep_funds": CADRES | {Role.PKB},
    }
    menu = [MenuEntry(58, _("Iuran & arisan"), "funds:index", Audience("view_funds"))]
    home_blocks = [
        HomeBlock(
            40,
            "funds/_home.html",
            "impsmart.funds.views.home_block",
            audience=Audience("view_funds", CADRES | {Role.PKB}),
            reads=(
                "funds.ArisanCycle",
                "funds.ArisanDraw",
                "funds.Fund",
                "funds.FundMember",
                "funds.LedgerEntry",
            ),
        ),
    ]
    demo_steps = [DemoStep(65, "Iuran dan arisan", "impsmart.demo.funds.step")]
    api_routers = {"/funds": "impsmart.funds.api.router"}

    def ready(self) -> None:
        from impsmart import append_only  # noqa: F401  (registers the SQLite session flag)
        from impsmart.funds import grading  # noqa: F401  (registers fund_months)

        if apps.is_installed("impsmart.training"):
            from impsmart.funds import practice  # noqa: F401  (a role of the cadre's competence)
