from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import CADRES, FIELD_STAFF
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class FamiliesConfig(AppConfig):
    name = "impsmart.families"
    verbose_name = _("Keluarga dan PUS")

    permissions = {
        # Families, members, KB episodes, pregnancies and intentions.
        "edit_register": FIELD_STAFF | CADRES,
    }
    # Whoever keeps the register may bring in an existing one (xlsx/csv) from the menu.
    menu = [MenuEntry(70, _("Impor data"), "imports:upload", Audience("edit_register"))]
    home_blocks = [HomeBlock(40, "families/_home.html", audience=Audience("view_personal"))]
    demo_steps = [
        DemoStep(30, "keluarga", "impsmart.demo.families.step"),
        # The demo writes its registers in bulk, past the signals: the search text at the end.
        DemoStep(97, "teks pencarian keluarga", "impsmart.families.family_text.demo_step"),
    ]
    api_routers = {"/families": "impsmart.api.families.router"}

    def ready(self) -> None:
        from impsmart.families import (  # noqa: F401  (connect their signals)
            family_text,
            pus_months,
        )
