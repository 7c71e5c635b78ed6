"""Cerai hidup, cerai mati and pindah end a PUS from their date and keep earlier months."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from impsmart import dates
from impsmart.accounts.models import AuditEvent
from impsmart.families import actions, contraception, status
from impsmart.families.models import Member
from impsmart.families.views.quality import married_outside_age
from tests.families.world import FamilyWorld, make_couple

ON = dt.date(2025, 6, 10)
MAY, JUNE = dates.month_end(2025, 5), dates.month_end(2025, 6)


class SeparationActionTests(FamilyWorld):
    def separate(self, event, leaving, on=ON, actor=None, member=None):
        return actions.separate(
            actor=actor or self.ppkbd_a,
            member=member or self.wife_a,
            event=event,
            on=on,
            leaving=leaving,
        )

    def is_pus(self, day: dt.date) -> bool:
        return status.with_status(Member.objects.filter(pk=self.wife_a.pk), day).exists()

    def reload(self) -> tuple[Member, Member]:
        return Member.objects.get(pk=self.wife_a.pk), Member.objects.get(pk=self.husband_a.pk)

    def snapshot(self) -> list[tuple]:
        fields = ("marital_status", "spouse_id", "left_on", "left_reason")
        return list(Member.objects.order_by("pk").values_list("pk", *fields))

    def test_a_husbands_death_ends_her_pus_from_that_day_only(self):
        contraception.start_method(
            actor=self.ppkbd_a, member=self.wife_a, method="PIL", start_date=dt.date(2025, 1, 5)
        )
        self.assertTrue(self.is_pus(MAY) and self.is_pus(JUNE))
        self.separate(actions.DEATH, self.husband_a)
        wife, husband = self.reload()
        self.assertEqual((husband.left_on, husband.left_reason), (ON, "meninggal"))
        self.assertEqual((husband.marital_status, husband.spouse_id), ("kawin", None))
        # Her record says she is widowed and keeps the link her past months come from.
        self.assertEqual(
            (wife.marital_status, wife.spouse_id, wife.left_on), ("cerai_mati", husband.pk, None)
        )
        row = status.with_status(Member.objects.filter(pk=wife.pk), MAY).get()
        self.assertEqual(row.status, "PIL")
        self.assertFalse(self.is_pus(JUNE))
        self.assertFalse(self.is_pus(ON))
        self.assertTrue(self.is_pus(ON - dt.timedelta(days=1)))

    def test_a_divorce_where_he_leaves_marks_him_divorced_and_unlinked(self):
        self.separate(actions.DIVORCE, self.husband_a, member=self.husband_a)
        wife, husband = self.reload()
        self.assertEqual(
            (husband.marital_status, husband.spouse_id, husband.left_on, husband.left_reason),
            ("cerai_hidup", None, ON, "pindah"),
        )
        self.assertEqual((wife.marital_status, wife.left_on), ("cerai_hidup", None))
        self.assertTrue(self.is_pus(MAY))
        self.assertFalse(self.is_pus(JUNE))

    def test_a_divorce_where_she_leaves_ends_her_pus_and_keeps_him_on_the_kk(self):
        self.separate(actions.DIVORCE, self.wife_a)
        wife, husband = self.reload()
        self.assertEqual(
            (wife.left_on, wife.left_reason, wife.spouse_id, wife.marital_status),
            (ON, "pindah", husband.pk, "cerai_hidup"),
        )
        self.assertEqual(
            (husband.marital_status, husband.spouse_id, husband.left_on),
            ("cerai_hidup", None, None),
        )
        self.assertTrue(self.is_pus(MAY))
        self.assertFalse(self.is_pus(JUNE))

    def test_a_wifes_death_widows_him(self):
        self.separate(actions.DEATH, self.wife_a)
        wife, husband = self.reload()
        self.assertEqual(
            (wife.left_on, wife.left_reason, wife.marital_status), (ON, "meninggal", "kawin")
        )
        self.assertEqual((husband.marital_status, husband.spouse_id), ("cerai_mati", None))
        self.assertTrue(self.is_pus(MAY))
        self.assertFalse(self.is_pus(JUNE))

    def test_a_husband_who_moves_out_stays_married(self):
        self.separate(actions.MOVED, self.husband_a)
        wife, husband = self.reload()
        self.assertEqual((husband.left_on, husband.left_reason), (ON, "pindah"))
        self.assertEqual((husband.marital_status, husband.spouse_id), ("kawin", wife.pk))
        self.assertEqual((wife.marital_status, wife.spouse_id), ("kawin", husband.pk))
        self.assertTrue(self.is_pus(MAY))
        self.assertFalse(self.is_pus(JUNE))

    def test_the_change_is_audited_as_the_cadre(self):
        AuditEvent.objects.all().delete()
        self.separate(actions.DIVORCE, self.husband_a)
        event = AuditEvent.objects.get(model="families.Member", object_pk=str(self.husband_a.pk))
        self.assertEqual((event.action, event.actor), ("update", self.ppkbd_a))
        self.assertEqual(event.region_code, self.dusun_a1.code)
        self.assertEqual(
            (event.before["left_on"], event.before["marital_status"], event.before["spouse_id"]),
            (None, "kawin", self.wife_a.pk),
        )
        self.assertEqual(
            (event.after["left_on"], event.after["marital_status"], event.after["spouse_id"]),
            ("2025-06-10", "cerai_hidup", None),
        )

    def test_inconsistent_dates_are_refused_with_what_to_fix(self):
        before = self.snapshot()
        tomorrow = dates.today() + dt.timedelta(days=1)
        with self.assertRaisesMessage(ValidationError, "belum terjadi"):
            self.separate(actions.DEATH, self.husband_a, on=tomorrow)
        with self.assertRaisesMessage(ValidationError, "sebelum tanggal lahir Istri"):
            self.separate(actions.DEATH, self.husband_a, on=dt.date(1994, 1, 1))
        self.assertEqual(self.snapshot(), before)
        actions.update_member(
            actor=self.ppkbd_a, member=self.husband_a, joined_on=dt.date(2025, 8, 1)
        )
        before = self.snapshot()
        with self.assertRaisesMessage(ValidationError, "sebelum Suami"):
            self.separate(actions.DIVORCE, self.husband_a)
        self.assertEqual(self.snapshot(), before)

    def test_she_cannot_leave_before_her_recorded_history(self):
        contraception.record_intention(
            actor=self.ppkbd_a, member=self.wife_a, intention="IAT", recorded_on=dt.date(2025, 7, 1)
        )
        before = self.snapshot()
        with self.assertRaisesMessage(ValidationError, "keinginan ber-anak pada atau sesudah"):
            self.separate(actions.DEATH, self.wife_a)
        self.assertEqual(self.snapshot(), before)
        # Her history after his exit stays hers: she may still be recorded after it.
        self.separate(actions.DEATH, self.husband_a)

    def test_only_a_couple_living_together_can_separate(self):
        self.separate(actions.DIVORCE, self.husband_a)
        wife, husband = self.reload()
        before = self.snapshot()
        for member in (wife, husband):
            with self.assertRaisesMessage(ValidationError, "tidak tercatat tinggal bersama"):
                self.separate(actions.DEATH, member, member=member)
        self.assertEqual(self.snapshot(), before)

    def test_a_wrong_event_or_person_is_refused(self):
        before = self.snapshot()
        with self.assertRaisesMessage(ValidationError, "Pilih yang terjadi"):
            self.separate("kawin", self.husband_a)
        with self.assertRaisesMessage(ValidationError, "Pilih suami atau istri"):
            self.separate(actions.DIVORCE, self.husband_c)
        self.assertEqual(self.snapshot(), before)

    def test_users_outside_scope_or_role_are_refused(self):
        before = self.snapshot()
        for user in (self.ppkbd_c, self.pimpinan, self.mitra_a):
            with self.assertRaises(PermissionDenied):
                self.separate(actions.DIVORCE, self.husband_a, actor=user)
        self.assertEqual(self.snapshot(), before)

    def test_a_separated_wife_is_no_married_woman_outside_pus_age(self):
        _f, old, husband = make_couple(self.ppkbd_a, self.dusun_a1.code, dt.date(1960, 1, 1))
        day = dates.today()
        self.assertEqual([m.pk for m in married_outside_age(Member.objects.all(), day)], [old.pk])
        actions.separate(
            actor=self.ppkbd_a, member=old, event=actions.DEATH, on=ON, leaving=husband
        )
        self.assertFalse(married_outside_age(Member.objects.all(), day).exists())
