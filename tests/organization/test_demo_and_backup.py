"""The demo's replication story, and backup/restore carrying the scanned decrees."""

import datetime as dt
import gzip
import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TransactionTestCase, override_settings

from impsmart import dates
from impsmart.accounts.audit import acting_as
from impsmart.accounts.models import User
from impsmart.accounts.roles import CADRES
from impsmart.monitoring import scorecard, targets
from impsmart.organization import actions, grading
from impsmart.organization.models import (
    BoardSeat,
    Decree,
    Institution,
    Level,
    Partner,
)
from impsmart.regions.models import Region
from tests.organization.world import PDF


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


class DemoAndBackupTests(TransactionTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.media = tempfile.mkdtemp(prefix="impsmart-media-")
        cls._media = override_settings(MEDIA_ROOT=cls.media)
        cls._media.enable()

    @classmethod
    def tearDownClass(cls):
        cls._media.disable()
        shutil.rmtree(cls.media, ignore_errors=True)
        super().tearDownClass()

    def test_the_demo_follows_the_replication_story_and_backups_carry_files(self):
        run("demo", "--no-serve", "--families", "0", "--password", "uji-organisasi-1")
        desa = Region.objects.filter(level="desa", code__startswith="73.06.")
        dusun = Region.objects.filter(level="dusun", code__startswith="73.06.")
        self.assertEqual(Institution.objects.filter(level=Level.PPKBD).count(), desa.count())
        self.assertEqual(Institution.objects.filter(level=Level.SUB_PPKBD).count(), dusun.count())
        self.assertEqual(Institution.objects.filter(level=Level.KECAMATAN).count(), 18)
        self.assertEqual(Institution.objects.filter(level=Level.FORUM).count(), 1)
        day = dates.today()
        for d in desa.filter(parent_id="73.06.06"):
            ppkbd = Institution.objects.get(level=Level.PPKBD, region_code=d.code)
            values = {c.criterion.measure: c.value for c in grading.grade(ppkbd, day).checked}
            self.assertEqual((values["board_collective"], values["sk_signed"]), (1, 1), d.code)
        elsewhere = Institution.objects.filter(
            level=Level.PPKBD, region_code__startswith="73.06.01."
        )
        single = [
            i for i in elsewhere.order_by("code")[1:] if not grading.grade(i, day).checked[2].value
        ]
        self.assertEqual(len(single), elsewhere.count() - 1)  # one desa per kecamatan is collective
        self.assertEqual(Decree.objects.count(), 1)
        self.assertTrue(
            BoardSeat.objects.filter(official_since=Decree.objects.get().effective_on).exists()
        )
        puskesmas = Partner.objects.filter(kind=Partner.Kind.PUSKESMAS)
        self.assertEqual(puskesmas.count(), 18)
        self.assertEqual(puskesmas.filter(facility__isnull=False).count(), 18)
        ppkbd_user = User.objects.filter(role="ppkbd", region_code__startswith="73.06.06.").first()
        self.assertTrue(BoardSeat.objects.filter(user=ppkbd_user, seat="ketua").exists())
        self.check_scorecard()

        # A signed decree's scan travels in the backup and comes back checked.
        admin = User.objects.get(role="admin_kabupaten")
        with acting_as(admin):
            found = actions.record_decree(
                actor=admin,
                region_code="73.06.06",
                year=day.year + 1,
                number="SK/uji/1",
                signed_on=day,
                signatory="Bupati Gowa",
                effective_on=dt.date(day.year + 1, 1, 1),
                upload=SimpleUploadedFile("sk.pdf", PDF),
            )
        stored = Path(self.media) / found.file_path
        folder = Path(tempfile.mkdtemp())
        path = folder / "cadangan.gz"
        run("backup", str(path))
        stored.unlink()
        run("restore", str(path))
        self.assertEqual(stored.read_bytes(), PDF)
        self.assertEqual(Decree.objects.get(number="SK/uji/1").file_sha256, found.file_sha256)

        # A backup whose file does not match its checksum is refused, nothing changed.
        with gzip.open(path, "rt") as source:
            lines = source.read().splitlines()
        for i, line in enumerate(lines):
            item = json.loads(line)
            if isinstance(item, dict) and "file" in item:
                item["sha256"] = "0" * 64
                lines[i] = json.dumps(item)
        bad = folder / "rusak.gz"
        with gzip.open(bad, "wt") as out:
            out.write("\n".join(lines) + "\n")
        stored.unlink()
        with self.assertRaises(CommandError):
            run("restore", str(bad))
        self.assertFalse(stored.exists())
        self.assertTrue(Decree.objects.filter(number="SK/uji/1").exists())

    def check_scorecard(self):
        """The demo's scorecard shows all four statuses; "no data" is the desa whose cadres
        left (accounts deactivated, none registered): no share of trained cadres to judge."""
        card = scorecard.scorecard(Region.objects.get(code="73.06"), dates.latest_complete_month())
        found = {r.status for results in card["found"].values() for r in results.values()}
        self.assertEqual(found, set(targets.STATUSES))
        no_data = [d for d, r in card["found"]["T7"].items() if r.status == targets.NO_DATA]
        self.assertEqual(len(no_data), 1)
        cadres = User.objects.filter(role__in=CADRES).within(no_data[0])
        self.assertTrue(cadres.exists())
        self.assertFalse(cadres.filter(is_active=True).exists())
