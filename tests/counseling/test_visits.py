import datetime as dt

from django.urls import reverse

from impsmart import dates
from impsmart.accounts.audit import acting_as
from impsmart.counseling import actions, visits
from impsmart.counseling.models import Visit
from impsmart.counseling.visits import visit_list
from impsmart.families import contraception
from tests.counseling.world import CounselingWorld
from tests.families.world import make_couple

DAY = dt.timedelta(days=1)
TODAY = dt.date(2025, 6, 30)


class VisitListTests(CounselingWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actor = cls.ppkbd_a
        cls.dmpa = cls.wife_a
        _f, cls.dropout, _h = make_couple(actor, cls.dusun_a2.code, dt.date(1992, 1, 1))
        _f, cls.unmet, _h = make_couple(actor, cls.dusun_a1.code, dt.date(1993, 1, 1))
        with acting_as(actor):
            # DMPA since 80 days: the first re-injection (day 84) is due in 4 days.
            contraception.start_method(
                actor=actor, member=cls.dmpa, method="SUNTIK3", start_date=TODAY - 80 * DAY
            )
            contraception.start_method(
                actor=actor, member=cls.dropout, method="PIL", start_date=dt.date(2024, 1, 1)
            )
            contraception.stop_method(
                actor=actor, member=cls.dropout, end_date=TODAY - 20 * DAY, reason="efek_samping"
            )
            contraception.record_intention(
                actor=actor, member=cls.unmet, intention="TIAL", recorded_on=dt.date(2025, 1, 10)
            )

    def kinds(self, user=None, today=TODAY):
        return [(i.kind, i.member.pk, i.state) for i in visit_list(user or self.ppkbd_a, today)]

    def test_it_lists_dmpa_due_drop_out_and_unmet_need_most_urgent_first(self):
        self.assertEqual(
            self.kinds(),
            [
                ("unmet", self.unmet.pk, "terlambat"),  # due since 10 April
                ("drop_out", self.dropout.pk, "terlambat"),  # stopped on 10 June
                ("suntik3", self.dmpa.pk, "jatuh_tempo"),
            ],
        )
        self.assertEqual(visit_list(self.ppkbd_a, TODAY)[2].due, TODAY + 4 * DAY)

    def test_dmpa_beyond_the_grace_after_a_recorded_injection_is_at_risk(self):
        with acting_as(self.ppkbd_a):
            actions.record_visit(
                actor=self.ppkbd_a,
                member=self.dmpa,
                kind="suntik3",
                outcome="dilayani",
                date=TODAY - 50 * DAY,
            )
        self.assertNotIn("suntik3", [k for k, _m, _s in self.kinds()])
        later = TODAY + 70 * DAY  # due at +34, grace of 4 weeks ends at +62
        self.assertIn(("suntik3", self.dmpa.pk, "berisiko"), self.kinds(today=later))

    def test_outside_the_window_nothing_is_due(self):
        kinds = self.kinds(today=TODAY - 30 * DAY)
        self.assertNotIn("suntik3", [k for k, _m, _s in kinds])

    def test_a_counselling_of_the_last_90_days_removes_unmet_need_an_older_one_dates_it(self):
        with acting_as(self.ppkbd_a):
            actions.record_counseling(
                actor=self.ppkbd_a, member=self.unmet, date=TODAY - 91 * DAY, topics=[], facts={}
            )
        item = next(i for i in visit_list(self.ppkbd_a, TODAY) if i.kind == "unmet")
        self.assertEqual((item.due, item.detail), (TODAY - DAY, "TIAL; kontak terakhir 31-03-2025"))
        with acting_as(self.ppkbd_a):
            actions.record_counseling(
                actor=self.ppkbd_a, member=self.unmet, date=TODAY - 89 * DAY, topics=[], facts={}
            )
        self.assertNotIn("unmet", [k for k, _m, _s in self.kinds()])
        self.assertIn("unmet", [k for k, _m, _s in self.kinds(today=TODAY + 2 * DAY)])

    def test_a_visit_removes_the_item_unless_she_was_not_met(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("counseling:visit_record")
        data = {
            "member": self.unmet.pk,
            "kind": "unmet",
            "date": TODAY.isoformat(),
            "outcome": "tidak_bertemu",
        }
        self.client.post(url, data)
        self.assertIn("unmet", [k for k, _m, _s in self.kinds()])
        data["outcome"] = "bertemu"
        response = self.client.post(url, data, headers={"HX-Request": "true"})
        self.assertTemplateUsed(response, "counseling/_visit_list.html")
        self.assertNotIn("unmet", [k for k, _m, _s in self.kinds()])
        self.assertEqual(Visit.objects.filter(visited_by=self.ppkbd_a).count(), 2)

    def test_the_home_page_shows_the_list_to_cadres(self):
        self.client.force_login(self.sub_ppkbd_a)
        response = self.client.get(reverse("dashboard:home"))
        self.assertContains(response, 'id="kunjungan"')
        self.client.force_login(self.koordinator_a)
        self.assertNotContains(self.client.get(reverse("dashboard:home")), 'id="kunjungan"')

    def test_scope(self):
        self.assertEqual(self.kinds(self.ppkbd_c), [])
        self.assertEqual(visit_list(self.mitra_a, TODAY), [])
        url = reverse("counseling:visits")
        self.assertVisible(url, [self.ppkbd_a, self.sub_ppkbd_a, self.pkb])
        self.assertNotVisible(url, [None, self.mitra_a, self.pimpinan])
        record = reverse("counseling:visit_record")
        data = {
            "member": self.unmet.pk,
            "kind": "unmet",
            "date": "2025-06-01",
            "outcome": "bertemu",
        }
        self.assertPostRefused(record, data, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        self.assertFalse(Visit.objects.exists())

    def test_a_visit_without_a_date_is_refused_with_a_message(self):
        self.client.force_login(self.ppkbd_a)
        data = {"member": self.unmet.pk, "kind": "unmet", "date": "", "outcome": "bertemu"}
        response = self.client.post(
            reverse("counseling:visit_record"), data, headers={"HX-Request": "true"}
        )
        self.assertContains(response, 'role="alert"')
        self.assertFalse(Visit.objects.exists())

    def test_a_refused_mark_shows_its_form_again_open_with_what_was_typed(self):
        self.client.force_login(self.ppkbd_a)
        later = (dates.today() + dt.timedelta(days=3)).isoformat()
        data = {"member": self.unmet.pk, "kind": "unmet", "date": later, "outcome": "pindah",
                "note": 'Ibu ke pasar, "kembali sore"'}  # fmt: skip
        for home in ("", "1"):
            with self.subTest(home=home):
                response = self.client.post(
                    reverse("counseling:visit_record"), data | {"home": home},
                    headers={"HX-Request": "true"},
                )  # fmt: skip
                self.assertContains(response, 'role="alert"')
                html = response.content.decode()
                item = html[html.index(f'id="visit-unmet-{self.unmet.pk}"') :]
                item = item[: item.index("</li>")]
                self.assertIn("<details open>", item)
                self.assertIn(f'name="date" value="{later}"', item)
                self.assertIn('value="pindah" selected', item)
                self.assertIn('value="Ibu ke pasar, &quot;kembali sore&quot;"', item)
                self.assertEqual(html.count("<details open>"), 1)  # the other items closed
        self.assertFalse(Visit.objects.exists())

    def test_the_list_costs_a_fixed_number_of_queries_and_loads_only_the_members_shown(self):
        # the listed members' latest records (episodes in use and stopped, unmet need),
        # visits, births, referrals: one query each
        with self.assertNumQueries(4):
            items = visit_list(self.ppkbd_a, TODAY, members=False)
        self.assertEqual(len(items), 3)
        self.assertTrue(all(item.member is None for item in items))
        with self.assertNumQueries(1):
            shown = visits.with_members(items[:2], self.ppkbd_a)
        self.assertEqual([i.member.pk for i in shown], [self.unmet.pk, self.dropout.pk])
        with self.assertNumQueries(0):  # her family came with her, as select_related
            self.assertEqual(shown[0].member.family, self.unmet.family)
        self.assertEqual(shown[0].member.family.kk_number, self.unmet.family.kk_number)
        self.assertEqual(shown[0].member.name, self.unmet.name)
        self.assertIsNone(items[2].member)

    def test_members_are_filled_in_only_inside_the_users_scope(self):
        items = visit_list(self.ppkbd_a, TODAY, members=False)
        self.assertEqual(visits.with_members(items, self.ppkbd_c), [])
        self.assertEqual(len(visits.with_members(items, self.pkb)), len(items))
