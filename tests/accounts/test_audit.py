import re
from pathlib import Path

from django.apps import apps
from django.urls import reverse

from impsmart.accounts import audit
from impsmart.accounts.models import AuditEvent
from tests.base import World

SRC = Path(__file__).resolve().parents[2] / "src" / "impsmart"
# Modules allowed to write in bulk (they record their own audit event or touch no user data).
BULK_WRITERS = {"demo", "regions/loader.py", "api/auth.py", "ops/backup.py"}


class AuditTests(World):
    def test_every_data_model_is_audited(self):
        models = [m for m in apps.get_models() if m.__module__.startswith("impsmart.")]
        self.assertTrue(models)
        unaudited = [m._meta.label for m in models if not audit.is_audited(m)]
        self.assertEqual(sorted(unaudited), sorted(audit.UNAUDITED))

    def test_no_code_writes_in_bulk_behind_the_audits_back(self):
        # Queryset update(field=…), bulk writes, delete(), raw SQL.
        pattern = re.compile(
            r"\.update\(\w+=|\.(bulk_create|bulk_update)\(|\.delete\(\)|\.raw\(|cursor\("
        )
        offenders = []
        for path in SRC.rglob("*.py"):
            relative = path.relative_to(SRC).as_posix()
            if "migrations" in relative or any(relative.startswith(b) for b in BULK_WRITERS):
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line) and "audit-ok" not in line:
                    offenders.append(f"{relative}:{number}: {line.strip()}")
        self.assertEqual(offenders, [])

    def test_the_audit_page_shows_changes_in_scope_only(self):
        with audit.acting_as(self.ppkbd_a):
            self.dusun_a1.name = "Bontoa Baru"
            self.dusun_a1.save()
        with audit.acting_as(self.ppkbd_c):
            self.dusun_c1.name = "Tamalate Baru"
            self.dusun_c1.save()
        url = reverse("accounts:audit")
        self.assertNotVisible(url, [None, self.ppkbd_a, self.pkb, self.pimpinan, self.mitra_a])
        self.assertVisible(url, [self.admin, self.koordinator_a])
        self.client.force_login(self.koordinator_a)
        page = self.client.get(url).content.decode()
        self.assertIn("Bontoa Baru", page)
        self.assertNotIn("Tamalate Baru", page)

    def test_the_audit_page_names_records_and_columns_in_words(self):
        with audit.acting_as(self.koordinator_a):
            self.dusun_a1.name = "Bontoa Baru"
            self.dusun_a1.save()
        self.client.force_login(self.koordinator_a)
        page = self.client.get(reverse("accounts:audit")).content.decode()
        self.assertInHTML("<td>Nama</td><td>Bontoa</td><td>Bontoa Baru</td>", page)
        self.assertIn("<b>Ubah</b> Wilayah", page)
        self.assertNotIn("regions.region", page)

    def test_delete_keeps_what_was_there(self):
        code = self.dusun_a2.code
        with audit.acting_as(self.admin):
            self.dusun_a2.delete()
        event = AuditEvent.objects.get(action="delete", object_pk=code)
        self.assertEqual(event.before["name"], "Borong")
        self.assertIsNone(event.after)
        self.assertEqual(event.actor, self.admin)

    def test_a_save_that_changes_nothing_writes_no_event(self):
        before = AuditEvent.objects.count()
        self.dusun_a1.save()
        self.assertEqual(AuditEvent.objects.count(), before)


class LatestWritesTests(World):
    def test_each_labels_latest_event_and_zero_for_none(self):
        labels = ["accounts.User", "regions.Region", "nothing.Written"]
        found = audit.latest_writes(labels)
        for label in [*labels, *audit.WHOLESALE]:
            with self.subTest(label=label):
                events = AuditEvent.objects.filter(model=label).order_by("-id")
                self.assertEqual(found[label], events.values_list("id", flat=True).first() or 0)
        self.assertGreater(found["accounts.User"], 0)  # the world's users were created
        self.assertEqual(found["nothing.Written"], 0)
