"""PUP: youth of a region, calon pengantin, marriages under the PUP ages per month, and
mentoring recorded as a KIE session linked to the people who came."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.counseling.models import KieSession
from impsmart.families import actions as family_actions
from impsmart.families.models import Member
from impsmart.services import actions, pup
from impsmart.services.models import Couple, Mentee
from tests.services.world import ServiceWorld


class PupWorld(ServiceWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.ppkbd_a
        with acting_as(a):
            cls.girl = family_actions.add_member(
                actor=a, family=cls.implant.family, name="Nur Aisyah", sex="P",
                birth_date=dt.date(2008, 4, 2), relation="anak", marital_status="belum_kawin",
            )  # fmt: skip
            cls.boy = family_actions.add_member(
                actor=a, family=cls.implant.family, name="Rudi", sex="L",
                birth_date=dt.date(2014, 9, 9), relation="anak", marital_status="belum_kawin",
            )  # fmt: skip
            couple = dict(region_code=cls.dusun_a1.code, groom_name="Andi")
            cls.young = actions.add_couple(
                actor=a, bride=cls.girl, groom_birth_date=dt.date(2003, 1, 1),
                married_on=dt.date(2026, 10, 5), **couple,
            )  # fmt: skip
            cls.ideal = actions.add_couple(
                actor=a, region_code=cls.dusun_a1.code, bride_name="Sitti",
                bride_birth_date=dt.date(2001, 1, 1), groom_name="Arif",
                groom_birth_date=dt.date(1998, 1, 1), married_on=dt.date(2026, 10, 20),
            )  # fmt: skip
            cls.engaged = actions.add_couple(
                actor=a, region_code=cls.dusun_a1.code, bride_name="Rina",
                bride_birth_date=dt.date(2006, 5, 5), groom_name="Dedi",
                groom_birth_date=dt.date(2000, 5, 5), planned_on=dt.date(2027, 2, 1),
            )  # fmt: skip


class PupFigureTests(PupWorld):
    def test_marriages_are_counted_per_month_with_those_under_the_pup_ages(self):
        rows = pup.marriages_by_month(
            Couple.objects.within(self.desa_a.code), dt.date(2026, 11, 30)
        )
        october = next(r for r in rows if r["month"] == dt.date(2026, 10, 1))
        self.assertEqual(
            [october[k] for k in ("marriages", "young", "bride_young", "groom_young")], [2, 1, 1, 1]
        )
        self.assertEqual(len(rows), 12)
        self.assertEqual(sum(r["marriages"] for r in rows), 2)
        self.assertEqual((self.young.bride_age, self.young.groom_age), (18, 23))

    def test_youth_are_counted_by_age_band_and_sex(self):
        counts = pup.youth_counts(Member.objects.all(), self.desa_a.code, dt.date(2026, 11, 18))
        self.assertEqual(counts[0], {"band": "10–14", "L": 1, "P": 0, "total": 1})
        self.assertEqual(counts[1], {"band": "15–19", "L": 0, "P": 1, "total": 1})
        self.assertEqual(counts[-1]["total"], 2)

    def test_the_calon_pengantin_under_the_pup_ages_are_flagged(self):
        rows = pup.engaged(Couple.objects.all(), dt.date(2026, 11, 18))
        self.assertEqual(
            [(r["couple"], r["bride_age"], r["young"]) for r in rows], [(self.engaged, 20, True)]
        )


class PupWriteTests(PupWorld):
    def test_mentoring_is_a_kie_session_linked_to_the_people_who_came(self):
        with acting_as(self.ppkbd_a):
            session = actions.record_mentoring(
                actor=self.ppkbd_a, region_code=self.dusun_a1.code, date=dt.date(2026, 11, 10),
                place="Sekretariat PIK-R", topics=["pup"], presenter_kind="kader",
                presenter_name="Kader IMP", partners=["kua"], people=[self.girl, self.boy],
                couples=[self.engaged],
            )  # fmt: skip
        self.assertEqual(KieSession.objects.get(), session)
        self.assertEqual(
            (session.audience_lt20_p, session.audience_lt20_l, session.audience_20_49_p,
             session.audience_20_49_l, session.audience_total),
            (1, 1, 1, 1, 4),
        )  # fmt: skip
        self.assertEqual(Mentee.objects.filter(session=session).count(), 3)

    def test_mentoring_refuses_people_who_are_not_young_and_stores_nothing(self):
        with self.assertRaises(ValidationError) as refused, acting_as(self.ppkbd_a):
            actions.record_mentoring(
                actor=self.ppkbd_a, region_code=self.dusun_a1.code, date=dt.date(2026, 11, 10),
                place="Balai", topics=["pup"], presenter_kind="kader", presenter_name="Kader",
                people=[self.girl, self.wife_a],
            )  # fmt: skip
        self.assertIn(f"{self.wife_a.name} bukan remaja", str(refused.exception))
        self.assertFalse(KieSession.objects.exists())
        self.assertFalse(Mentee.objects.exists())

    def test_impossible_couples_are_refused(self):
        base = dict(
            region_code=self.dusun_a1.code, groom_name="X", groom_birth_date=dt.date(2000, 1, 1)
        )
        with self.assertRaises(ValidationError) as refused, acting_as(self.ppkbd_a):
            actions.add_couple(actor=self.ppkbd_a, bride=self.boy, **base)
        self.assertIn("bukan perempuan", str(refused.exception))
        with self.assertRaises(ValidationError) as refused, acting_as(self.ppkbd_a):
            actions.add_couple(
                actor=self.ppkbd_a, bride_name="Y", bride_birth_date=dt.date(2020, 1, 1),
                married_on=dt.date(2026, 1, 1), **base,
            )  # fmt: skip
        self.assertIn("calon istri berumur 6", str(refused.exception))
        self.assertEqual(Couple.objects.count(), 3)


class PupFormTests(PupWorld):
    def test_a_cadre_records_mentoring_and_a_couple_from_the_register_on_the_pages(self):
        self.client.force_login(self.ppkbd_a)
        where = f"?wilayah={self.dusun_a1.code}"
        mentoring = reverse("services:mentoring_create") + where
        data = {
            "date": "2026-11-12", "place": "Balai", "topics": ["pup"], "presenter_kind": "kader",
            "presenter_name": "Kader IMP", "people": [self.girl.pk],
            "couples": [self.engaged.pk],
        }  # fmt: skip
        response = self.client.post(mentoring, data)
        session = KieSession.objects.get()
        self.assertRedirects(response, reverse("counseling:kie_detail", args=[session.pk]))
        self.assertEqual(Mentee.objects.count(), 2)
        self.assertEqual(
            self.client.post(mentoring, {**data, "people": [self.wife_c.pk]}).status_code, 403
        )

        couple = reverse("services:couple_create") + where
        data = {
            "region_code": self.dusun_a1.code, "bride": self.girl.pk, "groom_name": "Ilham",
            "groom_birth_date": "2000-02-02", "planned_on": "2027-03-01",
        }  # fmt: skip
        self.client.post(couple, data)
        self.assertEqual(Couple.objects.get(groom_name="Ilham").bride, self.girl)
        response = self.client.post(couple, {**data, "groom_name": "Ilham", "bride": ""})
        self.assertContains(response, "Tulis namanya, atau pilih dari register.")
        self.assertEqual(
            self.client.post(couple, {**data, "bride": self.wife_c.pk}).status_code, 403
        )


class MentoringPageTests(PupWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with acting_as(cls.ppkbd_a):
            cls.session = actions.record_mentoring(
                actor=cls.ppkbd_a, region_code=cls.dusun_a1.code, date=dt.date(2026, 11, 10),
                place="Sekretariat PIK-R", topics=["pup"], presenter_kind="kader",
                presenter_name="Kader IMP", people=[cls.girl, cls.boy], couples=[cls.engaged],
            )  # fmt: skip
        cls.url = reverse("counseling:kie_detail", args=[cls.session.pk])

    def test_the_kie_session_page_names_the_mentored_people_and_couples(self):
        for user in (self.ppkbd_a, self.pkb):
            self.client.force_login(user)
            page = self.client.get(self.url)
            self.assertContains(page, "Peserta pendampingan PUP")
            self.assertContains(page, "Nur Aisyah")
            self.assertContains(page, "Rudi")
            self.assertContains(page, "<b>Rina</b> &amp; <b>Dedi</b>", html=False)
            self.assertContains(page, f"/pelayanan/pup/?wilayah={self.dusun_a1.code}")
        self.client.force_login(self.pimpinan)  # the session's figures, no names
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "Nur Aisyah")
        self.assertNotContains(page, "Peserta pendampingan PUP")

    def test_a_mentee_whose_family_moved_out_of_scope_is_counted_not_named(self):
        with acting_as(self.pkb):  # the family moves to desa B, outside ppkbd_a's desa
            family_actions.update_family(
                actor=self.pkb, family=self.girl.family, region_code=self.desa_b.code
            )
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(self.url)
        self.assertNotContains(page, "Nur Aisyah")
        self.assertContains(page, "2 peserta lain tercatat di luar wilayah Anda")
        self.assertContains(page, "<b>Rina</b>", html=False)
