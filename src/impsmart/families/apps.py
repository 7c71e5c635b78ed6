from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import CADRES, FIELD_STAFF
from impsmart.plugins import Audience, DemoStep, HomeBlock


class FamiliesConfig(AppConfig):
    name = "impsmart.families"
    verbose_name = _("Keluarga dan PUS")

    permissions = {
        # Families, members, KB episodes, pregnancies and intentions.
        "edit_register": FIELD_STAFF | CADRES,
    }
    home_blocks = [HomeBlock(40, "families/_home.html", audience=Audience("view_personal"))]
    demo_steps = [DemoStep(30, "keluarga", "impsmart.demo.families.step")]
    api_routers = {"/families": "impsmart.api.families.router"}

    def ready(self) -> None:
        from impsmart.families import pus_months  # noqa: F401  (connects its signals)
