import datetime
import gzip
import json
import tempfile
from io import StringIO
from pathlib import Path

from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django.test import TransactionTestCase
from django.utils import timezone

from impsmart.accounts import audit
from impsmart.accounts.models import ApiToken, AuditEvent, User
from impsmart.families import contraception as kb
from impsmart.families.models import PusMonth, PusMonthBuilt
from impsmart.ops.backup import backup_models, stored_fields
from impsmart.regions.models import Region
from impsmart.reports.engine import compute
from tests.families.world import make_couple


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def dump() -> dict[str, list[tuple]]:
    """Every table as a sorted list of rows (JSON values canonical), minus restore events."""
    tables = {}
    for model in backup_models():
        names = [f.attname for f in stored_fields(model)]
        rows = model._base_manager.values_list(*names)
        if model is AuditEvent:
            rows = rows.exclude(model="ops.Restore")
        tables[model._meta.label] = sorted(
            (tuple(json.dumps(v, sort_keys=True, default=str) for v in row) for row in rows),
        )
    return tables


def delete_unreferenced(users) -> int:
    """Delete the users no protected record names (e.g. a forum post's author)."""
    deleted = 0
    for user in users:
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:
            continue
        deleted += 1
    return deleted


class BackupRestoreTests(TransactionTestCase):
    """Transactional: a restore empties every table, as it does for a real user.

    The demo is built once for the class and taken as a backup; each test starts from that
    backup restored (the first test proves a restore gives back the identical database).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A small kabupaten (Kota Parepare) holds a row of every kind at a tenth of Gowa's size.
        run("demo", "--no-serve", "--kabupaten", "73.72", "--families", "0",
            "--password", "uji-cadangan-1")  # fmt: skip
        cls.demo = Path(tempfile.mkdtemp()) / "demo.gz"
        run("backup", str(cls.demo))

    def setUp(self):
        run("restore", str(self.demo))
        AuditEvent.objects.filter(model="ops.Restore").delete()  # audit-ok: test fixture
        desa = Region.objects.filter(level="desa").order_by("code").first()
        self.dusun = Region.objects.create(
            code=f"{desa.code}.99", name="Pa'bentengang", level="dusun", parent=desa, lat=-5.25
        )
        group = Group.objects.create(name="Operator Ñ")
        group.permissions.set(Permission.objects.filter(codename__startswith="view_")[:3])
        self.user = User.objects.create(
            username="operator", role="ppkbd", region_code=desa.code, first_name="Daeng Ngémba"
        )
        self.user.groups.add(group)
        self.user.user_permissions.add(Permission.objects.get(codename="add_region"))
        self.user.extra_region_codes = [self.dusun.code, {"catatan": ["bersarang", 1.5, None]}]
        self.user.save()
        ApiToken.issue(self.user)
        ApiToken.objects.update(last_used_at=timezone.now())  # audit-ok: test fixture
        AccessAttempt.objects.create(username="tamu", ip_address="10.0.0.9", failures_since_start=2)
        with audit.acting_as(self.user):
            audit.record(
                "event", "ops.Uji", "1", desa.code, None, {"a": {"b": [1, "dua", True]}, "ñ": 0.1}
            )
        self.path = Path(tempfile.mkdtemp()) / "cadangan.gz"

    def test_a_restore_gives_back_the_identical_database(self):
        before = dump()
        users = run("users", "--format", "json")
        out = run("backup", str(self.path))
        self.assertRegex(out, r"Cadangan tersimpan: .*cadangan.gz \(\d+ baris, \d+ tabel\)")

        with audit.acting_as(self.user):
            deleted = delete_unreferenced(User.objects.filter(role="sub_ppkbd"))
            self.dusun.name = "Diganti"
            self.dusun.save()
            Group.objects.create(name="Baru")
        self.assertGreater(deleted, 0)
        self.assertNotEqual(dump(), before)

        out = run("restore", str(self.path))
        self.assertIn("Cadangan dipulihkan:", out)
        self.assertEqual(dump(), before)
        self.assertEqual(run("users", "--format", "json"), users)
        restored = User.objects.get(username="operator")
        self.assertTrue(
            User.objects.get(username="admin.parepare").check_password("uji-cadangan-1")
        )
        self.assertEqual(restored.groups.get().name, "Operator Ñ")
        self.assertEqual(AuditEvent.objects.filter(model="ops.Restore").count(), 1)

        # values come back with their types
        self.assertEqual(restored.extra_region_codes[1], {"catatan": ["bersarang", 1.5, None]})
        self.assertIsInstance(restored.date_joined, datetime.datetime)
        self.assertIsNotNone(restored.date_joined.tzinfo)
        self.assertEqual(Region.objects.get(code=self.dusun.code).name, "Pa'bentengang")
        event = AuditEvent.objects.get(model="ops.Uji")
        self.assertEqual(event.after, {"a": {"b": [1, "dua", True]}, "ñ": 0.1})
        self.assertEqual(event.actor, restored)

        # and the restored database takes new rows with fresh ids, audited
        highest = User.objects.order_by("-id").first().id
        with audit.acting_as(self.user):
            user = User.objects.create(username="baru", role="ppkbd", region_code="73.72")
            Group.objects.create(name="Kelompok baru")
        self.assertGreater(user.id, highest)
        self.assertTrue(AuditEvent.objects.filter(model="accounts.User", object_pk=user.pk))

    def rewrite(self, change) -> None:
        with gzip.open(self.path, "rt", encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines]
        with gzip.open(self.path, "wt", encoding="utf-8") as out:
            out.writelines(json.dumps(row) + "\n" for row in change(rows))

    def test_stored_pus_months_are_left_out_and_stored_again_after_a_restore(self):
        _family, wife, _husband = make_couple(self.user, self.dusun.code, datetime.date(1995, 3, 1))
        june = datetime.date(2026, 6, 1)
        before = compute("REKAP_PUS", self.dusun.parent_id, june)
        self.assertEqual(PusMonth.objects.get().status, "?")
        run("backup", str(self.path))
        with audit.acting_as(self.user):
            kb.start_method(actor=self.user, member=wife, method="PIL", start_date=june)
        self.assertEqual(PusMonth.objects.get().status, "PIL")
        run("restore", str(self.path))
        self.assertFalse(PusMonth.objects.exists() or PusMonthBuilt.objects.exists())
        self.assertEqual(compute("REKAP_PUS", self.dusun.parent_id, june), before)
        self.assertEqual(PusMonth.objects.get().status, "?")

    def test_a_damaged_or_foreign_file_changes_nothing(self):
        """Each bad file is refused with a message naming the fault, the database untouched.

        One test for all of them: a restore per case in ``setUp`` would cost minutes.
        """
        run("backup", str(self.path))
        good = self.path.read_bytes()

        def truncate():
            self.path.write_bytes(good[: len(good) * 2 // 3])

        def cut_at_a_line():
            self.rewrite(lambda rows: rows[: len(rows) // 2])

        def spoil_a_value_deep_inside():
            def spoil(rows):
                tables = [i for i, r in enumerate(rows) if isinstance(r, dict) and "model" in r]
                last = max(i for i in tables if rows[i]["model"] == "accounts.AuditEvent")
                rows[last + 1][1] = "bukan-tanggal"  # the `at` of the first event
                return rows

            self.rewrite(spoil)

        def from_newer_migrations():
            def newer(rows):
                rows[0]["django_migrations"]["accounts"] = "9999_masa_depan"
                return rows

            self.rewrite(newer)

        def not_a_backup():
            self.path.write_text("id,nama\n1,Pa'bentengang\n")

        def another_format():
            with gzip.open(self.path, "wt") as out:
                out.write(json.dumps({"format": "lain"}) + "\n")

        cases = [
            (truncate, "rusak atau terpotong"),
            (cut_at_a_line, "penutup berkas tidak ada"),
            (spoil_a_value_deep_inside, "rusak atau terpotong"),
            (from_newer_migrations, "versi IMP Smart yang lebih baru.*accounts.9999_masa_depan"),
            (not_a_backup, "bukan cadangan IMP Smart"),
            (another_format, "bukan cadangan IMP Smart"),
            (self.path.unlink, "tidak ditemukan"),
        ]
        before = dump()
        for damage, message in cases:
            with self.subTest(damage.__name__):
                self.path.write_bytes(good)
                damage()
                with self.assertRaisesRegex(CommandError, message):
                    run("restore", str(self.path))
                self.assertEqual(dump(), before)
                self.assertFalse(AuditEvent.objects.filter(model="ops.Restore").exists())
