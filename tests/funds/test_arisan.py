"""Arisan: commit, reveal and draw through the pages; each member wins once; anyone can
re-run the draws (page and ``impsmart arisan verify``), and a tampered draw row fails."""

import datetime as dt
import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from impsmart.funds import actions, arisan, ledger
from impsmart.funds.models import ArisanDraw, Kind, LedgerEntry
from tests.funds.world import FundWorld


class ArisanTests(FundWorld):
    def setUp(self):
        self.client.force_login(self.ppkbd_a)
        self.cycle = actions.create_cycle(
            actor=self.ppkbd_a,
            fund=self.fund,
            contribution=20000,
            starts_on=dt.date(2026, 8, 1),
            members=self.members[:3],
        )

    def post(self, name, data):
        return self.client.post(reverse(f"funds:{name}", args=[self.cycle.pk]), data)

    def run_period(self, period):
        for member in self.members[:3]:
            self.post("contribute", {"member": member.pk, "period": period, "date": "2026-11-01"})
        seed = f"benih-rahasia-{period}"
        self.post("commit", {"commitment": arisan.commitment_of(seed)})
        self.post("draw", {"seed": seed, "date": "2026-11-02"})
        self.post("payout", {"date": "2026-11-02"})

    def test_a_full_cycle_draws_each_member_once_and_verifies(self):
        for period in (1, 2, 3):
            self.run_period(period)
        winners = list(self.cycle.draws.values_list("winner", flat=True))
        self.assertEqual(sorted(winners), sorted(m.pk for m in self.members[:3]))
        self.cycle.refresh_from_db()
        self.assertIsNotNone(self.cycle.closed_on)
        self.assertEqual(ledger.balance(self.fund), 0)  # 3 × 60,000 in, 3 × 60,000 paid out
        page = self.client.get(reverse("funds:verify", args=[self.cycle.pk]))
        self.assertContains(page, "Semua undian cocok.")
        out = io.StringIO()
        call_command("arisan", "verify", "--all", stdout=out)
        self.assertIn("3 undian diperiksa, semua cocok", out.getvalue())
        # A payment to the closed cycle is refused, nothing stored.
        before = LedgerEntry.objects.count()
        response = self.post(
            "contribute", {"member": self.members[0].pk, "period": 1, "date": "2026-11-03"}
        )
        self.assertRedirects(
            response, reverse("funds:cycle", args=[self.cycle.pk]), fetch_redirect_response=False
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, "sudah ditutup")
        self.assertEqual(LedgerEntry.objects.count(), before)

    def test_a_tampered_draw_row_fails_verification(self):
        self.run_period(1)
        draw = self.cycle.draws.get()
        other = next(m for m in self.members[:3] if m.pk != draw.winner_id)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE funds_arisandraw SET winner_id = %s WHERE id = %s", [other.pk, draw.pk]
            )
        with self.assertRaises(CommandError):
            call_command("arisan", "verify", str(self.cycle.pk), stdout=io.StringIO())
        page = self.client.get(reverse("funds:verify", args=[self.cycle.pk]))
        self.assertContains(page, "TIDAK COCOK")

    def test_a_wrong_seed_is_refused(self):
        self.post("commit", {"commitment": arisan.commitment_of("benar")})
        self.post("draw", {"seed": "salah", "date": "2026-11-02"})
        self.assertFalse(self.cycle.draws.filter(winner__isnull=False).exists())

    def test_a_second_win_in_one_cycle_is_refused(self):
        for period in (1, 2, 3):
            self.run_period(period)
        response = self.post("commit", {"commitment": arisan.commitment_of("lagi")})
        page = self.client.get(response["Location"])
        self.assertContains(page, "sudah ditutup")
        first = self.cycle.draws.get(period=1)
        with self.assertRaises(IntegrityError), transaction.atomic():
            ArisanDraw.objects.create(
                cycle=self.cycle,
                period=4,
                commitment="0" * 64,
                committed_at=first.committed_at,
                winner=first.winner,
                drawn_on=first.drawn_on,
                by=self.ppkbd_a,
            )

    def test_a_skipped_contribution_shows_on_the_grid(self):
        self.post("contribute", {"member": self.members[0].pk, "period": 1, "date": "2026-09-20"})
        seed = "s1"
        self.post("commit", {"commitment": arisan.commitment_of(seed)})
        self.post("draw", {"seed": seed, "date": "2026-11-02"})
        page = self.client.get(reverse("funds:cycle", args=[self.cycle.pk]))
        self.assertContains(page, "⏱")  # paid after August
        self.assertContains(page, "✗")  # two members skipped
        self.assertEqual(LedgerEntry.objects.filter(kind=Kind.ARISAN_IN).count(), 1)
