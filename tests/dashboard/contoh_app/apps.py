"""A new domain app as a test installs it: it declares its contributions and edits no list."""

from django.apps import AppConfig

from impsmart.accounts.roles import Role
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


def home_context(user) -> dict:
    return {"greeting": f"Rapat untuk {user.username}"}


def demo_step(ctx) -> str:
    return "0 rapat"


class ContohConfig(AppConfig):
    name = "tests.dashboard.contoh_app"
    label = "contoh"

    permissions = {"view_meetings": {Role.PIMPINAN, Role.PPKBD}}
    menu = [MenuEntry(45, "Rapat contoh", "regions:index", Audience("view_meetings"))]
    home_blocks = [
        HomeBlock(
            5,
            "contoh/_home.html",
            "tests.dashboard.contoh_app.apps.home_context",
            Audience("view_meetings"),
        )
    ]
    demo_steps = [DemoStep(90, "rapat", "tests.dashboard.contoh_app.apps.demo_step")]
