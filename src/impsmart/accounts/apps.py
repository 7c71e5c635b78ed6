from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import CADRES, FIELD_STAFF, Role
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class AccountsConfig(AppConfig):
    name = "impsmart.accounts"
    verbose_name = _("Akun dan audit")

    permissions = {
        # Names, NIK, health and contraception status of families (``scope.visible_to``).
        "view_personal": FIELD_STAFF | CADRES,
        # Aggregated figures, maps and reports (``scope.aggregatable_by``).
        "view_aggregates": FIELD_STAFF | CADRES | {Role.PIMPINAN},
        # Accounts of other users inside one's scope.
        "manage_users": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN, Role.PKB},
        # Giving an account in one's scope a temporary password (the "forgot password" desk).
        "reset_passwords": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN},
        "view_audit": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN},
    }
    menu = [
        MenuEntry(80, _("Pengguna"), "accounts:users", Audience("manage_users")),
        MenuEntry(90, _("Audit"), "accounts:audit", Audience("view_audit")),
    ]
    home_blocks = [
        HomeBlock(
            60,
            "accounts/_home.html",
            "impsmart.accounts.views.home_team",
            Audience("manage_users"),
            reads=("accounts.User",),
        ),
    ]
    demo_steps = [DemoStep(20, "pengguna", "impsmart.demo.users.step")]

    def ready(self) -> None:
        from impsmart import choice_labels
        from impsmart.accounts import audit, checks  # noqa: F401  (connect signals, register checks)

        choice_labels.install()
