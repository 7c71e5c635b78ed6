import json
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from impsmart.accounts.models import AuditEvent
from impsmart.training import actions, book
from impsmart.training.models import Attempt, Certificate, Event, Participant
from tests.base import KECAMATAN_A, World

MODULES = ["01-pengorganisasian", "09-pup"]


def right(event):
    bank = book.questions()
    return {f"q_{q}": bank[q].answer for q in event.questions}


def wrong(event, keep=()):
    bank = book.questions()
    return {
        f"q_{q}": bank[q].answer if q in keep else (bank[q].answer + 1) % len(bank[q].choices)
        for q in event.questions
    }


class WorkshopTests(World):
    def setUp(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(
            reverse("training:event_create"),
            {
                "kind": "workshop", "title": "Lokakarya Bontomarannu", "region_code": KECAMATAN_A,
                "organiser": "dinas", "facilitators": "Ibu Hasnah", "place": "Aula kecamatan",
                "starts_on": "2026-11-16", "ends_on": "2026-11-17", "modules": MODULES,
            },
        )  # fmt: skip
        self.event = Event.objects.get()
        self.assertRedirects(response, reverse("training:event", args=[self.event.pk]))
        self.detail = reverse("training:event", args=[self.event.pk])
        for username in ("ppkbd_a", "sub_ppkbd_a"):
            self.client.post(self.detail, {"do": "add", "username": username, "attended": "on"})
        self.mine = Participant.objects.get(user=self.ppkbd_a)
        self.theirs = Participant.objects.get(user=self.sub_ppkbd_a)

    def post_test(self, user, participant, phase, data):
        self.client.force_login(user)
        return self.client.post(reverse("training:attempt", args=[participant.pk, phase]), data)

    def test_pre_on_the_phone_post_after_gain_per_module_and_a_certificate_that_verifies(self):
        self.assertEqual(len(self.event.questions), 6)
        self.client.post(self.detail, {"do": "open_pre"})
        self.post_test(self.ppkbd_a, self.mine, "pre", wrong(self.event, self.event.questions[:3]))
        self.post_test(self.koordinator_a, self.theirs, "pre", wrong(self.event))  # from paper
        self.client.post(self.detail, {"do": "close_pre"})
        self.client.post(self.detail, {"do": "open_post"})
        self.post_test(self.ppkbd_a, self.mine, "post", right(self.event))
        self.post_test(
            self.sub_ppkbd_a, self.theirs, "post", wrong(self.event, self.event.questions[3:])
        )
        self.assertTrue(Attempt.objects.get(participant=self.theirs, phase="pre").on_paper)

        self.client.force_login(self.koordinator_a)
        page = self.client.get(self.detail)
        summary = page.context["summary"]
        self.assertEqual(
            (summary["paired"], summary["pre_mean"], summary["post_mean"]), (2, 25.0, 75.0)
        )
        # ppkbd_a: module 1 100→100, PUP 0→100; sub_ppkbd_a: module 1 0→0, PUP 0→100.
        self.assertEqual(summary["modules"], {"01-pengorganisasian": 0.0, "09-pup": 100.0})
        self.assertContains(page, 'data-module="09-pup"')

        self.client.post(self.detail, {"do": "certificates"})
        certificate = Certificate.objects.get(participant=self.mine)
        self.assertEqual(Certificate.objects.count(), 2)
        self.client.logout()
        public = self.client.get(reverse("certificate_verify", args=[certificate.code.lower()]))
        self.assertEqual(public.status_code, 200)
        text = public.content.decode()
        self.assertIn("ppkbd_a", text)  # the name (first_name in the test world)
        self.assertIn("Lokakarya Bontomarannu", text)
        self.assertIn("16-11-2026", text)
        for leak in ("Aula kecamatan", "Ibu Hasnah", "%", self.desa_a.code, "sub_ppkbd_a"):
            self.assertNotIn(leak, text)
        self.client.force_login(self.ppkbd_a)
        pdf = self.client.get(reverse("training:certificate", args=[self.mine.pk]))
        self.assertTrue(pdf.content.startswith(b"%PDF"))

    def test_an_answer_to_a_closed_test_is_refused_and_nothing_is_stored(self):
        response = self.post_test(self.ppkbd_a, self.mine, "pre", right(self.event))
        self.assertContains(response, "Tes awal sudah ditutup (atau belum dibuka)")
        self.assertFalse(Attempt.objects.exists())
        self.client.force_login(self.koordinator_a)
        self.client.post(self.detail, {"do": "open_pre"})
        self.post_test(self.ppkbd_a, self.mine, "pre", right(self.event))
        again = self.post_test(self.ppkbd_a, self.mine, "pre", wrong(self.event))
        self.assertEqual(Attempt.objects.get().correct, 6)  # the first answer stays
        self.assertEqual(again.status_code, 200)

    def test_a_duplicate_participant_and_an_unknown_one_are_refused(self):
        self.client.force_login(self.koordinator_a)
        response = self.client.post(self.detail, {"do": "add", "username": "ppkbd_a"})
        self.assertContains(response, "ppkbd_a sudah terdaftar sebagai peserta kegiatan ini.")
        response = self.client.post(self.detail, {"do": "add", "username": "ppkbd_c"})
        self.assertContains(response, "Pengguna tidak ditemukan di wilayah Anda.")
        self.assertEqual(Participant.objects.count(), 2)

    def test_a_certificate_code_that_does_not_exist_says_so_and_leaks_nothing(self):
        self.client.logout()
        response = self.client.get(reverse("certificate_verify", args=["ABCD-2345"]))
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Tidak ada sertifikat dengan kode ini.", status_code=404)

    def test_scope_of_the_workshop_routes(self):
        self.assertVisible(self.detail, [self.admin, self.koordinator_a, self.pkb])
        self.assertNotVisible(
            self.detail, [None, self.ppkbd_a, self.ppkbd_c, self.pimpinan, self.mitra_a]
        )
        self.assertVisible(reverse("training:event_create"), [self.admin, self.pkb])
        self.assertNotVisible(reverse("training:event_create"), [None, self.ppkbd_a, self.pimpinan])
        self.assertVisible(reverse("training:index"), [self.ppkbd_a, self.mitra_a, self.admin])
        self.assertNotVisible(reverse("training:index"), [None])
        attempt = reverse("training:attempt", args=[self.mine.pk, "pre"])
        self.assertVisible(attempt, [self.ppkbd_a, self.koordinator_a, self.pkb])
        self.assertNotVisible(attempt, [None, self.sub_ppkbd_a, self.ppkbd_c, self.pimpinan])
        certificate = reverse("training:certificate", args=[self.mine.pk])
        self.assertNotVisible(certificate, [None, self.sub_ppkbd_a, self.ppkbd_c])
        self.assertPostRefused(self.detail, {"do": "open_pre"}, [None, self.ppkbd_a, self.ppkbd_c])
        self.assertFalse(Event.objects.get().pre_open)
        self.assertApiVisible(
            f"/api/v1/training/events/{self.event.pk}", [self.admin, self.ppkbd_a]
        )
        self.assertApiNotVisible(f"/api/v1/training/events/{self.event.pk}", [None, self.ppkbd_c])
        # The list holds only the events in one's scope.
        self.assertApiVisible("/api/v1/training/events", [self.admin, self.ppkbd_a])
        self.assertEqual(self.api_get("/api/v1/training/events", None).status_code, 401)
        self.assertEqual(self.api_get("/api/v1/training/events", self.ppkbd_c).json(), [])

    def test_writes_are_audited_and_the_cli_reports_the_gain(self):
        self.client.post(self.detail, {"do": "open_pre"})
        self.post_test(self.ppkbd_a, self.mine, "pre", wrong(self.event))
        events = AuditEvent.objects.filter(model__startswith="training.")
        self.assertEqual(
            set(events.values_list("model", flat=True)),
            {"training.Event", "training.Participant", "training.Attempt"},
        )
        self.assertEqual(events.get(model="training.Attempt").actor, self.ppkbd_a)
        actions.set_test_open(actor=self.admin, event=self.event, phase="post", is_open=True)
        self.post_test(self.ppkbd_a, self.mine, "post", right(self.event))
        out = StringIO()
        call_command("training", "--region", "73.06", "--format", "json", stdout=out)
        self.assertEqual(
            json.loads(out.getvalue()),
            [{"event": "Lokakarya Bontomarannu", "date": "2026-11-16", "participants": 2,
              "pre_mean": 0.0, "post_mean": 100.0, "gain": 100.0}],
        )  # fmt: skip
        out = StringIO()
        call_command("training", "--region", self.desa_c.code, stdout=out)
        self.assertEqual(json.loads(out.getvalue()), [])
