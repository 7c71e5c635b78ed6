from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.plugins import Audience, MenuEntry


class DashboardConfig(AppConfig):
    name = "impsmart.dashboard"
    verbose_name = _("Beranda")

    menu = [
        MenuEntry(10, _("Beranda"), "dashboard:home"),
        MenuEntry(40, _("Peta"), "dashboard:map_index", Audience("view_aggregates")),
    ]
