from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import Role
from impsmart.plugins import Audience, HomeBlock, MenuEntry


class DashboardConfig(AppConfig):
    name = "impsmart.dashboard"
    verbose_name = _("Beranda")

    menu = [
        MenuEntry(10, _("Beranda"), "dashboard:home"),
        MenuEntry(40, _("Peta"), "dashboard:map_index", Audience("view_aggregates")),
    ]
    # The month's key figures, their year and the kecamatan needing attention, on top.
    home_blocks = [
        HomeBlock(
            5,
            "dashboard/_leaders.html",
            "impsmart.dashboard.leaders.home_block",
            Audience("view_aggregates", frozenset({Role.PIMPINAN, Role.ADMIN_KABUPATEN})),
            head="dashboard/_leaders_head.html",
            cached=True,
        ),
    ]
