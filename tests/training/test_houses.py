from django.urls import reverse

from impsmart.training.models import Loan, ReadingHouse, VisitMonth
from tests.base import KECAMATAN_A, World


class ReadingHouseTests(World):
    def setUp(self):
        self.client.force_login(self.koordinator_a)
        self.client.post(
            reverse("training:houses"),
            {"region_code": KECAMATAN_A, "name": "Rumah Baca Bontomarannu",
             "place": "Kantor camat", "keeper": "Ibu Rahma", "opening_hours": "08.00–14.00"},
        )  # fmt: skip
        self.house = ReadingHouse.objects.get()
        self.url = reverse("training:house", args=[self.house.pk])

    def test_catalogue_loans_returns_and_visits(self):
        self.client.post(
            self.url,
            {"do": "title", "title": "Buku Pintar Kader IMP", "kind": "smartbook", "copies": 1},
        )
        title = self.house.titles.get()
        loan = {
            "do": "loan",
            "title": title.pk,
            "borrower": "Bu Nur",
            "borrower_kind": "kader",
            "lent_on": "2026-11-02",
        }
        self.client.post(self.url, loan)
        refused = self.client.post(self.url, {**loan, "borrower": "Pak Amir"})
        self.assertContains(refused, "Semua eksemplar judul ini sedang dipinjam.")
        first = Loan.objects.get()
        self.client.post(self.url, {"do": "return", "loan": first.pk, "returned_on": "2026-11-10"})
        self.client.post(self.url, {"do": "visits", "month": "2026-10", "visits": 23})
        self.assertEqual(str(Loan.objects.get().returned_on), "2026-11-10")
        self.assertEqual(VisitMonth.objects.get().visits, 23)
        again = self.client.post(
            self.url,
            {"do": "title", "title": "buku pintar kader imp", "kind": "bkkbn", "copies": 2},
        )
        self.assertContains(again, "Judul ini sudah ada di katalog")

    def test_scope(self):
        self.assertVisible(self.url, [self.koordinator_a, self.ppkbd_a, self.admin, self.pimpinan])
        self.assertNotVisible(self.url, [None, self.ppkbd_c])
        self.assertVisible(reverse("training:houses"), [self.ppkbd_c])
        self.assertNotVisible(reverse("training:houses"), [None, self.mitra_a])
        self.assertPostRefused(
            self.url,
            {"do": "visits", "month": "2026-10", "visits": 1},
            [None, self.ppkbd_a, self.ppkbd_c],
        )
        self.client.force_login(self.ppkbd_a)
        self.assertNotContains(self.client.get(self.url), "Peminjaman")
