from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import FIELD_STAFF, Role
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class TrainingConfig(AppConfig):
    name = "impsmart.training"
    verbose_name = _("Pelatihan dan Buku Pintar")

    permissions = {
        # Workshops: create events, enrol participants, open and close the tests, enter paper
        # answers, issue certificates; and read the competence matrix of one's cadres.
        "manage_training": FIELD_STAFF,
        # The rumah baca of a kecamatan: its catalogue, loans and monthly visits.
        "manage_reading_house": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN},
    }
    # Cadres, field staff and leaders; the index shows each role what it may do (a mitra
    # may still open the Smart Book by its address).
    menu = [MenuEntry(62, _("Pelatihan"), "training:index", Audience("view_aggregates"))]
    home_blocks = [
        HomeBlock(
            30,
            "training/_home.html",
            "impsmart.training.views.home_block",
            head="training/_head.html",
            reads=(
                "accounts.User",
                "training.Attempt",
                "training.Certificate",
                "training.Event",
                "training.Participant",
            ),
        )
    ]
    demo_steps = [DemoStep(55, "pelatihan dan rumah baca", "impsmart.demo.training.step")]
    api_routers = {"/training": "impsmart.training.api.router"}

    def ready(self) -> None:
        from impsmart.training import practice  # noqa: F401  (registers roles 1, 3, 4)
