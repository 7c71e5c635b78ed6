"""``impsmart meetings`` and ``GET /api/v1/meetings``: the contract's shape and values."""

import datetime as dt
import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError

from impsmart.accounts.audit import acting_as
from impsmart.meetings import actions
from tests.base import KECAMATAN_A
from tests.meetings.world import MeetingsWorld

KEYS = {"id", "institution", "date", "attendance", "actions_opened", "actions_closed"}


class ContractTests(MeetingsWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with acting_as(cls.ppkbd_a):
            cls.nov = actions.schedule_meeting(
                actor=cls.ppkbd_a,
                institution=cls.ppkbd_inst_a,
                date=dt.date(2026, 11, 3),
                place="Balai",
            )
            actions.close_action(
                actor=cls.ppkbd_a, action_item=cls.old_action, result="Beres", meeting=cls.nov
            )

    def run_cli(self, *args) -> list:
        out = io.StringIO()
        call_command("meetings", *args, stdout=out)
        return json.loads(out.getvalue())

    def test_cli(self):
        rows = self.run_cli("--region", KECAMATAN_A, "--month", "2026-10", "--format", "json")
        self.assertEqual(
            rows,
            [
                {
                    "id": self.last.pk,
                    "institution": "PPKBD-A",
                    "date": "2026-10-12",
                    "attendance": 1,
                    "actions_opened": 2,
                    "actions_closed": 0,
                }
            ],
        )
        rows = self.run_cli("--region", self.desa_a.code, "--month", "2026-11")
        self.assertEqual(set(rows[0]), KEYS)
        self.assertEqual((rows[0]["actions_closed"], rows[0]["attendance"]), (1, 0))
        self.assertEqual(self.run_cli("--region", self.desa_c.code, "--month", "2026-10"), [])
        with self.assertRaisesMessage(CommandError, "TTTT-BB"):
            self.run_cli("--region", KECAMATAN_A, "--month", "2026-13")

    def test_api(self):
        response = self.api_get(
            f"/api/v1/meetings?region={KECAMATAN_A}&month=2026-10", self.koordinator_a
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(), self.run_cli("--region", KECAMATAN_A, "--month", "2026-10")
        )
        bad = self.api_get(
            f"/api/v1/meetings?region={KECAMATAN_A}&month=2026-13", self.koordinator_a
        )
        self.assertEqual(bad.status_code, 422)
        self.assertIn("TTTT-BB", bad.json()["message"])
        outside = self.api_get(
            f"/api/v1/meetings?region={self.desa_c.code}&month=2026-10", self.ppkbd_a
        )
        self.assertEqual(outside.status_code, 404)
