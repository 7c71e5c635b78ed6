from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import Role
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class ServicesConfig(AppConfig):
    name = "impsmart.services"
    verbose_name = _("Pelayanan KB serentak dan PUP")

    # No permission of its own: cadres plan and confirm with ``edit_register`` (the register
    # is what they write), read with ``view_personal``; the facility's mitra records methods.
    menu = [
        MenuEntry(51, _("Pelayanan KB"), "services:day_list", Audience("view_personal")),
        MenuEntry(
            51,
            _("Pelayanan KB"),
            "services:day_list",
            Audience(roles=frozenset({Role.MITRA})),
        ),
        MenuEntry(56, _("PUP & remaja"), "services:pup", Audience("view_personal")),
    ]
    home_blocks = [
        HomeBlock(
            22,
            "services/_home.html",
            "impsmart.services.views.home_block",
            reads=(
                "counseling.Facility",
                "counseling.FacilityStaff",
                "families.Family",
                "families.Member",
                "services.Invitation",
                "services.ServiceDay",
            ),
        ),
    ]
    demo_steps = [DemoStep(52, "pelayanan KB serentak dan PUP", "impsmart.services.demo.step")]
    api_routers = {"/service-days": "impsmart.services.api.router"}
