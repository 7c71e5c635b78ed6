"""The data-quality page of a desa lists each kind of case, one query per list."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impsmart import dates
from impsmart.families import actions, contraception
from impsmart.families.models import ContraceptiveEpisode
from tests.families.world import FamilyWorld, make_couple


class QualityPageTests(FamilyWorld):
    def page(self):
        self.client.force_login(self.ppkbd_a)
        return self.client.get(reverse("families:quality", args=[self.desa_a.code]))

    def test_only_users_with_personal_data_of_the_desa_see_it(self):
        url = reverse("families:quality", args=[self.desa_a.code])
        self.assertVisible(url, [self.ppkbd_a, self.pkb, self.koordinator_a, self.admin])
        self.assertNotVisible(
            url, [None, self.ppkbd_c, self.mitra_a, self.pimpinan, self.sub_ppkbd_a]
        )
        self.assertVisible(
            reverse("families:quality", args=[self.dusun_a1.code]), [self.sub_ppkbd_a]
        )

    def test_a_duplicated_nik_and_an_unknown_status_pus_are_shown(self):
        other = actions.create_family(
            actor=self.ppkbd_a,
            region_code=self.dusun_a2.code,
            kk_number="7306060101250055",
            registered_on=dt.date(2025, 1, 1),
        )
        actions.add_member(
            actor=self.ppkbd_a,
            family=other,
            name="Kembaran",
            sex="P",
            birth_date=self.wife_a.birth_date,
            relation="kepala",
            marital_status="cerai_mati",
            nik=self.wife_a.nik,
            confirmed=True,
        )
        response = self.page()
        self.assertEqual(
            {m.name for m in response.context["duplicates"]}, {"Kembaran", self.wife_a.name}
        )
        self.assertEqual([m.pk for m in response.context["unknown"]], [self.wife_a.pk])
        self.assertContains(response, f"#anggota-{self.wife_a.pk}")
        self.assertNotContains(response, self.wife_c.name)

    def test_married_women_outside_pus_age_are_shown(self):
        _f, young, _h = make_couple(
            self.ppkbd_a,
            self.dusun_a1.code,
            dates.years_before(dates.today(), 14).replace(day=1),
            confirmed=True,
        )
        _f, old, _h = make_couple(self.ppkbd_a, self.dusun_a1.code, dt.date(1960, 1, 1))
        context = self.page().context
        self.assertEqual([m.pk for m in context["too_young"]], [young.pk])  # to fix
        self.assertEqual([m.pk for m in context["too_old"]], [old.pk])  # information only

    def test_impossible_histories_are_shown(self):
        wife = self.wife_a
        contraception.start_method(
            actor=self.ppkbd_a, member=wife, method="MOW", start_date=dt.date(2020, 1, 1)
        )
        contraception.stop_method(
            actor=self.ppkbd_a, member=wife, end_date=dt.date(2021, 1, 1), reason="lainnya"
        )
        late = contraception.start_method(
            actor=self.ppkbd_a,
            member=wife,
            method="PIL",
            start_date=dt.date(2022, 1, 1),
            confirmed=True,
        )
        # Older records imported as they were, without the actions' checks:
        early = ContraceptiveEpisode.objects.create(
            member=wife, method="KONDOM", start_date=dt.date(1990, 1, 1)
        )
        # A case in desa C stays on desa C's page.
        contraception.record_pregnancy(
            actor=self.ppkbd_c, member=self.wife_c, start_date=dt.date(2024, 1, 1)
        )
        contraception.start_method(
            actor=self.ppkbd_c, member=self.wife_c, method="PIL", start_date=dt.date(2024, 2, 1)
        )
        response = self.page()
        self.assertEqual(list(response.context["pregnancies"]), [])
        flags = {
            e.pk: (e.after_permanent, e.overlaps, bool(e.before_birth))
            for e in response.context["episodes"]
        }
        self.assertEqual(flags[late.pk], (True, True, False))
        self.assertEqual(flags[early.pk], (False, True, True))
        self.assertContains(response, "sesudah MOW/MOP")

    def test_a_pregnancy_during_an_active_method_and_an_episode_after_leaving(self):
        wife = self.wife_a
        contraception.record_pregnancy(
            actor=self.ppkbd_a, member=wife, start_date=dt.date(2024, 1, 1)
        )
        episode = contraception.start_method(
            actor=self.ppkbd_a, member=wife, method="SUNTIK3", start_date=dt.date(2024, 3, 1)
        )
        actions.record_exit(
            actor=self.ppkbd_a, member=wife, left_on=dt.date(2024, 2, 1), reason="pindah"
        )
        response = self.page()
        self.assertEqual(
            [(p.member_id, p.method) for p in response.context["pregnancies"]],
            [(wife.pk, "SUNTIK3")],
        )
        self.assertTrue(response.context["episodes"][0].after_exit)
        self.assertEqual(response.context["episodes"][0].pk, episode.pk)

    def test_each_list_is_one_query_however_many_cases(self):
        url = reverse("families:quality", args=[self.desa_a.code])
        self.client.force_login(self.ppkbd_a)
        self.client.get(url)
        with CaptureQueriesContext(connection) as one_case:
            self.assertEqual(len(self.client.get(url).context["unknown"]), 1)
        for year in (1991, 1992, 1993):
            make_couple(self.ppkbd_a, self.dusun_a1.code, dt.date(year, 1, 1))
        with self.assertNumQueries(len(one_case)):
            self.assertEqual(len(self.client.get(url).context["unknown"]), 4)
