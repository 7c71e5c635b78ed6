"""The demo's funds verify and balance; the grading measure and the home block read them."""

import io
import random

from django.core.management import call_command
from django.db.models import Sum

from impsmart import dates
from impsmart.demo.funds import create_funds, independent_desa
from impsmart.funds import ledger
from impsmart.funds.models import CASH_KINDS, CashCount, Fund
from impsmart.organization.grading import measure
from tests.funds.world import FundWorld


class DemoFundsTests(FundWorld):
    def test_demo_funds_verify_and_balance(self):
        summary = create_funds(self.kabupaten, random.Random(7))
        desas = independent_desa(self.kabupaten)
        self.assertIn(f"{len(desas)} dana desa mandiri", summary)
        self.assertIn(self.desa_a.code, [d.code for d in desas])
        out = io.StringIO()
        call_command("arisan", "verify", "--all", stdout=out)
        self.assertIn("semua cocok", out.getvalue())
        demo = Fund.objects.exclude(pk=self.fund.pk).first()
        cash = demo.entries.filter(kind__in=CASH_KINDS).aggregate(s=Sum("amount"))["s"]
        self.assertEqual(ledger.balance(demo), cash)
        self.assertTrue(demo.entries.filter(reverses__isnull=False).exists())
        self.assertTrue(CashCount.objects.filter(fund=demo, adjustments__isnull=False).exists())
        self.assertEqual(measure("fund_months", demo.institution, dates.today()), 12)

    def test_fund_months_without_entries(self):
        self.assertEqual(measure("fund_months", self.institution, dates.today()), 0)

    def test_home_block_shows_balance_and_who_is_behind(self):
        create_funds(self.kabupaten, random.Random(7))
        self.client.force_login(self.ppkbd_a)
        page = self.client.get("/")
        self.assertContains(page, 'id="dana"')
        self.assertContains(page, "Rp ")
