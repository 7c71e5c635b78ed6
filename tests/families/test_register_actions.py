import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impsmart import dates
from impsmart.accounts.models import AuditEvent
from impsmart.families import actions, contraception
from impsmart.families.models import ContraceptiveEpisode, Family, Member
from impsmart.forms_submit import ConfirmationRequired
from tests.families.world import FamilyWorld


class FamilyActionTests(FamilyWorld):
    def test_a_family_outside_scope_cannot_be_created(self):
        with self.assertRaises(PermissionDenied):
            actions.create_family(
                actor=self.ppkbd_a,
                region_code=self.desa_c.code,
                kk_number="7306010101250001",
                registered_on=dt.date(2025, 1, 1),
            )
        with self.assertRaises(PermissionDenied):
            actions.create_family(
                actor=self.pimpinan,
                region_code=self.desa_a.code,
                kk_number="7306010101250001",
                registered_on=dt.date(2025, 1, 1),
            )
        self.assertEqual(Family.objects.count(), 2)

    def test_a_duplicate_or_malformed_kk_says_what_to_fix(self):
        with self.assertRaisesMessage(ValidationError, "sudah terdaftar"):
            actions.create_family(
                actor=self.ppkbd_a,
                region_code=self.desa_a.code,
                kk_number=self.family_a.kk_number,
                registered_on=dates.today(),
            )
        with self.assertRaisesMessage(ValidationError, "16 angka"):
            actions.create_family(
                actor=self.ppkbd_a,
                region_code=self.desa_a.code,
                kk_number="12345",
                registered_on=dates.today(),
            )

    def test_the_same_nik_in_another_family_needs_confirmation(self):
        family = actions.create_family(
            actor=self.ppkbd_a,
            region_code=self.desa_a.code,
            kk_number="7306060101250002",
            registered_on=dates.today(),
        )
        data = dict(
            actor=self.ppkbd_a,
            family=family,
            name="Kembar",
            sex="P",
            birth_date=self.wife_a.birth_date,
            relation="kepala",
            marital_status="cerai_mati",
            nik=self.wife_a.nik,
        )
        with self.assertRaisesMessage(ConfirmationRequired, "data ganda"):
            actions.add_member(**data)
        member = actions.add_member(**data, confirmed=True)
        self.assertTrue(member.nik_mismatch_confirmed)

    def test_dates_in_the_future_are_refused(self):
        tomorrow = dates.today() + dt.timedelta(days=1)
        with self.assertRaisesMessage(ValidationError, "belum terjadi"):
            contraception.start_method(
                actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=tomorrow
            )

    def test_episodes_never_overlap(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=dt.date(2025, 1, 1)
        )
        with self.assertRaisesMessage(ValidationError, "bertumpuk"):
            contraception.start_method(
                actor=self.ppkbd_a,
                member=self.wife_a,
                method="KONDOM",
                start_date=dt.date(2025, 3, 1),
            )
        contraception.switch_method(
            actor=self.ppkbd_a,
            member=self.wife_a,
            method="IMPLAN",
            switch_date=dt.date(2025, 3, 1),
            jalur="pemerintah",
        )
        methods = list(self.wife_a.episodes.values_list("method", "end_reason"))
        self.assertEqual(methods, [("PIL", "ganti_cara"), ("IMPLAN", "")])

    def test_a_switch_refused_at_its_start_leaves_the_method_in_use(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=dt.date(2025, 1, 1)
        )
        with self.assertRaisesMessage(ValidationError, "bukan bagian dari"):
            contraception.switch_method(
                actor=self.ppkbd_a, member=self.wife_a, method="IMPLAN",
                switch_date=dt.date(2025, 3, 1), method_type="tidak-ada",
            )  # fmt: skip
        with self.assertRaises(PermissionDenied):
            contraception.switch_method(
                actor=self.ppkbd_c, member=self.wife_a, method="IMPLAN",
                switch_date=dt.date(2025, 3, 1),
            )  # fmt: skip
        episodes = list(self.wife_a.episodes.values_list("method", "end_date"))
        self.assertEqual(episodes, [("PIL", None)])

    def test_a_switch_is_one_savepoint_and_its_refreshes_none(self):
        """Ending and starting are one action; the derived copies it refreshes are part of it.
        Only the new row's own insert keeps a savepoint (``once.save_once`` answers a twin
        stored a moment ago by another request)."""
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=dt.date(2025, 1, 1)
        )
        with CaptureQueriesContext(connection) as queries:
            contraception.switch_method(
                actor=self.ppkbd_a, member=self.wife_a, method="IMPLAN",
                switch_date=dt.date(2025, 3, 1), jalur="pemerintah",
            )  # fmt: skip
        savepoints = [q["sql"] for q in queries if q["sql"].startswith("SAVEPOINT")]
        self.assertEqual(len(savepoints), 2, savepoints)

    def test_a_method_after_mow_needs_confirmation(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="MOW", start_date=dt.date(2023, 1, 1)
        )
        contraception.stop_method(
            actor=self.ppkbd_a, member=self.wife_a, end_date=dt.date(2024, 1, 1), reason="lainnya"
        )
        with self.assertRaises(ConfirmationRequired):
            contraception.start_method(
                actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=dt.date(2024, 2, 1)
            )
        contraception.start_method(
            actor=self.ppkbd_a,
            member=self.wife_a,
            method="PIL",
            start_date=dt.date(2024, 2, 1),
            confirmed=True,
        )

    def test_a_pregnancy_ends_the_method_in_use(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=dt.date(2025, 1, 1)
        )
        contraception.record_pregnancy(
            actor=self.ppkbd_a, member=self.wife_a, start_date=dt.date(2025, 5, 1)
        )
        episode = ContraceptiveEpisode.objects.get(member=self.wife_a)
        self.assertEqual((episode.end_date, episode.end_reason), (dt.date(2025, 5, 1), "hamil"))

    def test_only_married_women_get_kb_history(self):
        with self.assertRaisesMessage(ValidationError, "istri"):
            contraception.start_method(
                actor=self.ppkbd_a,
                member=self.husband_a,
                method="MOP",
                start_date=dt.date(2025, 1, 1),
            )

    def test_every_write_is_audited_with_the_actor(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=dt.date(2025, 1, 1)
        )
        event = AuditEvent.objects.filter(model="families.ContraceptiveEpisode").get()
        self.assertEqual(event.actor, self.ppkbd_a)
        self.assertEqual(event.region_code, self.dusun_a1.code)
        self.assertEqual(
            AuditEvent.objects.filter(model="families.Member", action="create").count(), 4
        )
        self.assertTrue(Member.objects.filter(pk=self.wife_a.pk).exists())
