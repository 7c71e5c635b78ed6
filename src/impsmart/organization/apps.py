from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impsmart.accounts.roles import CADRES, FIELD_STAFF, Role
from impsmart.plugins import Audience, DemoStep, HomeBlock, MenuEntry


class OrganizationConfig(AppConfig):
    name = "impsmart.organization"
    verbose_name = _("Pengorganisasian IMP")

    permissions = {
        # Institutions, boards, grades, decrees and partners: no health data, so leaders read
        # them too; a mitra (Puskesmas staff) works only on its referrals.
        "view_institutions": FIELD_STAFF | CADRES | {Role.PIMPINAN},
        # Field staff form institutions and boards in their scope (a PKB in her desa binaan).
        "manage_institutions": FIELD_STAFF,
        # The Dinas and the kecamatan draft the Bupati's decree and record the signed one.
        "manage_decrees": {Role.ADMIN_KABUPATEN, Role.KOORDINATOR_KECAMATAN},
        # The grading rule is the kabupaten's.
        "manage_grade_rule": {Role.ADMIN_KABUPATEN},
    }
    menu = [
        MenuEntry(
            60, _("Institusi IMP"), "organization:institution_list", Audience("view_institutions")
        ),
    ]
    home_blocks = [
        HomeBlock(
            30,
            "organization/_home.html",
            "impsmart.organization.views.home_block",
            audience=Audience("view_institutions", CADRES | {Role.PKB}),
            reads=(
                "counseling.KieSession",
                "funds.Fund",
                "funds.LedgerEntry",
                "groups.Group",
                "groups.Session",
                "meetings.Meeting",
                "organization.BoardSeat",
                "organization.Decree",
                "organization.GradeRule",
                "organization.Institution",
                "reports.Report",
            ),
        ),
    ]
    demo_steps = [DemoStep(60, "Institusi IMP", "impsmart.demo.organization.step")]
    api_routers = {"/institutions": "impsmart.organization.api.router"}

    def ready(self) -> None:
        # Registers the grading measures and the F/I/Dal section I indicators.
        from impsmart.organization import indicators, measures  # noqa: F401
