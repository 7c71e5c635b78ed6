"""A KB service day: target list, invitations, attendance, the facility's methods, the
cadre's confirmation into the register, and REKAP_PUS counting the new acceptors."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from impsmart.accounts.audit import acting_as
from impsmart.families.models import ContraceptiveEpisode
from impsmart.reports.engine import compute
from impsmart.services import actions, targets
from impsmart.services.models import Invitation, ServiceDay
from tests.services.world import DAY, ServiceWorld


def rekap(region: str) -> dict:
    report = compute("REKAP_PUS", region, DAY)
    return {row["code"]: row["value"] for row in report["rows"]}


class TargetListTests(ServiceWorld):
    def test_it_lists_unmet_need_ending_implants_and_postpartum_women_of_the_region(self):
        found = targets.candidates(self.ppkbd_a, self.day)
        self.assertEqual(
            found,
            {self.wife_a.pk: "unmet", self.implant.pk: "ending", self.mother.pk: "postpartum"},
        )

    def test_a_dusun_cadre_sees_only_her_dusun_on_the_list(self):
        found = targets.candidates(self.sub_ppkbd_a, self.day)
        self.assertEqual(set(found), {self.wife_a.pk, self.implant.pk})


class FlowTests(ServiceWorld):
    def invite_and_serve(self):
        with acting_as(self.ppkbd_a):
            actions.invite(
                actor=self.ppkbd_a, service_day=self.day, members=[self.wife_a, self.mother]
            )
        wife, mother = (Invitation.objects.get(member=m) for m in (self.wife_a, self.mother))
        with acting_as(self.mitra_a):
            actions.record_attendance(
                actor=self.mitra_a, service_day=self.day, present=[wife.pk, mother.pk]
            )
            actions.record_methods(
                actor=self.mitra_a,
                service_day=self.day,
                methods={wife.pk: "IMPLAN", mother.pk: "SUNTIK3"},
                jalur="pemerintah",
            )
        return wife, mother

    def test_confirmed_methods_become_new_acceptors_in_rekap_pus(self):
        before = rekap(self.desa_a.code)
        self.invite_and_serve()
        self.assertEqual(ContraceptiveEpisode.objects.filter(member=self.wife_a).count(), 0)
        self.assertEqual(rekap(self.desa_a.code)["pb_total"], before["pb_total"])
        with acting_as(self.ppkbd_a):
            self.assertEqual(actions.confirm(actor=self.ppkbd_a, service_day=self.day), 2)
        episode = ContraceptiveEpisode.objects.get(member=self.wife_a)
        self.assertEqual(
            (episode.method, episode.start_date, episode.place), ("IMPLAN", DAY, "puskesmas")
        )
        after = rekap(self.desa_a.code)
        self.assertEqual(after["pb_total"], before["pb_total"] + 2)
        self.assertEqual(after["pb_implan"], before["pb_implan"] + 1)
        self.assertEqual(after["pb_suntik3"], before["pb_suntik3"] + 1)
        self.assertTrue(all(i.episode_id for i in Invitation.objects.all()))

    def test_a_method_the_day_does_not_offer_is_refused_and_nothing_is_stored(self):
        wife, mother = self.invite_and_serve()
        with self.assertRaises(ValidationError) as refused, acting_as(self.mitra_a):
            actions.record_methods(
                actor=self.mitra_a, service_day=self.day, methods={wife.pk: "PIL", mother.pk: ""}
            )
        self.assertIn("tidak disediakan pada pelayanan ini", str(refused.exception))
        self.assertIn("Implan", str(refused.exception))
        self.assertEqual(
            sorted(Invitation.objects.values_list("method", flat=True)), ["IMPLAN", "SUNTIK3"]
        )

    def test_only_the_facilitys_staff_records_methods(self):
        wife, _mother = self.invite_and_serve()
        for user in (self.ppkbd_a, self.mitra_c):
            with self.assertRaises(PermissionDenied), acting_as(user):
                actions.record_methods(actor=user, service_day=self.day, methods={wife.pk: "IUD"})

    def test_a_woman_outside_the_target_list_is_refused(self):
        with self.assertRaises(ValidationError) as refused, acting_as(self.ppkbd_a):
            actions.invite(
                actor=self.ppkbd_a, service_day=self.day, members=[self.wife_a, self.pill]
            )
        self.assertIn(f"{self.pill.name} bukan sasaran", str(refused.exception))
        self.assertFalse(Invitation.objects.exists())
        with self.assertRaises(PermissionDenied), acting_as(self.ppkbd_a):
            actions.invite(actor=self.ppkbd_a, service_day=self.day, members=[self.wife_c])


class BadDayTests(ServiceWorld):
    def plan(self, **changes):
        fields = {
            "region_code": self.desa_a.code, "date": DAY, "place": "Posyandu",
            "facility": self.puskesmas_a, "medical_staff": "Bidan Sari", "methods": ["IUD"],
            **changes,
        }  # fmt: skip
        with acting_as(self.ppkbd_a):
            return actions.create_service_day(actor=self.ppkbd_a, **fields)

    def assertRefused(self, field: str, words: str, **changes):
        with self.assertRaises(ValidationError) as refused:
            self.plan(**changes)
        self.assertIn(words, " ".join(refused.exception.message_dict[field]))
        self.assertEqual(ServiceDay.objects.count(), 1)

    def test_dates_that_make_no_sense_are_refused(self):
        self.assertRefused("date", "lebih dari 90 hari yang lalu", date=dt.date(2025, 11, 18))
        self.assertRefused("date", "lebih dari enam bulan lagi", date=dt.date(2027, 11, 18))

    def test_other_bad_plans_are_refused(self):
        self.assertRefused("facility", "tidak melayani", facility=self.puskesmas_c)
        self.assertRefused("methods", "sedikitnya satu metode", methods=[])
        self.assertRefused("medical_staff", "tenaga medis", medical_staff=" ")

    def test_attendance_waits_for_the_day(self):
        later = self.plan(date=DAY + dt.timedelta(days=7))
        with acting_as(self.ppkbd_a):
            actions.invite(actor=self.ppkbd_a, service_day=later, members=[self.wife_a])
        with self.assertRaises(ValidationError) as refused, acting_as(self.ppkbd_a):
            actions.record_attendance(actor=self.ppkbd_a, service_day=later, present=[])
        self.assertIn("baru berlangsung pada 25-11-2026", str(refused.exception))
