"""A report as a DHIS2 dataValueSets payload, with the configurable mapping."""

import json
import tempfile
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from impsmart.regions.models import Level
from impsmart.reports import dhis2
from impsmart.reports.models import Report, Status
from tests.base import KECAMATAN_A, World


class Dhis2Tests(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        rows = [
            {"code": "pus", "label": "PUS", "value": 120},
            {"code": "pa_total", "label": "PA", "value": 70},
            {"code": "mcpr", "label": "mCPR", "value": 58.3},
        ]
        cls.report = Report.objects.create(
            form="REKAP_PUS",
            region_code=KECAMATAN_A,
            level=Level.KECAMATAN,
            month="2026-05-01",
            status=Status.APPROVED,
            figures={"rows": rows, "breakdown": {cls.desa_a.code: {"pus": 60, "pa_total": 30}}},
        )
        cls.report.refresh_from_db()

    def test_the_payload_has_the_dhis2_shape(self):
        payload = dhis2.data_value_set(self.report)
        self.assertEqual(list(payload), ["dataValues"])
        values = payload["dataValues"]
        self.assertEqual(
            values[0],
            {
                "dataElement": "EXAMPLEpus01",
                "period": "202605",
                "orgUnit": KECAMATAN_A,
                "value": "120",
            },
        )
        # Percentages have no data element in the example mapping: not sent.
        self.assertEqual([v["dataElement"] for v in values], ["EXAMPLEpus01", "EXAMPLEpa001"])

    def test_children_and_a_local_mapping(self):
        mapping = {
            "data_elements": {"pus": "aBcDeFgHiJ1"},
            "org_unit_default": "kemendagri_digits",
            "org_units": {KECAMATAN_A: "OrgUnitKec1"},
        }
        with tempfile.TemporaryDirectory() as var, override_settings(VAR_DIR=var):
            (Path(var) / "dhis2_mapping.json").write_text(json.dumps(mapping))
            values = dhis2.data_value_set(self.report, include_children=True)["dataValues"]
        self.assertEqual(
            [(v["dataElement"], v["orgUnit"], v["value"]) for v in values],
            [
                ("aBcDeFgHiJ1", "OrgUnitKec1", "120"),
                ("aBcDeFgHiJ1", self.desa_a.code.replace(".", ""), "60"),
            ],
        )

    def test_the_download_is_scoped(self):
        url = reverse("reports:dhis2", args=[self.report.pk])
        self.assertNotVisible(url, [None, self.ppkbd_c, self.mitra_a, self.ppkbd_a])
        self.assertVisible(url, [self.koordinator_a, self.admin, self.pimpinan])
        response = self.client.get(url + "?anak=1")
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertEqual(len(json.loads(response.content)["dataValues"]), 4)
