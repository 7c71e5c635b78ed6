from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import CADRES, FIELD_STAFF, Role
from impsmart.plugins import DemoStep, HomeBlock, MenuEntry


class RegionsConfig(AppConfig):
    name = "impsmart.regions"
    verbose_name = _("Wilayah")

    permissions = {
        # Region pages and the region tree.
        "view_regions": FIELD_STAFF | CADRES | {Role.PIMPINAN, Role.MITRA},
        # Adding dusun/lingkungan, RW and RT under a desa.
        "manage_regions": FIELD_STAFF | {Role.PPKBD},
    }
    menu = [MenuEntry(20, _("Wilayah"), "regions:index")]
    home_blocks = [
        HomeBlock(
            30,
            "regions/_home_own.html",
            "impsmart.regions.views.home_own_regions",
            reads=("regions.Region",),
        ),
        HomeBlock(
            50,
            "regions/_home_children.html",
            "impsmart.regions.views.home_children",
            reads=("regions.Region",),
        ),
    ]
    demo_steps = [DemoStep(10, "dusun/lingkungan", "impsmart.demo.regions.step")]
    api_routers = {"/regions": "impsmart.api.regions.router"}
