"""The review flow: draft → submitted (cadre) → verified (PKB) → approved (koordinator)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from impsmart import dates
from impsmart.accounts.audit import snapshot
from impsmart.reports import actions, engine
from impsmart.reports.models import ImmutableReport, Report, Status
from impsmart.reports.workflow import WorkflowError
from tests.families.world import make_couple
from tests.reports import ReportWorld

THIS_MONTH = dates.today().replace(day=1)  # due next month: never late; not over: confirmed


def figures(report):
    return {row["code"]: row["value"] for row in report.figures["rows"]}


class WorkflowWorld(ReportWorld):
    def draft(self, actor=None, region=None, month=THIS_MONTH):
        return actions.refresh_draft(
            actor=actor or self.ppkbd_a,
            form="REKAP_PUS",
            region_code=region or self.desa_a.code,
            month=month,
        )

    def approved(self, region=None):
        report = actions.submit(
            actor=self.ppkbd_a, report=self.draft(region=region), confirmed=True
        )
        report = actions.verify(actor=self.pkb, report=report)
        return actions.approve(actor=self.koordinator_a, report=report)

    def step(self, user, report, slug, **data):
        self.client.force_login(user)
        return self.client.post(reverse("reports:step", args=[report.pk, slug]), data)


class WorkflowTests(WorkflowWorld):
    def test_the_full_flow_goes_from_the_cadre_to_the_koordinator(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.post(
            reverse("reports:prepare"),
            {"form": "REKAP_PUS", "region": self.desa_a.code, "bulan": f"{THIS_MONTH:%Y-%m}"},
        )
        report = Report.objects.get(region_code=self.desa_a.code)
        self.assertRedirects(response, reverse("reports:detail", args=[report.pk]))
        self.assertEqual(report.status, Status.DRAFT)
        self.step(self.ppkbd_a, report, "kirim", kirim_juga="1")
        self.step(self.pkb, report, "verifikasi")
        self.step(self.koordinator_a, report, "setujui")
        report.refresh_from_db()
        self.assertEqual(report.status, Status.APPROVED)
        self.assertEqual(
            [report.submitted_by, report.verified_by, report.approved_by],
            [self.ppkbd_a, self.pkb, self.koordinator_a],
        )
        live = engine.compute("REKAP_PUS", self.desa_a.code, THIS_MONTH)
        self.assertEqual(report.figures["rows"], live["rows"])
        self.assertEqual(set(report.figures["breakdown"]), set(live["breakdown"]))
        stored = engine.load_or_compute("REKAP_PUS", self.desa_a.code, THIS_MONTH)
        self.assertEqual(stored["status"], "approved")

    def test_a_sub_ppkbd_submits_her_dusun(self):
        report = self.draft(self.sub_ppkbd_a, self.dusun_a1.code)
        report = actions.submit(actor=self.sub_ppkbd_a, report=report, confirmed=True)
        self.assertEqual(report.status, Status.SUBMITTED)
        with self.assertRaises(PermissionDenied):
            self.draft(self.sub_ppkbd_a, self.dusun_a2.code)

    def test_a_returned_report_shows_its_reason_to_the_cadre(self):
        report = actions.submit(actor=self.ppkbd_a, report=self.draft(), confirmed=True)
        self.step(self.pkb, report, "kembalikan", reason="PUS Dusun Borong belum lengkap")
        report.refresh_from_db()
        self.assertEqual(report.status, Status.RETURNED)
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        self.assertIn("PUS Dusun Borong belum lengkap", page)
        listing = self.client.get(reverse("reports:list")).content.decode()
        self.assertIn("PUS Dusun Borong belum lengkap", listing)
        home = self.client.get(reverse("dashboard:home")).content.decode()
        self.assertIn("PUS Dusun Borong belum lengkap", home)
        self.client.force_login(self.ppkbd_c)
        elsewhere = self.client.get(reverse("dashboard:home")).content.decode()
        self.assertNotIn("PUS Dusun Borong belum lengkap", elsewhere)
        # She corrects and sends it again.
        report = actions.submit(actor=self.ppkbd_a, report=report, confirmed=True)
        self.assertEqual(report.status, Status.SUBMITTED)

    def test_returning_needs_a_reason(self):
        report = actions.submit(actor=self.ppkbd_a, report=self.draft(), confirmed=True)
        with self.assertRaisesMessage(WorkflowError, "alasan"):
            actions.return_report(actor=self.pkb, report=report, reason="  ")
        report.refresh_from_db()
        self.assertEqual(report.status, Status.SUBMITTED)

    def test_a_late_submission_needs_a_reason_and_keeps_it(self):
        june = dt.date(2026, 6, 1)
        report = self.draft(month=june)
        with self.assertRaisesMessage(WorkflowError, "terlambat"):
            actions.submit(actor=self.ppkbd_a, report=report)
        report = actions.submit(actor=self.ppkbd_a, report=report, late_reason="sinyal")
        self.assertEqual(report.late_reason, "sinyal")
        self.assertEqual(figures(report)["pus"], 9)


class RefusalTests(WorkflowWorld):
    def assertRefused(self, error, user, func, report, **kwargs):
        before = snapshot(Report.objects.get(pk=report.pk))
        with self.assertRaises(error):
            func(actor=user, report=report, **kwargs)
        self.assertEqual(snapshot(Report.objects.get(pk=report.pk)), before)

    def test_refused_steps_change_nothing(self):
        report = self.draft()
        self.assertRefused(PermissionDenied, self.ppkbd_c, actions.submit, report)
        self.assertRefused(PermissionDenied, self.pkb, actions.submit, report)
        self.assertRefused(WorkflowError, self.pkb, actions.verify, report)
        report = actions.submit(actor=self.ppkbd_a, report=report, confirmed=True)
        self.assertRefused(PermissionDenied, self.ppkbd_a, actions.verify, report)
        self.assertRefused(PermissionDenied, self.pkb, actions.approve, report)
        self.assertRefused(WorkflowError, self.koordinator_a, actions.approve, report)
        self.assertRefused(WorkflowError, self.ppkbd_a, actions.submit, report)

    def test_a_refused_step_over_http_shows_a_message_and_changes_nothing(self):
        report = self.draft()
        response = self.step(self.koordinator_a, report, "setujui")
        self.assertEqual(response.status_code, 302)
        page = self.client.get(response["Location"]).content.decode()
        self.assertIn("harus diverifikasi", page)
        self.assertEqual(Report.objects.get(pk=report.pk).status, Status.DRAFT)
        url = reverse("reports:step", args=[report.pk, "kirim"])
        self.assertPostRefused(url, {}, [None, self.ppkbd_c, self.pkb, self.pimpinan, self.mitra_a])
        self.assertEqual(Report.objects.get(pk=report.pk).status, Status.DRAFT)

    def test_an_approved_report_cannot_be_changed_by_anyone(self):
        report = self.approved()
        before = snapshot(Report.objects.get(pk=report.pk))
        for user in [self.ppkbd_a, self.pkb, self.koordinator_a, self.admin]:
            for step in (actions.submit, actions.verify, actions.approve):
                with self.assertRaises(ImmutableReport):
                    step(actor=user, report=report)
            with self.assertRaises(ImmutableReport):
                actions.return_report(actor=user, report=report, reason="salah")
        with self.assertRaises(ImmutableReport):
            self.draft()
        report.returned_reason = "diubah langsung"
        with self.assertRaises(ImmutableReport):
            report.save()
        with self.assertRaises(ImmutableReport):
            report.delete()
        self.assertEqual(snapshot(Report.objects.get(pk=report.pk)), before)

    def test_even_dinas_cannot_change_its_approved_kabupaten_report(self):
        report = actions.refresh_draft(
            actor=self.admin, form="REKAP_PUS", region_code="73.06", month=THIS_MONTH
        )
        report = actions.submit(actor=self.admin, report=report, confirmed=True)
        report = actions.approve(actor=self.admin, report=report)
        with self.assertRaises(ImmutableReport):
            actions.refresh_draft(
                actor=self.admin, form="REKAP_PUS", region_code="73.06", month=THIS_MONTH
            )
        response = self.step(self.admin, report, "setujui")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Report.objects.get(pk=report.pk).approved_at, report.approved_at)


class CorrectionTests(WorkflowWorld):
    def test_a_correction_is_version_2_and_version_1_stays(self):
        v1 = self.approved()
        self.step(self.ppkbd_a, v1, "perbaiki")
        v2 = Report.objects.get(supersedes=v1)
        self.assertEqual((v2.version, v2.status), (2, Status.DRAFT))
        v1_again = Report.objects.get(pk=v1.pk)
        self.assertEqual((v1_again.status, v1_again.figures), (Status.APPROVED, v1.figures))
        with self.assertRaisesMessage(WorkflowError, "sudah ada"):
            actions.new_version(actor=self.ppkbd_a, report=v1)
        make_couple(self.ppkbd_a, self.dusun_a1.code, dt.date(1999, 1, 1))
        v2 = actions.refresh_draft(
            actor=self.ppkbd_a, form="REKAP_PUS", region_code=self.desa_a.code, month=THIS_MONTH
        )
        v2 = actions.approve(
            actor=self.koordinator_a,
            report=actions.verify(
                actor=self.pkb, report=actions.submit(actor=self.ppkbd_a, report=v2, confirmed=True)
            ),
        )
        self.assertEqual(figures(v2)["pus"], figures(v1)["pus"] + 1)
        stored = engine.load_or_compute("REKAP_PUS", self.desa_a.code, THIS_MONTH)
        self.assertEqual(stored["rows"], v2.figures["rows"])

    def test_registers_changed_after_approval_are_flagged_not_rewritten(self):
        report = self.approved()
        url = reverse("reports:detail", args=[report.pk])
        self.client.force_login(self.ppkbd_a)
        self.assertNotContains(self.client.get(url), "Berubah sejak disetujui")
        make_couple(self.ppkbd_a, self.dusun_a1.code, dt.date(1999, 1, 1))
        self.assertContains(self.client.get(url), "Berubah sejak disetujui")
        self.assertEqual(Report.objects.get(pk=report.pk).figures, report.figures)


class RollupTests(WorkflowWorld):
    def test_a_kecamatan_report_adds_up_the_approved_desa(self):
        desa_a = self.approved()
        kecamatan = actions.refresh_draft(
            actor=self.koordinator_a, form="REKAP_PUS", region_code="73.06.06", month=THIS_MONTH
        )
        self.assertEqual(figures(kecamatan)["pus"], figures(desa_a)["pus"])
        self.assertEqual(set(kecamatan.figures["breakdown"]), {self.desa_a.code})
        self.client.force_login(self.koordinator_a)
        page = self.client.get(reverse("reports:detail", args=[kecamatan.pk])).content.decode()
        expected = self.desa_a.parent.children.count()
        self.assertIn(f"1 dari {expected} desa masuk", page)
        self.assertIn(self.desa_b.name, page)  # listed among the missing
        kecamatan = actions.approve(
            actor=self.koordinator_a,
            report=actions.submit(actor=self.koordinator_a, report=kecamatan, confirmed=True),
        )
        self.assertEqual(kecamatan.status, Status.APPROVED)
