"""Sessions with attendance and PUS/KB counts, KKA checks and their referral flag, UPPKA money."""

import datetime as dt

from django.core.exceptions import ValidationError

from impsmart.families.models import Member
from impsmart.families.status import with_status
from impsmart.groups import actions, facts, kka
from impsmart.groups.models import Capital, KkaCheck, Revenue, Session
from tests.groups.world import TODAY, GroupWorld


class SessionTests(GroupWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.ppkbd_a
        cls.bkr = cls.make_group("BKR", cls.desa_a.code)
        cls.bkl = cls.make_group("BKL", cls.desa_a.code)
        cls.m_toddler = actions.enrol(
            actor=a, group=cls.bkb, family=cls.family_a, started_on=dt.date(2026, 1, 1)
        )
        cls.m_teen = actions.enrol(
            actor=a, group=cls.bkr, family=cls.family_teen, started_on=dt.date(2026, 1, 1)
        )
        cls.m_old = actions.enrol(
            actor=a, group=cls.bkl, family=cls.family_old, started_on=dt.date(2026, 1, 1)
        )

    def session(self, group, members, day=dt.date(2026, 11, 10), topic=None):
        from impsmart.groups.curriculum import TOPICS

        return actions.record_session(
            actor=self.ppkbd_a,
            group=group,
            date=day,
            topic=topic or TOPICS[group.kind][0][0],
            presenter_kind="kader",
            presenter_name="Bu Sari",
            attendees=[m.pk for m in members],
        )

    def test_pus_and_kb_counts_equal_an_independent_count(self):
        day = dt.date(2026, 11, 10)
        for group, m in [
            (self.bkb, self.m_toddler),
            (self.bkr, self.m_teen),
            (self.bkl, self.m_old),
        ]:
            s = self.session(group, [m], day)
            self.assertEqual(s.attendance.count(), 1)
            # Independently: the wives of the family who are a PUS that day, and their status.
            wives = with_status(Member.objects.filter(family=m.family), day)
            pus = int(wives.exists())
            kb = int(any(w.status in {"PIL", "IUD", "SUNTIK3", "IMPLAN"} for w in wives))
            got = facts.tally(facts.pus_facts([m], day))
            self.assertEqual(got, (pus, kb), group.kind)
        # wife_a (31, pill) is a PUS using KB; wife_teen (46) a PUS without; wife_old (66) none.
        counts = [
            facts.tally(facts.pus_facts([m], day))
            for m in (self.m_toddler, self.m_teen, self.m_old)
        ]
        self.assertEqual(counts, [(1, 1), (1, 0), (0, 0)])

    def test_a_future_session_or_a_stranger_stores_nothing(self):
        with self.assertRaisesMessage(ValidationError, "belum terjadi"):
            self.session(self.bkb, [self.m_toddler], dt.date(2026, 12, 1))
        with self.assertRaisesMessage(ValidationError, "harus anggota kelompok"):
            self.session(self.bkb, [self.m_teen])
        with self.assertRaisesMessage(ValidationError, "kurikulum"):
            self.session(self.bkb, [self.m_toddler], topic="bkl_fisik")
        self.assertFalse(Session.objects.exists())

    def test_the_same_session_twice_stores_once(self):
        first = self.session(self.bkb, [self.m_toddler])
        self.assertEqual(self.session(self.bkb, [self.m_toddler]), first)
        self.assertEqual(first.attendance.count(), 1)

    def test_kka_flags_a_milestone_missed_three_checks_running(self):
        band = kka.band_of(self.toddler.birth_date, dt.date(2026, 9, 10))
        self.assertEqual(band, "2-3")
        all_but_one = kka.codes_of(band)[1:]
        checks = []
        for month in (9, 10, 11):
            s = self.session(self.bkb, [self.m_toddler], dt.date(2026, month, 10))
            checks.append(
                actions.record_kka(
                    actor=self.ppkbd_a, session=s, child=self.toddler, ticked=all_but_one
                )
            )
        self.assertEqual([c.needs_referral for c in checks], [False, False, True])
        s = self.session(self.bkb, [self.m_toddler], dt.date(2026, 11, 17), topic="bkb_gizi")
        done = actions.record_kka(
            actor=self.ppkbd_a, session=s, child=self.toddler, ticked=kka.codes_of(band)
        )
        self.assertFalse(done.needs_referral)

    def test_kka_refuses_milestones_of_another_band_and_other_children(self):
        s = self.session(self.bkb, [self.m_toddler])
        with self.assertRaisesMessage(ValidationError, "kelompok umur anak"):
            actions.record_kka(
                actor=self.ppkbd_a, session=s, child=self.toddler, ticked=["5_menulis"]
            )
        with self.assertRaisesMessage(ValidationError, "bukan dari keluarga anggota"):
            actions.record_kka(actor=self.ppkbd_a, session=s, child=self.teen, ticked=[])
        self.assertFalse(KkaCheck.objects.exists())


class UppkaTests(GroupWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.uppka = cls.make_group("UPPKA", cls.desa_a.code)
        cls.member = actions.enrol(
            actor=cls.ppkbd_a,
            group=cls.uppka,
            family=cls.family_a,
            started_on=dt.date(2026, 2, 1),
            business="warung",
        )

    def test_only_acceptor_families_join(self):
        with self.assertRaisesMessage(ValidationError, "bukan keluarga akseptor"):
            actions.enrol(
                actor=self.ppkbd_a, group=self.uppka, family=self.family_teen, started_on=TODAY
            )

    def test_capital_in_whole_rupiah_and_a_wrong_amount_stores_nothing(self):
        c = actions.record_capital(
            actor=self.ppkbd_a, membership=self.member, source="kur", amount="1.500.000",
            received_on=dt.date(2026, 3, 1),
        )  # fmt: skip
        self.assertEqual(c.amount, 1_500_000)
        for bad in ["satu juta", "-5", "12,5", ""]:
            with self.assertRaisesMessage(ValidationError, "angka saja"):
                actions.record_capital(
                    actor=self.ppkbd_a, membership=self.member, source="kur", amount=bad,
                    received_on=dt.date(2026, 3, 1),
                )  # fmt: skip
        self.assertEqual(Capital.objects.count(), 1)

    def test_revenue_once_a_month(self):
        actions.record_revenue(
            actor=self.ppkbd_a, group=self.uppka, month=dt.date(2026, 10, 31), amount=900000
        )
        actions.record_revenue(
            actor=self.ppkbd_a, group=self.uppka, month=dt.date(2026, 10, 1), amount="950000"
        )
        self.assertEqual(
            list(Revenue.objects.values_list("month", "amount")), [(dt.date(2026, 10, 1), 950000)]
        )
        with self.assertRaisesMessage(ValidationError, "angka saja"):
            actions.record_revenue(
                actor=self.ppkbd_a, group=self.uppka, month=TODAY, amount="banyak"
            )
