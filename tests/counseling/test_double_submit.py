"""KIE, counselling, referral, confirmation and visit forms submitted twice store one row.

The repeat answers what the first stored; a different session or counselling under the same
key gets an Indonesian message, never a server error.
"""

from django.urls import reverse

from impsmart.counseling.models import Counseling, KieSession, Referral, Visit
from impsmart.families.models import ContraceptiveEpisode, IntentionRecord
from tests.counseling.test_kie import kie_post
from tests.counseling.world import CounselingWorld

DAY = "2026-11-02"


class DoubleSubmitTests(CounselingWorld):
    def setUp(self):
        self.client.force_login(self.ppkbd_a)

    def twice(self, url: str, data: dict) -> str:
        """Post ``data`` twice; both answer the same redirect, which is returned."""
        first, second = (self.client.post(url, data) for _attempt in range(2))
        self.assertEqual((first.status_code, second.status_code), (302, 302))
        self.assertEqual(first["Location"], second["Location"])
        return first["Location"]

    def test_a_kie_session_stores_once_and_another_under_its_key_gets_a_message(self):
        url = reverse("counseling:kie_create")
        self.twice(url, kie_post(self.dusun_a1.code))
        self.assertEqual(KieSession.objects.count(), 1)
        response = self.client.post(url, kie_post(self.dusun_a1.code, topics=["napza"]))
        self.assertContains(response, "sudah tercatat")
        self.assertContains(response, "Balai desa (sore)")
        self.assertEqual(KieSession.objects.count(), 1)

    def test_a_counselling_stores_once_with_its_intention(self):
        url = reverse("counseling:counsel", args=[self.wife_a.pk])
        data = {"date": DAY, "age": "30", "intention": "IAT", "note": "Ingin menunda"}
        self.twice(url, data)
        self.assertEqual(Counseling.objects.filter(member=self.wife_a).count(), 1)
        self.assertEqual(IntentionRecord.objects.filter(member=self.wife_a).count(), 1)
        response = self.client.post(url, {**data, "note": "Lain"})
        self.assertContains(response, "sudah tercatat")
        self.assertEqual(Counseling.objects.filter(member=self.wife_a).count(), 1)

    def test_a_referral_and_its_confirmation_store_once(self):
        url = reverse("counseling:refer", args=[self.wife_a.pk])
        data = {
            "facility": self.puskesmas_a.pk,
            "method_wanted": "IMPLAN",
            "reason": "Ingin MKJP",
            "sent_on": DAY,
        }
        self.twice(url, data)
        referral = Referral.objects.get(member=self.wife_a)
        self.client.force_login(self.mitra_a)
        answer = reverse("counseling:referral_answer", args=[referral.pk])
        self.twice(answer, {"served": "1", "method": "IMPLAN", "served_on": DAY})
        self.client.force_login(self.ppkbd_a)
        self.twice(reverse("counseling:referral_confirm", args=[referral.pk]), {})
        self.assertEqual(ContraceptiveEpisode.objects.filter(member=self.wife_a).count(), 1)

    def test_a_visit_marked_twice_is_one_visit(self):
        url = reverse("counseling:visit_record")
        data = {"member": self.wife_a.pk, "kind": "unmet", "date": DAY, "outcome": "bertemu"}
        self.twice(url, data)
        self.assertEqual(Visit.objects.filter(member=self.wife_a).count(), 1)
