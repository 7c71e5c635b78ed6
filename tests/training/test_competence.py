import datetime as dt
import json
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from impsmart.reports.models import Report, Status
from impsmart.training import actions, book
from impsmart.training.competence import practice
from tests.base import KECAMATAN_A, World


class CompetenceTests(World):
    def matrix(self, user):
        self.client.force_login(user)
        rows = self.client.get(reverse("training:competence")).context["matrix"]
        return {cadre.username: levels for cadre, levels in rows}

    def test_the_matrix_changes_when_a_cadre_passes_a_module_or_sends_reports_on_time(self):
        self.assertEqual(self.matrix(self.koordinator_a)["ppkbd_a"], ["none"] * 6)
        chapter = book.chapter("id", "04-pencatatan-pelaporan")
        actions.record_quiz(
            actor=self.ppkbd_a, chapter=chapter, answers={q.id: q.answer for q in chapter.questions}
        )
        self.assertEqual(self.matrix(self.koordinator_a)["ppkbd_a"][3], "trained")
        Report.objects.create(
            form="REKAP_PUS", region_code=self.desa_a.code, level="desa",
            month=dt.date(2026, 10, 1),
            status=Status.SUBMITTED, submitted_by=self.ppkbd_a,
            submitted_at=dt.datetime(2026, 11, 4, 2, tzinfo=dt.UTC),
        )  # fmt: skip
        self.assertEqual(self.matrix(self.koordinator_a)["ppkbd_a"][3], "both")
        self.assertEqual(self.matrix(self.koordinator_a)["sub_ppkbd_a"][3], "none")

    def test_a_late_report_is_not_practice(self):
        Report.objects.create(
            form="REKAP_PUS", region_code=self.desa_a.code, level="desa",
            month=dt.date(2026, 10, 1),
            status=Status.SUBMITTED, submitted_by=self.ppkbd_a,
            submitted_at=dt.datetime(2026, 11, 12, 2, tzinfo=dt.UTC),
        )  # fmt: skip
        self.assertEqual(self.matrix(self.pkb)["ppkbd_a"][3], "none")

    def test_the_cadre_sees_her_own_profile_and_what_to_learn_next(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("training:competence"))
        self.assertIsNone(page.context.get("matrix"))
        self.assertEqual(len(page.context["next"]), 6)
        self.assertContains(page, reverse("training:chapter", args=["id", "01-pengorganisasian"]))

    def test_scope_of_the_matrix(self):
        url = reverse("training:competence")
        self.assertVisible(url, [self.ppkbd_a, self.koordinator_a, self.admin])
        self.assertNotVisible(url, [None])
        self.assertNotIn("ppkbd_c", self.matrix(self.koordinator_a))
        self.assertEqual(set(self.matrix(self.pkb)), {"ppkbd_a", "sub_ppkbd_a"})

    def test_a_role_is_provided_once(self):
        with self.assertRaises(ValueError):
            practice(4)(lambda users, day: set())
        with self.assertRaises(ValueError):
            practice(7)

    def test_cli_contract(self):
        out = StringIO()
        call_command("competence", "--region", KECAMATAN_A, "--format", "json", stdout=out)
        rows = json.loads(out.getvalue())
        self.assertEqual([r["username"] for r in rows], ["ppkbd_a", "sub_ppkbd_a"])
        self.assertEqual(rows[0]["roles"], {str(n): "none" for n in range(1, 7)})
