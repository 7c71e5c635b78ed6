"""A woman's event form submitted twice (double tap, back and send) stores one row.

The repeat answers like the first (a redirect to the family); a different event under the
same key (same woman, same day) gets an Indonesian message, never a server error.
"""

from django.urls import reverse

from impsmart.families.models import ContraceptiveEpisode, IntentionRecord, Pregnancy
from tests.families.world import FamilyWorld


class DoubleSubmitTests(FamilyWorld):
    def setUp(self):
        self.client.force_login(self.ppkbd_a)
        self.done = reverse("families:detail", args=[self.family_a.pk])

    def twice(self, event: str, data: dict) -> None:
        url = reverse("families:woman_event", args=[self.wife_a.pk, event])
        for _attempt in range(2):
            self.assertRedirects(self.client.post(url, data), self.done)

    def post(self, event: str, data: dict):
        url = reverse("families:woman_event", args=[self.wife_a.pk, event])
        return self.client.post(url, data)

    def test_start_switch_and_stop_each_store_once(self):
        self.twice("mulai", {"method": "PIL", "start_date": "2025-01-06", "jalur": "pemerintah"})
        self.twice("ganti", {"method": "SUNTIK3", "start_date": "2025-05-02"})
        self.twice("berhenti", {"end_date": "2025-09-01", "reason": "ingin_hamil"})
        episodes = ContraceptiveEpisode.objects.filter(member=self.wife_a).order_by("start_date")
        self.assertEqual(
            [(e.method, str(e.start_date), str(e.end_date), e.end_reason) for e in episodes],
            [
                ("PIL", "2025-01-06", "2025-05-02", "ganti_cara"),
                ("SUNTIK3", "2025-05-02", "2025-09-01", "ingin_hamil"),
            ],
        )

    def test_another_method_on_a_stored_start_day_is_refused_with_a_message(self):
        self.twice("mulai", {"method": "PIL", "start_date": "2025-01-06"})
        response = self.post("mulai", {"method": "IMPLAN", "start_date": "2025-01-06"})
        self.assertContains(response, "bertumpuk dengan riwayat KB")
        self.assertEqual(ContraceptiveEpisode.objects.filter(member=self.wife_a).count(), 1)

    def test_pregnancy_and_its_outcome_store_once(self):
        self.twice("hamil", {"start_date": "2025-02-10"})
        self.twice("hasil", {"outcome": "lahir_hidup", "outcome_date": "2025-11-01"})
        pregnancy = Pregnancy.objects.get(member=self.wife_a)
        self.assertEqual(
            (str(pregnancy.outcome_date), pregnancy.outcome), ("2025-11-01", "lahir_hidup")
        )

    def test_an_intention_is_one_row_a_day_and_a_second_entry_corrects_it(self):
        self.twice("keinginan", {"intention": "IAT", "recorded_on": "2026-03-01"})
        self.assertEqual(
            list(IntentionRecord.objects.filter(member=self.wife_a).values_list("intention")),
            [("IAT",)],
        )
        self.twice("keinginan", {"intention": "TIAL", "recorded_on": "2026-03-01"})
        self.assertEqual(
            list(IntentionRecord.objects.filter(member=self.wife_a).values_list("intention")),
            [("TIAL",)],
        )
