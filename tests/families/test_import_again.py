"""Importing an accepted file again changes nothing, and the summary says so."""

import datetime as dt
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from impsmart import dates
from impsmart.accounts.models import AuditEvent
from impsmart.families import pus_months
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
    PusMonth,
    PusMonthBuilt,
)
from tests.base import World
from tests.families.test_import import csv_file, person

# Every table the import writes, and the derived months its writes refresh.
TABLES = (Family, Member, ContraceptiveEpisode, Pregnancy, IntentionRecord, PusMonth)
TABLES += (PusMonthBuilt,)


def snapshot() -> dict:
    """Every row of those tables, and how many data changes the audit log holds."""
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in TABLES}
    rows["audit"] = AuditEvent.objects.count()
    return rows


def run_command(path: Path, region: str) -> str:
    """What ``impsmart import-register PATH --region REGION`` prints (the same command; the
    CLI's own entry point would close the test database's connection)."""
    out = StringIO()
    call_command("import_register", str(path), "--region", region, stdout=out)
    return out.getvalue()


class ImportAgainTests(World):
    def setUp(self):
        a1, a2 = self.dusun_a1.code, self.dusun_a2.code
        kk1, kk2, kk3 = "7306060101200011", "7306060101200012", "7306060101200013"
        self.rows = [
            person(kk1, a1, "Baso", "L", dt.date(1985, 2, 3), "kepala"),
            # Her method ends the day her pregnancy begins: an ended method and a pregnancy.
            person(kk1, a1, "Hasnah", "P", dt.date(1990, 6, 7), "istri",
                   current_method="SUNTIK3", method_start="2024-03-01", jalur="pemerintah",
                   pregnant_since="2026-07-20"),
            person(kk2, a2, "Ramli", "L", dt.date(1980, 4, 4), "kepala"),
            person(kk2, a2, "Sitti", "P", dt.date(1984, 8, 1), "istri",
                   current_method="IMPLAN", method_start="2025-01-10", place="puskesmas"),
            person(kk3, a2, "Amir", "L", dt.date(1982, 9, 9), "kepala"),
            person(kk3, a2, "Nur", "P", dt.date(1987, 3, 3), "istri", intention="IAT"),
        ]  # fmt: skip

        self.client.force_login(self.ppkbd_a)  # audited: before any snapshot

    def upload(self, rows):
        data = {"region": self.desa_a.code, "file": csv_file(rows)}
        return self.client.post(reverse("imports:upload"), data)

    def test_the_first_import_records_the_history_the_file_holds(self):
        response = self.upload(self.rows)
        self.assertEqual(response.status_code, 200, response.content.decode()[-1500:])
        episodes = ContraceptiveEpisode.objects.order_by("member__name")
        ended = episodes.values_list("member__name", "method", "end_date", "end_reason")
        self.assertEqual(
            list(ended),
            [("Hasnah", "SUNTIK3", dt.date(2026, 7, 20), "hamil"), ("Sitti", "IMPLAN", None, "")],
        )
        self.assertEqual(Pregnancy.objects.get().member.name, "Hasnah")
        self.assertEqual(IntentionRecord.objects.get().intention, "IAT")
        summary = response.context["result"].summary()
        self.assertEqual(
            summary,
            "6 baris: 3 keluarga baru, 6 anggota baru, 3 pasangan, 2 episode KB, 1 kehamilan, "
            "1 keinginan ber-anak.",
        )

    def test_importing_the_same_file_again_changes_nothing_and_says_so(self):
        self.upload(self.rows)
        self.assertTrue(pus_months.stored(dates.today()))  # the months a write would refresh
        before = snapshot()
        response = self.upload(self.rows)
        self.assertEqual(response.status_code, 200, response.content.decode()[-1500:])
        self.assertEqual(snapshot(), before)
        self.assertContains(response, "Tidak ada perubahan: semua 6 baris sudah ada di register.")

    def test_the_command_imports_the_same_file_again_without_a_change(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "register.csv"
            path.write_bytes(csv_file(self.rows).read())
            self.assertIn("6 anggota baru", run_command(path, self.desa_a.code))
            before = snapshot()
            again = run_command(path, self.desa_a.code)
        self.assertIn("Tidak ada perubahan: semua 6 baris sudah ada di register.", again)
        self.assertEqual(snapshot(), before)

    def test_a_file_with_one_changed_row_counts_the_rest_as_unchanged(self):
        self.upload(self.rows)
        self.rows[5]["intention"] = "TIAL"
        summary = self.upload(self.rows).context["result"].summary()
        self.assertEqual(
            summary, "6 baris: 1 keinginan ber-anak; 5 baris sudah ada di register, tidak diubah."
        )
