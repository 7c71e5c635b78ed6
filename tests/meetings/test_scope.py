"""Every meetings and forum route: out of scope 404/403, in scope 200; writes refused."""

from django.urls import reverse

from impsmart.accounts.models import AuditEvent
from impsmart.meetings import actions
from impsmart.meetings.models import Attendance, Thread
from tests.base import KECAMATAN_A
from tests.meetings.world import MeetingsWorld


class MeetingScopeTests(MeetingsWorld):
    def test_pages_in_and_out_of_scope(self):
        m, inst = self.last.pk, self.ppkbd_inst_a.pk
        inside = [self.ppkbd_a, self.pkb, self.koordinator_a, self.admin]
        outside = [None, self.ppkbd_c, self.pimpinan, self.mitra_a]
        for url in [
            reverse("meetings:detail", args=[m]),
            reverse("meetings:invitation", args=[m]),
            reverse("meetings:pack", args=[m]),
            reverse("meetings:institution", args=[inst]),
            # The minutes and the pack on paper.
            reverse("meetings:detail", args=[m]) + "?format=pdf",
            reverse("meetings:pack", args=[m]) + "?format=pdf",
        ]:
            self.assertVisible(url, inside)
            self.assertNotVisible(url, outside)
        self.assertVisible(reverse("meetings:index"), inside + [self.ppkbd_c])
        self.assertNotVisible(reverse("meetings:index"), [None, self.pimpinan, self.mitra_a])
        self.assertNotVisible(reverse("meetings:index") + f"?wilayah={KECAMATAN_A}", [self.ppkbd_c])

    def test_writes_out_of_scope_are_refused_and_store_nothing(self):
        m, inst, a = self.last.pk, self.ppkbd_inst_a.pk, self.old_action.pk
        before = (
            AuditEvent.objects.filter(model__startswith="meetings.").count(),
            Attendance.objects.count(),
        )
        outside = [None, self.ppkbd_c, self.pimpinan, self.mitra_a]
        posts = {
            reverse("meetings:schedule", args=[inst]): {"date": "2026-11-10", "place": "X"},
            reverse("meetings:schedule_next", args=[inst]): {},
            reverse("meetings:edit", args=[m]): {"date": "2026-11-10", "place": "X"},
            reverse("meetings:attend", args=[m]): {"role": "tamu", "name": "X"},
            reverse("meetings:minutes", args=[m]): {"minutes": "X"},
            reverse("meetings:addendum", args=[m]): {"text": "X"},
            reverse("meetings:action_add", args=[m]): {
                "problem": "X",
                "owner_name": "Y",
                "due_on": "2026-12-01",
            },
            reverse("meetings:action_close", args=[m, a]): {"result": "X"},
        }
        for url, data in posts.items():
            self.assertPostRefused(url, data, outside)
        self.assertEqual(
            (
                AuditEvent.objects.filter(model__startswith="meetings.").count(),
                Attendance.objects.count(),
            ),
            before,
        )

    def test_every_write_is_audited(self):
        self.client.force_login(self.ppkbd_a)
        self.client.post(reverse("meetings:addendum", args=[self.last.pk]), {"text": "Koreksi"})
        event = AuditEvent.objects.filter(model="meetings.Addendum").get()
        self.assertEqual(event.actor, self.ppkbd_a)
        self.assertEqual(event.region_code, self.desa_a.code)
        self.assertTrue(AuditEvent.objects.filter(model="meetings.Action", action="create"))

    def test_forum_routes(self):
        with self.settings():
            kab = actions.start_thread(
                actor=self.admin, region_code="73.06", title="Jadwal", body="Pelayanan KB"
            )
            kec_c = actions.start_thread(
                actor=self.ppkbd_c, region_code="73.06.01", title="Stok", body="Habis"
            )
        self.assertVisible(reverse("forum:index"), [self.ppkbd_a, self.ppkbd_c, self.admin])
        self.assertNotVisible(reverse("forum:index"), [None, self.pimpinan, self.mitra_a])
        self.assertVisible(reverse("forum:thread", args=[kab.pk]), [self.ppkbd_a, self.pkb])
        self.assertNotVisible(
            reverse("forum:thread", args=[kec_c.pk]), [None, self.ppkbd_a, self.koordinator_a]
        )
        self.assertVisible(reverse("forum:board", args=[KECAMATAN_A]), [self.sub_ppkbd_a])
        self.assertNotVisible(reverse("forum:board", args=["73.06.01"]), [self.ppkbd_a, None])
        self.assertPostRefused(
            reverse("forum:thread", args=[kec_c.pk]), {"body": "Halo"}, [None, self.ppkbd_a]
        )
        self.assertPostRefused(
            reverse("forum:board", args=["73.06.01"]),
            {"title": "X", "body": "Y"},
            [None, self.koordinator_a],
        )
        self.assertEqual(Thread.objects.get(pk=kec_c.pk).posts.count(), 1)

    def test_api_scope(self):
        path = f"/api/v1/meetings?region={self.desa_a.code}&month=2026-10"
        self.assertApiVisible(path, [self.ppkbd_a, self.pkb, self.koordinator_a])
        self.assertApiNotVisible(path, [None, self.ppkbd_c, self.pimpinan])
