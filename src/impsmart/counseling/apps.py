from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import FIELD_STAFF, Role
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class CounselingConfig(AppConfig):
    name = "impsmart.counseling"
    verbose_name = _("KIE dan konseling")

    permissions = {
        # The partner facilities (Puskesmas, pustu, bidan, ...) serving one's scope: their
        # staff and referral counts. Field staff read them; the kecamatan and district offices
        # keep the list: they add and change facilities and link the mitra accounts that
        # answer referrals.
        "view_facilities": FIELD_STAFF,
        "manage_facilities": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN},
    }
    menu = [
        MenuEntry(50, _("KIE & Konseling"), "counseling:index", Audience("view_personal")),
        # A mitra sees no personal data but answers the referrals sent to its facility.
        MenuEntry(
            50,
            _("Rujukan masuk"),
            "counseling:referral_list",
            Audience(roles=frozenset({Role.MITRA})),
        ),
    ]
    home_blocks = [
        HomeBlock(
            20,
            "counseling/_home.html",
            "impsmart.counseling.views.home_blocks",
            head="counseling/_head.html",
        ),
    ]
    demo_steps = [
        DemoStep(50, "KIE dan konseling", "impsmart.demo.counseling.step"),
        # The demo writes its registers in bulk, past the signals: list their members at the end.
        DemoStep(98, "daftar kunjungan", "impsmart.counseling.listed.demo_step"),
    ]

    def ready(self) -> None:
        from impsmart.counseling import (
            indicators,  # noqa: F401  (F/I/Dal section II: KIE)
            listed,  # noqa: F401  (keeps the listed members)
        )
