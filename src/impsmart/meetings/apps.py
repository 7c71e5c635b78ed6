from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import CADRES, FIELD_STAFF
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class MeetingsConfig(AppConfig):
    name = "impsmart.meetings"
    verbose_name = _("Pertemuan rutin dan forum kader")

    permissions = {
        # Schedule a meeting of an institution in one's scope, record attendance, minutes and
        # action items; post on the forum boards one reads.
        "manage_meetings": FIELD_STAFF | CADRES,
        "use_forum": FIELD_STAFF | CADRES,
    }
    menu = [
        MenuEntry(52, _("Pertemuan"), "meetings:index", Audience("manage_meetings")),
        MenuEntry(54, _("Forum"), "forum:index", Audience("use_forum")),
    ]
    home_blocks = [
        HomeBlock(
            25,
            "meetings/_home.html",
            "impsmart.meetings.views.home_block",
            Audience("manage_meetings"),
            reads=("meetings.Action", "meetings.Meeting", "organization.Institution"),
        ),
    ]
    # After the organization's step, which creates the institutions.
    demo_steps = [DemoStep(70, "pertemuan dan forum", "impsmart.demo.meetings.step")]
    api_routers = {"/meetings": "impsmart.meetings.api.router"}

    def ready(self) -> None:
        from impsmart.meetings import (
            grading,  # noqa: F401  (registers meeting_months)
            indicators,  # noqa: F401  (F/I/Dal section II: rakor)
        )

        if apps.is_installed("impsmart.training"):
            from impsmart.meetings import practice  # noqa: F401  (a role of the cadre's competence)
