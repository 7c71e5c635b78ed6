from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "impsmart.families"
    verbose_name = _("Keluarga dan PUS")
