from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import CADRES, Role
from impsmart.plugins import Audience, MenuEntry

# Who works from the phone without a signal: the cadres and the PKB/PLKB of their desa.
FIELD_USERS = CADRES | {Role.PKB}


class OfflineConfig(AppConfig):
    name = "impsmart.offline"
    verbose_name = _("Tanpa sinyal")

    menu = [MenuEntry(15, _("Tanpa sinyal"), "offline:app", Audience("edit_register", FIELD_USERS))]
    api_routers = {"/sync": "impsmart.offline.api.router"}
