"""Acceptance over HTTP: a PPKBD runs her month's meeting; the next agenda carries what is
still open; the koordinator sees it from the kecamatan."""

import datetime as dt

from django.urls import reverse

from impsmart.meetings.models import Action, Attendance, Meeting
from tests.meetings.world import THIS_MONTH, MeetingsWorld


class MeetingFlowTests(MeetingsWorld):
    def test_a_month_meeting_from_pack_to_next_agenda(self):
        self.client.force_login(self.ppkbd_a)
        page = reverse("meetings:schedule", args=[self.ppkbd_inst_a.pk])
        response = self.client.post(page, {"date": THIS_MONTH, "place": "Balai desa"})
        meeting = Meeting.objects.get(institution=self.ppkbd_inst_a, date=THIS_MONTH)
        self.assertRedirects(response, reverse("meetings:detail", args=[meeting.pk]))
        # The agenda opens with the review of last month's actions.
        detail = self.client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
        self.assertLess(
            detail.index("Tinjau tindak lanjut bulan lalu"), detail.index("Stok kondom")
        )
        pack = self.client.get(reverse("meetings:pack", args=[meeting.pk]))
        self.assertContains(pack, "Jumlah PUS")
        # The institution's grade and what it lacks, from the organization's rule.
        self.assertIsNone(pack.context["pack"].graded.grade)  # no board yet: not even Dasar
        self.assertContains(pack, "Untuk naik kelas masih perlu")
        self.assertContains(pack, "Status laporan REKAP_PUS")
        attend = reverse("meetings:attend", args=[meeting.pk])
        self.client.post(attend, {"role": "ppkbd", "user": self.ppkbd_a.pk})
        self.client.post(attend, {"role": "tokoh_agama", "name": "Ustadz Rahman"})
        self.client.post(attend, {"role": "pkb", "user": self.pkb.pk})
        self.assertEqual(meeting.attendance.count(), 3)
        add = reverse("meetings:action_add", args=[meeting.pk])
        for problem in ("Dua PUS drop-out belum dikunjungi", "Laporan dusun terlambat"):
            self.client.post(
                add, {"problem": problem, "owner_name": "Ibu Sekretaris", "due_on": "2026-12-05"}
            )
        close = reverse("meetings:action_close", args=[meeting.pk, self.old_action.pk])
        self.client.post(close, {"result": "Kondom sudah diantar PKB"})
        minutes = reverse("meetings:minutes", args=[meeting.pk])
        self.client.post(minutes, {"minutes": "Stok kondom beres.", "finalise": "on"})
        meeting.refresh_from_db()
        self.assertTrue(meeting.finalised)
        self.old_action.refresh_from_db()
        self.assertEqual(self.old_action.closed_in, meeting)
        self.assertEqual(meeting.actions.count(), 2)
        # Next month: generated from this one; its agenda carries what is still open.
        response = self.client.post(reverse("meetings:schedule_next", args=[self.ppkbd_inst_a.pk]))
        following = Meeting.objects.get(institution=self.ppkbd_inst_a, date=dt.date(2026, 12, 12))
        self.assertEqual(following.place, "Balai desa")
        agenda = self.client.get(reverse("meetings:detail", args=[following.pk]))
        self.assertContains(agenda, "Register dusun belum diperbarui")
        self.assertContains(agenda, "Dua PUS drop-out")
        self.assertNotContains(agenda, "Stok kondom habis")
        # The koordinator sees it from the kecamatan body's meeting and the overview.
        self.client.force_login(self.koordinator_a)
        overview = self.client.get(reverse("meetings:index"))
        self.assertContains(overview, "PPKBD Desa A")
        kec = self.client.post(
            reverse("meetings:schedule", args=[self.kecamatan_inst.pk]),
            {"date": "2026-11-15", "place": "Kantor camat"},
        )
        kec_meeting = Meeting.objects.get(institution=self.kecamatan_inst)
        self.assertEqual(kec.status_code, 302)
        page = self.client.get(reverse("meetings:detail", args=[kec_meeting.pk]))
        self.assertContains(page, "Register dusun belum diperbarui")
        self.assertContains(page, "PPKBD Desa A")

    def test_invitation_is_plain_text_for_whatsapp(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(reverse("meetings:invitation", args=[self.last.pk]))
        self.assertContains(response, "Salin untuk WhatsApp")
        self.assertContains(response, "Senin, 12 Oktober 2026")
        self.assertContains(response, 'data-copy="invitation-text"')
        self.assertNotContains(response, "<script>")

    def test_home_shows_next_meeting_and_own_actions(self):
        self.client.force_login(self.sub_ppkbd_a)
        response = self.client.get(reverse("dashboard:home"))
        self.assertContains(response, "Register dusun belum diperbarui")
        self.client.force_login(self.pkb)
        response = self.client.get(reverse("dashboard:home"))
        self.assertContains(response, "Pertemuan desa binaan")
        self.assertContains(response, "PPKBD Desa B")

    def test_actions_are_never_deleted(self):
        from impsmart.meetings.models import NeverDeleted

        with self.assertRaises(NeverDeleted):
            self.old_action.delete()
        self.assertEqual(Action.objects.count(), 2)
        self.assertEqual(Attendance.objects.count(), 1)
