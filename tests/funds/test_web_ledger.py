"""Through the pages: dues, other entries, corrections and a cash count leave every balance
equal to the sum of its entries; bad input is refused in Indonesian and stores nothing."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.urls import reverse

from impsmart.accounts.models import AuditEvent
from impsmart.funds import ledger, receipts
from impsmart.funds.models import CASH_KINDS, CashCount, Kind, LedgerEntry
from tests.funds.world import FundWorld

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100


class WebLedgerTests(FundWorld):
    def setUp(self):
        self.client.force_login(self.ppkbd_a)

    def post(self, name, pk, data, **extra):
        return self.client.post(reverse(f"funds:{name}", args=[pk]), data, **extra)

    def test_balances_are_the_sums_of_entries_after_web_actions(self):
        ids = [m.pk for m in self.members]
        self.post("dues", self.fund.pk, {"month": "2026-10", "date": "2026-10-20", "paid": ids[:7]})
        self.post("dues", self.fund.pk, {"month": "2026-11", "date": "2026-11-10", "paid": ids[:4]})
        receipt = SimpleUploadedFile("k.jpg", JPEG, content_type="image/jpeg")
        self.post(
            "entry",
            self.fund.pk,
            {"kind": Kind.INCOME, "amount": "100.000", "date": "2026-11-11", "purpose": "UPPKA"},
        )
        self.post(
            "entry",
            self.fund.pk,
            {
                "kind": Kind.SPENDING,
                "amount": "15000",
                "date": "2026-11-12",
                "purpose": "Konsumsi",
                "receipt": receipt,
            },
        )
        wrong = LedgerEntry.objects.filter(kind=Kind.DUES_PAID).first()
        self.post("reverse", wrong.pk, {"reason": "Salah orang", "date": "2026-11-13"})
        response = self.post("count", self.fund.pk, {"date": "2026-11-18", "counted": "140.000"})
        found = CashCount.objects.get()
        self.assertRedirects(response, reverse("funds:explain", args=[found.pk]))
        self.post("explain", found.pk, {"reason": "Uang kembalian hilang"})

        entries = LedgerEntry.objects.filter(fund=self.fund)
        cash = entries.filter(kind__in=CASH_KINDS).aggregate(s=Sum("amount"))["s"]
        self.assertEqual(ledger.balance(self.fund), cash)
        self.assertEqual(cash, 140000)  # 55,000 dues − 5,000 reversed + 100,000 − 15,000 − 0
        self.assertEqual(found.gap, 140000 - found.ledger_balance)
        self.assertTrue(entries.filter(kind=Kind.ADJUSTMENT, count=found).exists())
        owed = {m.name: m.months_owed for m in ledger.member_dues(self.fund)}
        self.assertEqual(owed["Ani"], 1)  # her October payment was reversed
        self.assertEqual(owed["Jumi"], 2)
        self.assertEqual(owed["Dewi"], 0)
        self.assertTrue(entries.filter(kind=Kind.SPENDING).exclude(receipt_sha256="").exists())
        self.assertTrue(AuditEvent.objects.filter(model="funds.LedgerEntry").exists())
        page = self.client.get(reverse("funds:detail", args=[self.fund.pk]))
        self.assertContains(page, "Rp 140.000")

    def test_bad_amounts_are_refused_and_nothing_is_stored(self):
        for amount, message in [
            ("-5000", "tidak boleh negatif"),
            ("12,5", "rupiah bulat"),
            ("1.5", "rupiah bulat"),
            ("0", "lebih dari nol"),
        ]:
            response = self.post(
                "entry",
                self.fund.pk,
                {"kind": Kind.INCOME, "amount": amount, "date": "2026-11-11", "purpose": "x"},
            )
            self.assertContains(response, message)
        self.assertFalse(LedgerEntry.objects.exists())

    def test_a_receipt_that_is_not_an_image_or_too_large_is_refused(self):
        fake = SimpleUploadedFile("k.jpg", b"%PDF-1.4 bukan foto", content_type="image/jpeg")
        large = SimpleUploadedFile("k.jpg", JPEG + b"\x00" * receipts.PHOTO.max_bytes)
        for upload, message in [(fake, "harus berupa foto"), (large, "terlalu besar")]:
            response = self.post(
                "entry",
                self.fund.pk,
                {
                    "kind": Kind.INCOME,
                    "amount": "1000",
                    "date": "2026-11-11",
                    "purpose": "x",
                    "receipt": upload,
                },
            )
            self.assertContains(response, message)
        self.assertFalse(LedgerEntry.objects.exists())

    def test_a_month_paid_twice_is_refused(self):
        data = {"month": "2026-11", "date": "2026-11-10", "paid": [self.members[0].pk]}
        self.post("dues", self.fund.pk, data)
        response = self.post("dues", self.fund.pk, data)
        self.assertContains(response, "sudah tercatat lunas")
        self.assertEqual(LedgerEntry.objects.filter(kind=Kind.DUES_PAID).count(), 1)

    def test_the_kartu_iuran_and_buku_kas_show_the_entries(self):
        self.post(
            "dues",
            self.fund.pk,
            {"month": "2026-11", "date": "2026-11-10", "paid": [self.members[0].pk]},
        )
        card = self.client.get(reverse("funds:card", args=[self.members[1].pk]))
        self.assertContains(card, "Tunggakan")
        url = reverse("funds:statement", args=[self.fund.pk])
        page = self.client.get(url, {"bulan": "2026-11"})
        self.assertContains(page, "Saldo akhir")
        self.assertContains(page, "Bendahara A")
        xlsx = self.client.get(url, {"bulan": "2026-11", "format": "xlsx"})
        self.assertEqual(xlsx.content[:2], b"PK")
        pdf = self.client.get(url, {"bulan": "2026-11", "format": "pdf"})
        self.assertEqual(pdf.content[:5], b"%PDF-")
        self.assertEqual(
            dt.date(2026, 11, 1), ledger.statement(self.fund, dt.date(2026, 11, 30))["month"]
        )
