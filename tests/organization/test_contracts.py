"""`impsmart institutions --format json`, `GET /api/v1/institutions`, F/I/Dal section I counts
and the home blocks."""

import datetime as dt
import json
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.organization import actions
from impsmart.regions.models import Level
from impsmart.reports.engine import make_frame
from impsmart.reports.indicators import INDICATORS
from impsmart.reports.models import Report, Status
from tests.organization.world import OrganizationWorld

KEYS = {"code", "level", "name", "region_code", "grade", "board", "sk", "active"}


def cli(*args) -> list[dict]:
    out = StringIO()
    call_command("institutions", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


class ContractTests(OrganizationWorld):
    def test_the_cli_gives_the_documented_shape(self):
        rows = cli("--region", self.desa_a.code)
        self.assertEqual([r["name"] for r in rows], ["PPKBD A", "Sub-PPKBD A1"])
        self.assertTrue(all(set(r) == KEYS for r in rows))
        ppkbd = rows[0]
        self.assertEqual(ppkbd["level"], "ppkbd")
        self.assertEqual(
            ppkbd["board"], [{"seat": "ketua", "name": "ppkbd_a", "since": "2024-01-01"}]
        )
        self.assertIsNone(ppkbd["sk"])
        self.assertIsNone(ppkbd["grade"])  # no KIE recorded: not even Dasar
        self.assertTrue(ppkbd["active"])
        self.assertEqual(len(cli()), 4)

    def test_the_cli_shows_the_decree_in_force(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.organization.world import PDF

        with acting_as(self.admin):
            actions.record_decree(
                actor=self.admin,
                region_code="73.06.06",
                year=2026,
                number="12/2026",
                signed_on=dt.date(2026, 1, 2),
                signatory="Bupati Gowa",
                effective_on=dt.date(2026, 1, 2),
                upload=SimpleUploadedFile("sk.pdf", PDF),
            )
        rows = {r["name"]: r for r in cli()}
        self.assertEqual(rows["PPKBD A"]["sk"], {"number": "12/2026", "date": "2026-01-02"})
        self.assertIsNone(rows["PPKBD C"]["sk"])

    def test_the_api_lists_institutions_in_scope(self):
        path = f"/api/v1/institutions?region={self.desa_a.code}"
        self.assertApiVisible(path, [self.admin, self.pkb, self.ppkbd_a, self.pimpinan])
        self.assertApiNotVisible(path, [None, self.ppkbd_c, self.mitra_a])
        body = self.api_get(path, self.ppkbd_a).json()
        self.assertEqual(body["count"], 2)
        self.assertEqual(set(body["items"][0]), KEYS)
        self.assertEqual(body["items"], cli("--region", self.desa_a.code))
        own = self.api_get("/api/v1/institutions", self.ppkbd_c).json()
        self.assertEqual([i["name"] for i in own["items"]], ["PPKBD C"])


class SectionOneTests(OrganizationWorld):
    def counts(self, code, region, day):
        return INDICATORS[code].counts(make_frame(region, day))

    def test_existing_and_reporting_per_level(self):
        may = dt.date(2026, 5, 31)
        for desa in (self.desa_a, self.desa_c):
            Report.objects.create(
                form="REKAP_PUS",
                region_code=desa.code,
                level=Level.DESA,
                month=may.replace(day=1),
                status=Status.SUBMITTED if desa == self.desa_a else Status.DRAFT,
            )
        # A dusun report while its Sub-PPKBD exists; a report from a dusun without one.
        Report.objects.create(
            form="REKAP_PUS",
            region_code=self.dusun_a2.code,
            level=Level.DUSUN,
            month=may.replace(day=1),
            status=Status.APPROVED,
        )
        self.assertEqual(self.counts("ppkbd_ada", "73.06", may), {"73.06.06": 1, "73.06.01": 1})
        self.assertEqual(self.counts("ppkbd_lapor", "73.06", may), {"73.06.06": 1, "73.06.01": 0})
        self.assertEqual(self.counts("sub_ppkbd_ada", self.desa_a.code, may)[self.dusun_a1.code], 1)
        self.assertEqual(
            self.counts("sub_ppkbd_lapor", self.desa_a.code, may)[self.dusun_a1.code], 0
        )
        # Founded in January 2020: absent from a month before.
        self.assertEqual(
            sum(self.counts("ppkbd_ada", "73.06.06", dt.date(2019, 12, 31)).values()), 0
        )
        with acting_as(self.admin):
            actions.deactivate_institution(actor=self.admin, institution=self.ppkbd)
        self.assertEqual(self.counts("ppkbd_ada", "73.06.06", may), {self.desa_a.code: 1})
        self.assertEqual(
            sum(self.counts("ppkbd_ada", "73.06.06", dt.date(2026, 11, 30)).values()), 0
        )
        for level in ("ppkbd", "sub_ppkbd", "pok_kb"):
            ada = self.counts(f"{level}_ada", "73.06", may)
            for child, n in self.counts(f"{level}_lapor", "73.06", may).items():
                self.assertLessEqual(n, ada.get(child, 0))


class HomeBlockTests(OrganizationWorld):
    def test_a_cadre_sees_her_grade_and_what_it_lacks(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("dashboard:home"))
        self.assertContains(page, "PPKBD A")
        self.assertContains(page, "Untuk naik kelas masih perlu")
        self.assertContains(page, "Melakukan KIE")

    def test_a_pkb_sees_her_desa_binaan_institutions(self):
        self.client.force_login(self.pkb)
        page = self.client.get(reverse("dashboard:home"))
        self.assertContains(page, "Institusi desa binaan")
        self.assertContains(page, "PPKBD A")
        self.assertNotContains(page, "PPKBD C")
