from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "impsmart.families"
    verbose_name = _("Keluarga dan PUS")

    def ready(self) -> None:
        from impsmart.families import pus_months  # noqa: F401  (connects its signals)
