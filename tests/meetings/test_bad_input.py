"""Bad input is refused with an Indonesian message saying what to fix, and nothing is stored."""

import datetime as dt

from django.urls import reverse

from impsmart.accounts.models import AuditEvent
from impsmart.meetings import actions
from impsmart.meetings.models import Action, Attendance, Meeting
from tests.meetings.world import MeetingsWorld


class BadInputTests(MeetingsWorld):
    def setUp(self):
        self.client.force_login(self.ppkbd_a)
        self.events = AuditEvent.objects.filter(model__startswith="meetings.").count()

    def assertNothingStored(self):
        self.assertEqual(
            AuditEvent.objects.filter(model__startswith="meetings.").count(), self.events
        )

    def future_meeting(self) -> Meeting:
        meeting = actions.schedule_meeting(
            actor=self.ppkbd_a,
            institution=self.ppkbd_inst_a,
            date=dt.date(2026, 12, 1),
            place="Balai",
        )
        self.events = AuditEvent.objects.filter(model__startswith="meetings.").count()
        return meeting

    def test_a_future_meeting_takes_no_attendance_minutes_or_actions(self):
        meeting = self.future_meeting()
        for name, data in [
            ("attend", {"role": "tamu", "name": "Pak Imam"}),
            ("minutes", {"minutes": "Sudah", "finalise": "on"}),
            ("action_add", {"problem": "X", "owner_name": "Y", "due_on": "2026-12-20"}),
        ]:
            response = self.client.post(reverse(f"meetings:{name}", args=[meeting.pk]), data)
            self.assertContains(response, "belum berlangsung")
        meeting.refresh_from_db()
        self.assertFalse(meeting.finalised)
        self.assertEqual(meeting.attendance.count() + meeting.actions.count(), 0)
        self.assertNothingStored()

    def test_action_needs_owner_and_due_date(self):
        meeting = self.last
        Meeting.objects.filter(pk=meeting.pk)  # finalised: use a fresh held meeting instead
        held = actions.schedule_meeting(
            actor=self.ppkbd_a,
            institution=self.ppkbd_inst_a,
            date=dt.date(2026, 11, 2),
            place="Balai",
        )
        self.events = AuditEvent.objects.filter(model__startswith="meetings.").count()
        url = reverse("meetings:action_add", args=[held.pk])
        response = self.client.post(url, {"problem": "Stok habis"})
        self.assertContains(response, "Tulis siapa penanggung jawabnya")
        self.assertContains(response, "Isi batas waktu tindak lanjut")
        self.assertEqual(Action.objects.filter(meeting=held).count(), 0)
        self.assertNothingStored()

    def test_closing_needs_a_result(self):
        held = actions.schedule_meeting(
            actor=self.ppkbd_a,
            institution=self.ppkbd_inst_a,
            date=dt.date(2026, 11, 2),
            place="Balai",
        )
        self.events = AuditEvent.objects.filter(model__startswith="meetings.").count()
        url = reverse("meetings:action_close", args=[held.pk, self.old_action.pk])
        response = self.client.post(url, {"result": "  "})
        self.assertContains(response, "Tulis hasil tindak lanjut sebelum menutupnya")
        self.old_action.refresh_from_db()
        self.assertTrue(self.old_action.is_open)
        self.assertNothingStored()

    def test_finalised_minutes_are_read_only_corrections_are_addenda(self):
        url = reverse("meetings:minutes", args=[self.last.pk])
        response = self.client.post(url, {"minutes": "Diubah"})
        self.assertContains(response, "sudah final; koreksi dicatat sebagai adendum")
        response = self.client.post(
            reverse("meetings:attend", args=[self.last.pk]), {"role": "tamu", "name": "Telat"}
        )
        self.assertContains(response, "sudah final")
        self.last.refresh_from_db()
        self.assertEqual(self.last.minutes, "Dibahas stok.")
        self.assertEqual(Attendance.objects.filter(meeting=self.last).count(), 1)
        self.assertNothingStored()
        self.client.post(reverse("meetings:addendum", args=[self.last.pk]), {"text": "Koreksi"})
        self.assertEqual(self.last.addenda.get().text, "Koreksi")

    def test_bad_month_parameter_answers_400(self):
        response = self.client.get(reverse("meetings:pack", args=[self.last.pk]) + "?bulan=2026-13")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "TTTT-BB", status_code=400)
