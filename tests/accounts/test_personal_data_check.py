"""Every scoped model says whether it holds personal data; a system check enforces it."""

from django.apps import apps
from django.db import models
from django.test import SimpleTestCase
from django.test.utils import isolate_apps

from impsmart.accounts.checks import scope_errors
from impsmart.accounts.scope import ScopedQuerySet

PERSONAL = {
    "accounts.User",
    "accounts.AuditEvent",
    "families.Family",
    "families.Member",
    "families.ContraceptiveEpisode",
    "families.Pregnancy",
    "families.IntentionRecord",
    "families.PusMonth",
    "families.PusYear",
    "counseling.Counseling",
    "counseling.Referral",
    "counseling.Visit",
    "groups.Membership",
    "groups.Attendance",
    "groups.KkaCheck",
    "groups.Capital",
}
NOT_PERSONAL = {
    "regions.Region",
    "reports.Report",
    "reports.ReportCalendar",
    "families.PusTally",
    "counseling.Facility",
    "counseling.KieSession",
    "groups.Group",
    "groups.Session",
    "groups.Revenue",
    "organization.Institution",
    "organization.BoardSeat",
    "organization.GradeRule",
    "organization.Decree",
    "organization.Partner",
    "organization.PartnerContact",
    "organization.PartnerActivity",
}


class PersonalDataDeclarationTests(SimpleTestCase):
    def test_every_scoped_model_declares_the_right_value(self):
        self.assertEqual(scope_errors(apps.get_models()), [])
        scoped = {
            m._meta.label: vars(m)["holds_personal_data"]
            for m in apps.get_models()
            if isinstance(m._default_manager.all(), ScopedQuerySet)
        }
        # The core apps' models; each newer app's tests state its own models' values.
        self.assertEqual({label for label in PERSONAL | NOT_PERSONAL if scoped[label]}, PERSONAL)
        self.assertLessEqual(PERSONAL | NOT_PERSONAL, set(scoped))

    @isolate_apps("impsmart.families")
    def test_a_scoped_model_without_the_declaration_fails_the_check(self):
        class Arisan(models.Model):  # noqa: DJ008
            region_code = models.CharField(max_length=40)
            objects = ScopedQuerySet.as_manager()

            class Meta:
                app_label = "families"

        self.assertEqual([e.id for e in scope_errors([Arisan])], ["scope.E003"])

    @isolate_apps("impsmart.families")
    def test_the_declaration_is_not_inherited_by_default(self):
        class Base(models.Model):
            region_code = models.CharField(max_length=40)
            holds_personal_data = False
            objects = ScopedQuerySet.as_manager()

            class Meta:
                abstract = True
                app_label = "families"

        class Anggota(Base):  # noqa: DJ008
            class Meta:
                app_label = "families"

        class Kelompok(Base):  # noqa: DJ008
            holds_personal_data = True

            class Meta:
                app_label = "families"

        self.assertEqual([e.id for e in scope_errors([Anggota])], ["scope.E003"])
        self.assertEqual(scope_errors([Kelompok]), [])

    @isolate_apps("impsmart.families")
    def test_a_region_model_off_scope_fails_too(self):
        class Catatan(models.Model):  # noqa: DJ008
            region_code = models.CharField(max_length=40)
            holds_personal_data = "ya"

            class Meta:
                app_label = "families"

        self.assertEqual([e.id for e in scope_errors([Catatan])], ["scope.E001", "scope.E003"])
