"""Grades from data: each criterion met, not met and without data, against counts made here."""

import datetime as dt

from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.counseling import actions as counseling
from impsmart.organization import actions, grading
from impsmart.organization.models import GradeRule
from impsmart.regions.models import Level
from impsmart.reports.models import Report, Status
from tests.organization.world import PDF, OrganizationWorld

DAY = dt.date(2026, 11, 18)


def kie(actor, region_code, day, place="Balai desa"):
    with acting_as(actor):
        return counseling.create_kie_session(
            actor=actor,
            region_code=region_code,
            date=day,
            place=place,
            topics=["kb_mkjp"],
            presenter_kind="kader",
            presenter_name="Kader",
        )


def rekap(region_code, month, status=Status.SUBMITTED):
    return Report.objects.create(
        form="REKAP_PUS", region_code=region_code, level=Level.DESA, month=month, status=status
    )


class GradingTests(OrganizationWorld):
    def checked(self, institution, measure):
        graded = grading.grade(institution, DAY)
        return {c.criterion.measure: c for c in graded.checked}[measure], graded

    def test_board_seats_and_collective(self):
        seats, _ = self.checked(self.sub_ppkbd, "board_seats")
        self.assertEqual((seats.value, seats.status), (0, grading.NOT_MET))
        seats, _ = self.checked(self.ppkbd, "board_seats")
        self.assertEqual((seats.value, seats.status), (1, grading.MET))
        collective, _ = self.checked(self.ppkbd, "board_collective")
        self.assertEqual((collective.value, collective.status), (0, grading.NOT_MET))
        with acting_as(self.pkb):
            for seat, name in (("sekretaris", "Sri"), ("bendahara", "Nur")):
                actions.assign_seat(
                    actor=self.pkb,
                    institution=self.ppkbd,
                    seat=seat,
                    name=name,
                    started_on=dt.date(2026, 2, 1),
                )
        collective, _ = self.checked(self.ppkbd, "board_collective")
        self.assertEqual((collective.value, collective.status), (1, grading.MET))
        # Graded on a day before the new seats, the board was still a single one.
        earlier = grading.grade(self.ppkbd, dt.date(2026, 1, 15))
        self.assertEqual(
            {c.criterion.measure: c.value for c in earlier.checked}["board_collective"], 0
        )

    def test_kie_months_no_data_then_counted_over_twelve_months(self):
        kie_months, graded = self.checked(self.ppkbd, "kie_months")
        self.assertEqual(kie_months.status, grading.NO_DATA)
        self.assertEqual(kie_months.status_label, "belum ada data")
        self.assertIsNone(graded.grade)  # a board but no KIE recorded: not yet Dasar
        days = [
            dt.date(2026, 11, 2),
            dt.date(2026, 11, 9),
            dt.date(2026, 3, 5),
            dt.date(2025, 10, 30),
        ]
        for i, day in enumerate(days):
            kie(self.ppkbd_a, self.dusun_a1.code, day, place=f"Tempat {i}")
        first = dt.date(2025, 12, 1)  # twelve months up to November 2026
        expected = len({(d.year, d.month) for d in days if first <= d <= DAY})
        kie_months, graded = self.checked(self.ppkbd, "kie_months")
        self.assertEqual((kie_months.value, kie_months.status), (expected, grading.MET))
        self.assertEqual(expected, 2)
        self.assertEqual(graded.grade, "dasar")
        # Desa C has none: counted as 0 (not met), since the kabupaten holds KIE data.
        other, _ = self.checked(self.ppkbd_c_inst, "kie_months")
        self.assertEqual((other.value, other.status), (0, grading.NOT_MET))

    def test_report_months_count_sent_reports_only(self):
        report, _ = self.checked(self.ppkbd, "report_months")
        self.assertEqual(report.status, grading.NO_DATA)
        sent = [dt.date(2026, m, 1) for m in range(2, 11)]
        for month in sent:
            rekap(self.desa_a.code, month)
        rekap(self.desa_a.code, dt.date(2026, 1, 1), Status.DRAFT)
        rekap(self.desa_a.code, dt.date(2025, 6, 1))  # outside the twelve months
        report, _ = self.checked(self.ppkbd, "report_months")
        self.assertEqual((report.value, report.status), (9, grading.MET))
        report, _ = self.checked(self.ppkbd_c_inst, "report_months")
        self.assertEqual((report.value, report.status), (0, grading.NOT_MET))

    def test_measures_without_a_provider_read_no_data(self):
        for measure in ("poktan_active", "fund_months"):
            checked, graded = self.checked(self.ppkbd, measure)
            self.assertEqual(checked.status, grading.NO_DATA)
            self.assertIn(checked, graded.checked)

    def test_sk_signed_from_the_effective_date(self):
        sk, _ = self.checked(self.ppkbd, "sk_signed")
        self.assertEqual((sk.value, sk.status), (0, grading.NOT_MET))
        with acting_as(self.admin):
            actions.record_decree(
                actor=self.admin,
                region_code="73.06",
                year=2027,
                number="800/1/2026",
                signed_on=dt.date(2026, 11, 2),
                signatory="Bupati Gowa",
                effective_on=dt.date(2027, 1, 1),
                upload=_upload(PDF),
            )
        sk, _ = self.checked(self.ppkbd, "sk_signed")
        self.assertEqual(sk.value, 0)  # not yet in force
        on = grading.grade(self.ppkbd, dt.date(2027, 1, 1))
        self.assertEqual({c.criterion.measure: c.value for c in on.checked}["sk_signed"], 1)

    def test_a_kabupaten_rule_changes_the_grade(self):
        criteria = grading.rule_as_data(grading.DEFAULT_RULE)
        criteria["dasar"] = [{"measure": "board_seats", "threshold": 1, "label": "Ada pengurus"}]
        with acting_as(self.admin):
            actions.save_grade_rule(actor=self.admin, region_code="73.06", criteria=criteria)
        self.assertEqual(grading.grade(self.ppkbd, DAY).grade, "dasar")
        self.assertIsNone(grading.grade(self.sub_ppkbd, DAY).grade)
        self.assertEqual(GradeRule.objects.get().criteria["dasar"][0]["measure"], "board_seats")

    def test_the_page_explains_every_criterion(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("organization:institution_detail", args=[self.ppkbd.pk]))
        for criteria in grading.DEFAULT_RULE.values():
            for criterion in criteria:
                self.assertContains(page, criterion.label)
        self.assertContains(page, "belum ada data")
        self.assertContains(page, "terpenuhi")


def _upload(data, name="sk.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


class GradeRuleCommandTests(OrganizationWorld):
    def test_the_command_shows_and_stores_the_rule(self):
        import json
        import tempfile
        from io import StringIO
        from pathlib import Path

        from django.core.management import call_command
        from django.core.management.base import CommandError

        out = StringIO()
        call_command("grade_rule", "--kabupaten", "73.06", stdout=out)
        rule = json.loads(out.getvalue())
        self.assertEqual(rule, grading.rule_as_data(grading.DEFAULT_RULE))
        rule["berkembang"][1]["threshold"] = 4
        source = Path(tempfile.mkdtemp()) / "aturan.json"
        source.write_text(json.dumps(rule))
        call_command("grade_rule", "--kabupaten", "73.06", "--set", str(source), stdout=StringIO())
        self.assertEqual(grading.rule_for(self.desa_a.code)["berkembang"][1].threshold, 4)
        rule["mandiri"][0]["threshold"] = -1
        source.write_text(json.dumps(rule))
        with self.assertRaises(CommandError):
            call_command("grade_rule", "--kabupaten", "73.06", "--set", str(source))
        self.assertEqual(grading.rule_for(self.desa_a.code)["mandiri"][0].threshold, 10)
