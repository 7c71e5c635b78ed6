"""Every funds route: seen and written in scope only (desa A's fund; ppkbd_c and the mitra
see nothing, the pimpinan no member names, anonymous users go to the login page)."""

import datetime as dt

from django.urls import reverse

from impsmart.funds import actions, arisan
from impsmart.funds.models import Kind
from tests.funds.world import FundWorld


class FundScopeTests(FundWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actor = cls.ppkbd_a
        cls.entry = actions.record_entry(
            actor=actor,
            fund=cls.fund,
            kind=Kind.INCOME,
            amount=1000,
            date=dt.date(2026, 11, 1),
            purpose="x",
        )
        cls.cycle = actions.create_cycle(
            actor=actor,
            fund=cls.fund,
            contribution=1000,
            starts_on=dt.date(2026, 11, 1),
            members=cls.members[:2],
        )
        cls.count = actions.record_count(
            actor=actor, fund=cls.fund, date=dt.date(2026, 11, 2), counted=500
        )

    def urls(self):
        f, c = self.fund.pk, self.cycle.pk
        return [
            reverse("funds:institution", args=[self.institution.pk]),
            reverse("funds:detail", args=[f]),
            reverse("funds:member_add", args=[f]),
            reverse("funds:dues", args=[f]),
            reverse("funds:entry", args=[f]),
            reverse("funds:count", args=[f]),
            reverse("funds:statement", args=[f]),
            reverse("funds:cycle_create", args=[f]),
            reverse("funds:card", args=[self.members[0].pk]),
            reverse("funds:reverse", args=[self.entry.pk]),
            reverse("funds:explain", args=[self.count.pk]),
            reverse("funds:cycle", args=[c]),
            reverse("funds:verify", args=[c]),
        ]

    def test_pages_are_visible_in_scope_only(self):
        for url in self.urls():
            self.assertVisible(url, [self.ppkbd_a, self.pkb])
            self.assertNotVisible(url, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        self.assertVisible(reverse("funds:index"), [self.ppkbd_a])
        self.assertNotVisible(reverse("funds:index"), [None, self.mitra_a])

    def test_readers_outside_the_keepers_cannot_write(self):
        # The koordinator reads the fund but keeps no book.
        self.assertVisible(reverse("funds:detail", args=[self.fund.pk]), [self.koordinator_a])
        self.assertNotVisible(reverse("funds:entry", args=[self.fund.pk]), [self.koordinator_a])

    def test_index_lists_funds_in_scope_only(self):
        self.client.force_login(self.ppkbd_c)
        self.assertNotContains(self.client.get(reverse("funds:index")), "Arisan PPKBD A")

    def test_posts_are_refused_outside_scope(self):
        c = self.cycle.pk
        refused = [None, self.ppkbd_c, self.mitra_a, self.pimpinan, self.koordinator_a]
        seed = arisan.commitment_of("x")
        for name, data in [
            ("commit", {"commitment": seed}),
            ("draw", {"seed": "x", "date": "2026-11-02"}),
            ("contribute", {"member": self.members[0].pk, "period": 1, "date": "2026-11-02"}),
            ("payout", {"date": "2026-11-02"}),
        ]:
            self.assertPostRefused(reverse(f"funds:{name}", args=[c]), data, refused)
        self.assertPostRefused(
            reverse("funds:entry", args=[self.fund.pk]),
            {"kind": Kind.INCOME, "amount": "5", "date": "2026-11-02", "purpose": "x"},
            refused,
        )
        self.assertEqual(self.fund.entries.count(), 1)

    def test_receipts_are_served_in_scope_only(self):
        url = reverse("funds:receipt", args=[self.entry.pk])
        self.assertNotVisible(url, [None, self.ppkbd_c])
        self.client.force_login(self.ppkbd_a)
        self.assertEqual(self.client.get(url).status_code, 404)  # this entry has no receipt

    def test_api_in_scope_only(self):
        self.assertApiVisible("/api/v1/funds", [self.ppkbd_a])
        path = f"/api/v1/funds/{self.fund.pk}"
        self.assertApiVisible(path, [self.ppkbd_a, self.pkb])
        self.assertApiNotVisible(path, [None, self.ppkbd_c])
        self.assertEqual(self.api_get("/api/v1/funds", self.ppkbd_c).json(), [])
