from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "impsmart.accounts"
    verbose_name = _("Akun dan audit")

    def ready(self) -> None:
        from impsmart.accounts import audit, checks  # noqa: F401  (connect signals, register checks)
