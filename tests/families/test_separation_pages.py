"""A cadre records from a member's card that a couple divorced, was widowed or moved apart."""

import datetime as dt

from django.urls import reverse

from impsmart.families.models import Member
from tests.families.world import FamilyWorld

ON = dt.date(2025, 6, 10)


class SeparationPageTests(FamilyWorld):
    def url(self, member=None) -> str:
        return reverse("families:member_separate", args=[(member or self.wife_a).pk])

    def couple(self) -> list[tuple]:
        """(wife, husband): marital status, spouse, left on and why."""
        fields = ("marital_status", "spouse_id", "left_on", "left_reason")
        rows = Member.objects.in_bulk([self.wife_a.pk, self.husband_a.pk])
        return [
            tuple(getattr(rows[m.pk], f) for f in fields) for m in (self.wife_a, self.husband_a)
        ]

    def test_the_page_is_seen_inside_scope_only_from_either_card(self):
        for member in (self.wife_a, self.husband_a):
            self.assertVisible(
                self.url(member),
                [self.ppkbd_a, self.sub_ppkbd_a, self.pkb, self.koordinator_a, self.admin],
            )
            self.assertNotVisible(
                self.url(member), [None, self.ppkbd_c, self.mitra_a, self.pimpinan]
            )

    def test_refused_posts_change_nothing(self):
        before = self.couple()
        data = {"event": "cerai_hidup", "leaving": "suami", "on": "2025-06-10"}
        self.assertPostRefused(self.url(), data, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        self.assertEqual(self.couple(), before)

    def test_a_cadre_records_the_husbands_death_from_the_family_page(self):
        self.client.force_login(self.sub_ppkbd_a)
        detail = reverse("families:detail", args=[self.family_a.pk])
        page = self.client.get(detail)
        self.assertContains(page, f'href="{self.url(self.wife_a)}"')
        self.assertContains(page, f'href="{self.url(self.husband_a)}"')
        form = self.client.get(self.url()).content.decode()
        self.assertIn(f"Suami: {self.husband_a.name}", form)
        self.assertIn('type="date"', form)

        data = {"event": "cerai_mati", "leaving": "suami", "on": "2025-06-10"}
        response = self.client.post(self.url(), data, follow=True)
        self.assertRedirects(response, detail)
        self.assertContains(
            response, f"Cerai mati tercatat: {self.husband_a.name} meninggal pada 10-06-2025."
        )
        self.assertContains(response, "Cerai mati sejak 10-06-2025")
        # The couple is no more: neither card offers it again.
        self.assertNotContains(response, self.url(self.wife_a))
        self.assertNotContains(response, self.url(self.husband_a))
        again = self.client.get(self.url())
        self.assertContains(again, "tidak tercatat tinggal bersama suami/istri")
        self.assertNotContains(again, 'name="event"')

    def test_a_divorce_shows_on_her_card(self):
        self.client.force_login(self.ppkbd_a)
        data = {"event": "cerai_hidup", "leaving": "suami", "on": "2025-06-10"}
        response = self.client.post(self.url(self.husband_a), data, follow=True)
        self.assertContains(response, "Cerai hidup sejak 10-06-2025")
        self.assertEqual(
            self.couple(),
            [("cerai_hidup", self.husband_a.pk, None, ""), ("cerai_hidup", None, ON, "pindah")],
        )

    def test_errors_are_shown_in_indonesian_with_the_input_kept(self):
        self.client.force_login(self.ppkbd_a)
        before = self.couple()
        response = self.client.post(
            self.url(), {"event": "pindah", "leaving": "suami", "on": "1990-01-01"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"sebelum tanggal lahir {self.wife_a.name} (")
        self.assertContains(response, 'value="1990-01-01"')
        form = response.context["form"]
        self.assertEqual((form["event"].value(), form["leaving"].value()), ("pindah", "suami"))
        response = self.client.post(self.url(), {"on": "2025-06-10"})
        self.assertEqual(set(response.context["form"].errors), {"event", "leaving"})
        self.assertContains(response, "tidak boleh kosong", count=2)
        self.assertEqual(self.couple(), before)
