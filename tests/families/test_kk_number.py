"""A family whose new Kartu Keluarga was issued gets its new number, checked and audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from impsmart.accounts.models import AuditEvent
from impsmart.families import actions
from impsmart.families.models import Family
from tests.families.world import FamilyWorld

NEW_KK = "7306061505260003"


class KkNumberActionTests(FamilyWorld):
    def numbers(self) -> list[str]:
        return list(Family.objects.order_by("pk").values_list("kk_number", flat=True))

    def test_the_new_number_is_saved_and_audited(self):
        old = self.family_a.kk_number
        AuditEvent.objects.all().delete()
        actions.change_kk_number(
            actor=self.ppkbd_a, family=self.family_a, kk_number=" 7306 0615 0526 0003 "
        )
        self.family_a.refresh_from_db()
        self.assertEqual(self.family_a.kk_number, NEW_KK)
        self.assertEqual(self.family_a.members.count(), 2)
        event = AuditEvent.objects.get(model="families.Family")
        self.assertEqual(
            (event.action, event.actor, event.object_pk),
            ("update", self.ppkbd_a, str(self.family_a.pk)),
        )
        self.assertEqual((event.before["kk_number"], event.after["kk_number"]), (old, NEW_KK))

    def test_a_malformed_number_says_what_to_fix(self):
        before = self.numbers()
        for bad, message in (
            ("12345", "harus 16 angka"),
            ("73060615052600AB", "harus 16 angka"),
            ("7306064413200001", "tanggal terbit"),
            (self.family_a.kk_number, "sama dengan nomor sekarang"),
        ):
            with self.assertRaisesMessage(ValidationError, message):
                actions.change_kk_number(actor=self.ppkbd_a, family=self.family_a, kk_number=bad)
        self.assertEqual(self.numbers(), before)

    def test_a_number_of_another_family_is_refused_even_outside_scope(self):
        before = self.numbers()
        with self.assertRaisesMessage(ValidationError, "sudah dipakai keluarga lain") as caught:
            actions.change_kk_number(
                actor=self.ppkbd_a, family=self.family_a, kk_number=self.family_c.kk_number
            )
        # The other family lies outside ppkbd_a's scope: the message names nothing of it.
        self.assertEqual(
            caught.exception.message_dict,
            {
                "kk_number": [
                    f"Nomor KK {self.family_c.kk_number} sudah dipakai keluarga lain; "
                    "periksa lagi Kartu Keluarga."
                ]
            },
        )
        self.assertEqual(self.numbers(), before)

    def test_users_outside_scope_or_role_are_refused(self):
        before = self.numbers()
        for user in (self.ppkbd_c, self.pimpinan, self.mitra_a):
            with self.assertRaises(PermissionDenied):
                actions.change_kk_number(actor=user, family=self.family_a, kk_number=NEW_KK)
        self.assertEqual(self.numbers(), before)


class KkNumberPageTests(FamilyWorld):
    def url(self) -> str:
        return reverse("families:kk_number", args=[self.family_a.pk])

    def test_the_page_is_seen_inside_scope_only(self):
        self.assertVisible(
            self.url(), [self.ppkbd_a, self.sub_ppkbd_a, self.pkb, self.koordinator_a, self.admin]
        )
        self.assertNotVisible(self.url(), [None, self.ppkbd_c, self.mitra_a, self.pimpinan])

    def test_refused_posts_change_nothing(self):
        self.assertPostRefused(
            self.url(), {"kk_number": NEW_KK}, [None, self.ppkbd_c, self.mitra_a, self.pimpinan]
        )
        self.family_a.refresh_from_db()
        self.assertNotEqual(self.family_a.kk_number, NEW_KK)

    def test_the_family_page_links_to_it_and_a_cadre_changes_the_number(self):
        self.client.force_login(self.sub_ppkbd_a)
        detail = reverse("families:detail", args=[self.family_a.pk])
        self.assertContains(self.client.get(detail), f'href="{self.url()}"')
        response = self.client.post(self.url(), {"kk_number": NEW_KK}, follow=True)
        self.assertRedirects(response, detail)
        self.assertContains(response, f"KK {NEW_KK}")
        self.assertContains(response, "Nomor KK diganti")

    def test_a_taken_number_is_shown_back_with_the_reason(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.post(self.url(), {"kk_number": self.family_c.kk_number})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "sudah dipakai keluarga lain")
        self.assertContains(response, f'value="{self.family_c.kk_number}"')
        self.assertContains(response, f"KK {self.family_a.kk_number}")
        response = self.client.post(self.url(), {"kk_number": "7306"})
        self.assertContains(response, "harus 16 angka")
        self.assertContains(response, 'value="7306"')
