from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: serving, backup and restore, benchmarks."""

    name = "impsmart.ops"
    verbose_name = _("Operasi")
