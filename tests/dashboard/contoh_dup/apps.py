"""An app that claims a permission another app already declares, and names an unknown one."""

from django.apps import AppConfig

from impsmart.accounts.roles import Role
from impsmart.plugins import Audience, MenuEntry


class ContohDupConfig(AppConfig):
    name = "tests.dashboard.contoh_dup"
    label = "contoh_dup"

    permissions = {"view_personal": {Role.MITRA}}
    menu = [MenuEntry(99, "Salah", "regions:index", Audience("view_nothing"))]
