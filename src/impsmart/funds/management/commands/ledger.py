"""``impsmart ledger``: the funds with their balances, or one fund's entries.

Runs as the operator of the installation (every fund); amounts are whole rupiah.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from impsmart import spreadsheet
from impsmart.funds import exports
from impsmart.funds.models import Fund


class Command(BaseCommand):
    help = (
        "`ledger --list --format json` lists the funds [{fund, name, region_code, balance}]; "
        "`ledger FUND --format json|csv` prints one fund's balance and entries "
        "(id, date, kind, member, amount, reverses, by)."
    )

    def add_arguments(self, parser):
        parser.add_argument("fund", nargs="?", type=int, help="the fund's number")
        parser.add_argument("--list", action="store_true", help="list every fund")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, fund, list, format, **options):
        if list:
            self.stdout.write(json.dumps(exports.fund_list(Fund.objects.order_by("pk"))))
            return
        if fund is None:
            raise CommandError("Sebutkan nomor dana, atau --list untuk melihat semua dana.")
        found = Fund.objects.filter(pk=fund).first()
        if found is None:
            raise CommandError(
                f"Dana {fund} tidak ditemukan. Lihat daftarnya: impsmart ledger --list"
            )
        data = exports.fund_ledger(found)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        writer = spreadsheet.CsvWriter(self.stdout)
        writer.writerow(exports.ENTRY_FIELDS)
        for entry in data["entries"]:
            writer.writerow([entry[f] for f in exports.ENTRY_FIELDS])
