"""The contracts: ``impsmart ledger --list``, ``impsmart ledger FUND --format json|csv`` and
the API answer the same entries, amounts in whole rupiah."""

import csv
import datetime as dt
import io
import json

from django.core.management import call_command

from impsmart.funds import actions
from impsmart.funds.models import Kind
from tests.funds.world import FundWorld


class LedgerContractTests(FundWorld):
    def setUp(self):
        actions.record_dues(
            actor=self.ppkbd_a,
            fund=self.fund,
            month=dt.date(2026, 11, 1),
            paid=self.members[:2],
            date=dt.date(2026, 11, 5),
        )
        spent = actions.record_entry(
            actor=self.ppkbd_a,
            fund=self.fund,
            kind=Kind.SPENDING,
            amount=3000,
            date=dt.date(2026, 11, 6),
            purpose="Fotokopi",
        )
        self.reversal = actions.reverse_entry(
            actor=self.ppkbd_a, entry=spent, reason="Batal", date=dt.date(2026, 11, 7)
        )

    def command(self, *args):
        out = io.StringIO()
        call_command("ledger", *args, stdout=out)
        return out.getvalue()

    def test_list(self):
        rows = json.loads(self.command("--list", "--format", "json"))
        self.assertEqual(
            rows,
            [
                {
                    "fund": self.fund.pk,
                    "name": "Arisan PPKBD A",
                    "region_code": self.desa_a.code,
                    "balance": 10000,
                }
            ],
        )

    def test_one_fund_as_json_csv_and_api(self):
        data = json.loads(self.command(str(self.fund.pk), "--format", "json"))
        self.assertEqual(data["fund"], self.fund.pk)
        self.assertEqual(data["balance"], 10000)
        self.assertEqual(len(data["entries"]), 10 + 2 + 2)
        last = data["entries"][-1]
        self.assertEqual(set(last), {"id", "date", "kind", "member", "amount", "reverses", "by"})
        self.assertEqual((last["amount"], last["reverses"]), (3000, self.reversal.reverses_id))
        self.assertEqual(last["by"], "ppkbd_a")
        rows = list(csv.DictReader(io.StringIO(self.command(str(self.fund.pk), "--format", "csv"))))
        self.assertEqual([int(r["amount"]) for r in rows], [e["amount"] for e in data["entries"]])
        api = self.api_get(f"/api/v1/funds/{self.fund.pk}", self.ppkbd_a).json()
        self.assertEqual(api, data)

    def test_an_unknown_fund_is_refused(self):
        from django.core.management.base import CommandError

        with self.assertRaisesMessage(CommandError, "tidak ditemukan"):
            self.command("999", "--format", "json")
