"""Every poktan page in and out of scope, the R/I register (page and xlsx), CLI, API, grading."""

import datetime as dt
import io
import json

from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from impsmart.groups import actions
from impsmart.groups.models import Capital, Membership
from impsmart.organization import grading
from impsmart.organization.models import Institution
from tests.groups.world import GroupWorld


class PageWorld(GroupWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.ppkbd_a
        cls.member = actions.enrol(
            actor=a, group=cls.bkb, family=cls.family_a, started_on=dt.date(2026, 1, 1)
        )
        cls.session = actions.record_session(
            actor=a, group=cls.bkb, date=dt.date(2026, 10, 12), topic="bkb_gizi",
            presenter_kind="pkb", presenter_name="Pak Amir", attendees=[cls.member.pk],
        )  # fmt: skip
        actions.record_kka(actor=a, session=cls.session, child=cls.toddler, ticked=[])
        cls.uppka = cls.make_group("UPPKA", cls.desa_a.code)
        cls.uppka_member = actions.enrol(
            actor=a, group=cls.uppka, family=cls.family_a, started_on=dt.date(2026, 1, 1)
        )


class ScopeTests(PageWorld):
    def test_every_page_in_and_out_of_scope(self):
        g, s, m = self.bkb.pk, self.session.pk, self.member.pk
        pages = [
            reverse("groups:detail", args=[g]),
            reverse("groups:edit", args=[g]),
            reverse("groups:session_create", args=[g]),
            reverse("groups:register", args=[g]) + "?bulan=2026-10",
            reverse("groups:register_xlsx", args=[g]) + "?bulan=2026-10",
            reverse("groups:register_pdf", args=[g]) + "?bulan=2026-10",
            reverse("groups:membership_end", args=[m]),
            reverse("groups:capital", args=[self.uppka_member.pk]),
            reverse("groups:session", args=[s]),
        ]
        for url in pages:
            self.assertVisible(url, [self.ppkbd_a, self.pkb, self.admin])
            self.assertNotVisible(url, [None, self.ppkbd_c, self.pimpinan, self.mitra_a])
        self.assertVisible(reverse("groups:list"), [self.ppkbd_a, self.ppkbd_c])
        self.assertVisible(reverse("groups:create"), [self.ppkbd_a])
        self.assertNotVisible(reverse("groups:list"), [None, self.pimpinan])
        self.assertNotVisible(
            f"{reverse('groups:list')}?wilayah={self.desa_a.code}", [self.ppkbd_c]
        )
        self.assertNotVisible(reverse("groups:create"), [None, self.pimpinan])
        for name, data in [
            ("deactivate", {}),
            ("enrol", {"started_on": "2026-11-01", "chosen": [self.family_a.pk]}),
            ("revenue", {"month": "2026-10", "amount": "100"}),
        ]:
            self.assertPostRefused(reverse(f"groups:{name}", args=[g]), data, [None, self.ppkbd_c])
        self.assertTrue(self.bkb.__class__.objects.get(pk=g).active)

    def test_a_write_into_another_region_is_refused(self):
        self.client.force_login(self.ppkbd_c)
        url = reverse("groups:create")
        data = {"kind": "BKB", "region_code": self.desa_a.code, "name": "BKB Palsu"}
        self.assertEqual(self.client.post(url, data).status_code, 403)

    def test_api_lists_groups_in_scope(self):
        path = f"/api/v1/groups?region={self.desa_a.code}"
        self.assertApiVisible(path, [self.ppkbd_a, self.pkb])
        self.assertApiNotVisible(path, [None, self.ppkbd_c])
        rows = self.api_get(path, self.ppkbd_a).json()
        self.assertEqual({r["code"] for r in rows}, {self.bkb.code, self.uppka.code})
        bkb = next(r for r in rows if r["kind"] == "BKB")
        self.assertEqual(
            bkb,
            {"code": self.bkb.code, "kind": "BKB", "name": self.bkb.name,
             "region_code": self.desa_a.code, "members": 1, "eligible": 1,
             "sessions_last_month": 1},
        )  # fmt: skip
        everything = self.api_get("/api/v1/groups", self.ppkbd_c).json()
        self.assertEqual([r["code"] for r in everything], [self.bkb_c.code])


class PageTests(PageWorld):
    def setUp(self):
        self.client.force_login(self.ppkbd_a)

    def test_the_register_of_the_month_page_and_xlsx(self):
        url = reverse("groups:register", args=[self.bkb.pk]) + "?bulan=2026-10"
        page = self.client.get(url).content.decode()
        self.assertIn("R/I/BKB", page)
        self.assertIn("Pak Amir", page)
        self.assertIn("Gizi seimbang", page)
        self.assertIn("2–&lt;3 th", page)
        response = self.client.get(
            reverse("groups:register_xlsx", args=[self.bkb.pk]) + "?bulan=2026-10"
        )
        ws = load_workbook(io.BytesIO(response.content)).active
        values = [row for row in ws.iter_rows(values_only=True) if any(row)]
        self.assertIn("(R/I/BKB)", values[0][0])
        heading = next(row for row in values if row[0] == "Kelompok")
        self.assertIn(f": {self.bkb.name}", heading)
        member_row = next(r for r in values if r[2] == self.family_a.kk_number)
        # No., name, KK, KS stage, PUS, KB, then attendance at the one session
        self.assertEqual(member_row[4:], ("v", "v", "v"))
        totals = {row[1]: row[4:] for row in values if row[0] in ("", None) and row[1]}
        self.assertEqual(totals["Jumlah"], (1, 1, 1))
        self.assertEqual(totals["Anak 2–<3 th hadir"], (None, None, 1))
        self.assertTrue(any("Pak Amir" in str(row[1]) for row in values))  # the session's note
        pdf = self.client.get(reverse("groups:register_pdf", args=[self.bkb.pk]) + "?bulan=2026-10")
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        empty = self.client.get(reverse("groups:register", args=[self.bkb.pk]) + "?bulan=2026-09")
        self.assertContains(empty, "Tidak ada pertemuan bulan ini")

    def test_bad_input_on_the_pages_comes_back_in_indonesian(self):
        url = reverse("groups:capital", args=[self.uppka_member.pk])
        data = {"source": "kur", "amount": "sejuta", "received_on": "2026-10-01"}
        self.assertContains(self.client.post(url, data), "angka saja")
        self.assertFalse(Capital.objects.exists())
        url = reverse("groups:session_create", args=[self.bkb.pk])
        data = {"date": "2026-12-24", "topic": "bkb_gizi", "presenter_kind": "kader",
                "presenter_name": "Bu Sari", "attendees": [self.member.pk]}  # fmt: skip
        self.assertContains(self.client.post(url, data), "belum terjadi")
        enrol = reverse("groups:enrol", args=[self.bkb.pk])
        self.client.post(enrol, {"started_on": "2026-11-01", "chosen": [self.family_teen.pk]})
        self.assertEqual(Membership.objects.filter(group=self.bkb).count(), 1)

    def test_the_uppka_page_shows_ks_stage_kb_and_capital(self):
        url = reverse("groups:capital", args=[self.uppka_member.pk])
        data = {"source": "koperasi", "amount": "2.000.000", "received_on": "2026-11-02"}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        page = self.client.get(reverse("groups:register", args=[self.uppka.pk])).content.decode()
        self.assertIn("R/I/UPPKA", page)
        self.assertIn("<td>2.000.000</td>", page)  # under "Modal (Rp)"
        self.assertContains(self.client.get(url), "Rp 2.000.000")
        revenue = {"month": "2026-11", "amount": "1250000"}
        self.client.post(reverse("groups:revenue", args=[self.uppka.pk]), revenue)
        detail = self.client.get(reverse("groups:detail", args=[self.uppka.pk]))
        self.assertContains(detail, "2026-11: Rp 1.250.000")
        page = self.client.get(reverse("groups:register", args=[self.uppka.pk]))
        self.assertContains(page, "Rp 1.250.000")

    def test_a_pik_r_page_leads_to_the_pup_page_of_its_region(self):
        pik_r = self.make_group("PIK_R", self.dusun_a2.code)
        self.client.force_login(self.ppkbd_a)
        pup = f'href="/pelayanan/pup/?wilayah={self.dusun_a2.code}"'
        self.assertContains(self.client.get(reverse("groups:detail", args=[pik_r.pk])), pup)
        bkb = self.client.get(reverse("groups:detail", args=[self.bkb.pk]))
        self.assertNotContains(bkb, "/pelayanan/pup/?wilayah=")

    def test_cli_lists_groups_as_the_contract_says(self):
        out = io.StringIO()
        call_command(
            "groups", "--region", self.desa_a.code, "--kind", "BKB", "--format", "json", stdout=out
        )
        rows = json.loads(out.getvalue())
        self.assertEqual(len(rows), 1)
        self.assertEqual(
            set(rows[0]),
            {"code", "kind", "name", "region_code", "members", "eligible", "sessions_last_month"},
        )
        self.assertEqual((rows[0]["members"], rows[0]["sessions_last_month"]), (1, 1))


class GradingTests(PageWorld):
    def test_poktan_active_counts_groups_with_a_session_in_three_months(self):
        ppkbd = Institution.objects.create(
            code="PPKBD-A", level="ppkbd", name="PPKBD A", region_code=self.desa_a.code
        )
        self.assertEqual(grading.measure("poktan_active", ppkbd, dt.date(2026, 11, 18)), 1)
        self.assertEqual(grading.measure("poktan_active", ppkbd, dt.date(2027, 2, 1)), 0)
        empty = Institution.objects.create(
            code="PPKBD-B", level="ppkbd", name="PPKBD B", region_code=self.desa_b.code
        )
        self.assertIsNone(grading.measure("poktan_active", empty, dt.date(2026, 11, 18)))
