"""The forum: a thread is visible in its region and below it; unread marks per user."""

from django.urls import reverse

from impsmart.meetings import actions, forum
from impsmart.meetings.models import Thread
from tests.base import KABUPATEN, KECAMATAN_A, KECAMATAN_C
from tests.meetings.world import MeetingsWorld


class ForumTests(MeetingsWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kab = actions.start_thread(
            actor=cls.admin, region_code=KABUPATEN, title="Jadwal KB", body="Pelayanan gratis"
        )
        cls.kec_a = actions.start_thread(
            actor=cls.ppkbd_a, region_code=KECAMATAN_A, title="Stok pil", body="Habis di desa A"
        )
        cls.kec_c = actions.start_thread(
            actor=cls.ppkbd_c, region_code=KECAMATAN_C, title="Register", body="Cara isi?"
        )

    def visible(self, user) -> set[str]:
        return set(Thread.objects.visible_to(user).values_list("title", flat=True))

    def test_visibility_follows_the_region_and_below(self):
        self.assertEqual(self.visible(self.sub_ppkbd_a), {"Jadwal KB", "Stok pil"})
        self.assertEqual(self.visible(self.ppkbd_c), {"Jadwal KB", "Register"})
        self.assertEqual(self.visible(self.koordinator_a), {"Jadwal KB", "Stok pil"})
        self.assertEqual(self.visible(self.admin), {"Jadwal KB", "Stok pil", "Register"})
        self.assertEqual(self.visible(self.pimpinan), set())

    def test_boards(self):
        codes = [b.code for b in actions.boards_for(self.pkb)]
        self.assertEqual(codes, [KABUPATEN, KECAMATAN_A])

    def test_unread_marks(self):
        self.assertEqual(forum.unread_count(self.pkb), 2)
        self.assertEqual(forum.unread_count(self.ppkbd_a), 1)  # her own thread is read
        self.client.force_login(self.pkb)
        self.client.post(reverse("forum:thread", args=[self.kec_a.pk]), {"body": "Saya antar."})
        self.assertEqual(forum.unread_count(self.pkb), 1)
        self.assertEqual(forum.unread_count(self.ppkbd_a), 2)  # the PKB's answer is new to her
        self.assertEqual(forum.unread_count(self.ppkbd_a, KECAMATAN_A), 1)
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(reverse("forum:thread", args=[self.kec_a.pk]))
        self.assertContains(response, "Saya antar.")
        self.assertContains(response, "PKB/PLKB")
        self.assertEqual(forum.unread_count(self.ppkbd_a, KECAMATAN_A), 0)

    def test_empty_reply_is_refused(self):
        self.client.force_login(self.pkb)
        response = self.client.post(reverse("forum:thread", args=[self.kec_a.pk]), {"body": " "})
        self.assertContains(response, "Tulis balasan Anda.")
        self.assertEqual(self.kec_a.posts.count(), 1)
