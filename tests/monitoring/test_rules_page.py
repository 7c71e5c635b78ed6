"""The Dinas adjusts the target thresholds on a page; the scorecard's rule text follows."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from impsmart.accounts.models import AuditEvent
from impsmart.accounts.roles import Role
from impsmart.monitoring import actions, targets
from impsmart.monitoring.models import TargetRule
from tests.base import KABUPATEN, World, make_user

URL = reverse("monitoring:rules")


def defaults() -> dict[str, str]:
    """Every field of the form filled with the default thresholds."""
    return {
        targets.field_name(code, key): str(value)
        for code, rule in targets.DEFAULT_RULES.items()
        for key, value in rule.items()
    }


class ThresholdPageTests(World):
    def test_the_kabupaten_admin_changes_a_threshold_audited_and_the_scorecard_follows(self):
        self.client.force_login(self.admin)
        page = self.client.get(URL).content.decode()
        self.assertIn("Notulen pertemuan ≥ 10 dari 12 bulan", page)
        self.assertIn('name="T2_met"', page)
        response = self.client.post(URL, {**defaults(), "T2_met": "9", "T7_partly": "40"})
        self.assertRedirects(response, URL)
        rule = TargetRule.objects.get(region_code=KABUPATEN)
        self.assertEqual(rule.thresholds, {"T2": {"met": 9}, "T7": {"partly": 40}})
        self.assertTrue(
            AuditEvent.objects.filter(model="monitoring.TargetRule", actor=self.admin).exists()
        )
        card = self.client.get(reverse("monitoring:region", args=[KABUPATEN])).content.decode()
        self.assertIn("Notulen pertemuan ≥ 9 dari 12 bulan", card)
        self.assertIn("sebagian: ≥ 40 %", card)
        self.assertIn(URL, card)  # the scorecard links here for the admin
        # Back to the defaults: nothing left to store.
        self.client.post(URL, defaults())
        self.assertEqual(TargetRule.objects.get(region_code=KABUPATEN).thresholds, {})

    def test_bad_thresholds_are_refused_in_indonesian_nothing_stored_typing_kept(self):
        self.client.force_login(self.admin)
        bad = {**defaults(), "T2_partly": "11", "T5_months": "13", "T7_met": "semua"}
        page = self.client.post(URL, bad).content.decode()
        self.assertIn("Ambang sebagian tidak boleh lebih besar dari ambang terpenuhi.", page)
        self.assertIn("Isi angka dari 1 sampai 12.", page)
        self.assertIn("Tulis angka bulat, mis. 10.", page)
        self.assertIn('value="semua"', page)
        self.assertIn('value="11"', page)
        self.assertFalse(TargetRule.objects.exists())
        self.assertIn("Isi angka ambang ini.", self.client.post(URL, {}).content.decode())
        self.assertFalse(TargetRule.objects.exists())

    def test_only_the_kabupaten_admin_may_open_or_post_others_get_403(self):
        self.assertVisible(URL, [self.admin])
        others = [
            self.pimpinan, self.koordinator_a, self.mitra_a, self.pkb, self.ppkbd_a,
            self.sub_ppkbd_a,
        ]  # fmt: skip
        for user in others:
            self.client.force_login(user)
            self.assertEqual(self.client.get(URL).status_code, 403, user)
            self.assertEqual(self.client.post(URL, defaults()).status_code, 403, user)
        self.assertNotVisible(URL, [None])
        self.assertPostRefused(URL, {**defaults(), "T2_met": "1"}, [None, self.pimpinan])
        self.assertFalse(TargetRule.objects.exists())

    def test_an_admin_of_another_kabupaten_cannot_change_this_one(self):
        other = make_user("admin_parepare", Role.ADMIN_KABUPATEN, "73.72")
        with self.assertRaises(PermissionDenied):
            actions.save_thresholds(
                actor=other, region_code=KABUPATEN, thresholds={"T2": {"met": 1}}
            )
        self.assertFalse(TargetRule.objects.exists())
