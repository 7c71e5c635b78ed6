"""The demo step: service days on the register's own new-acceptor days, with their outcomes."""

import datetime as dt
import random

from impsmart import dates
from impsmart.accounts.audit import acting_as
from impsmart.demo.generator import DemoContext
from impsmart.families import contraception as kb
from impsmart.services import demo
from impsmart.services.models import Couple, Invitation, ServiceDay
from tests.base import KECAMATAN_A
from tests.families.world import make_couple
from tests.services.world import ServiceWorld


class DemoStepTests(ServiceWorld):
    def test_past_days_are_the_new_acceptors_days_and_an_upcoming_day_invites_unmet_need(self):
        a = self.ppkbd_a
        new = make_couple(a, self.dusun_a2.code, dt.date(2000, 3, 3))[1]
        with acting_as(a):
            episode = kb.start_method(
                actor=a, member=new, method="IMPLAN", start_date=dt.date(2026, 6, 2)
            )
        ctx = DemoContext(kabupaten=self.kabupaten, rng=random.Random(3), families=0, password="")
        summary = demo.step(ctx)
        self.assertIn("pelayanan KB serentak", summary)
        past = ServiceDay.objects.get(region_code=KECAMATAN_A, date=dt.date(2026, 6, 2))
        served = Invitation.objects.get(service_day=past, attended=True)
        self.assertEqual((served.member, served.method, served.episode), (new, "IMPLAN", episode))
        self.assertIsNotNone(served.confirmed_on)
        upcoming = ServiceDay.objects.get(region_code=KECAMATAN_A, date__gt=dt.date(2026, 11, 18))
        self.assertEqual(
            list(upcoming.invitations.values_list("member", flat=True)), [self.wife_a.pk]
        )
        self.assertFalse(Couple.objects.filter(bride__isnull=False).exists())  # no one young

    def test_marriages_agree_with_the_register(self):
        """A register couple married before the register held them married (and before her
        first KB use); one the register had married before she was 16 gets no marriage; the
        last year's marriages are calon pengantin from outside the register."""
        a = self.ppkbd_a
        fits = make_couple(a, self.dusun_a1.code, dt.date(2004, 3, 3))[1]  # registered 2024
        with acting_as(a):
            kb.start_method(actor=a, member=fits, method="PIL", start_date=dt.date(2023, 10, 1))
        too_young = make_couple(a, self.dusun_a2.code, dt.date(2008, 6, 1), confirmed=True)[1]
        ctx = DemoContext(kabupaten=self.kabupaten, rng=random.Random(5), families=0, password="")
        demo.step(ctx)
        married = Couple.objects.filter(married_on__isnull=False)
        linked = married.get(bride__isnull=False)
        self.assertEqual((linked.bride, linked.groom), (fits, fits.spouse))
        self.assertTrue(dt.date(2020, 3, 3) <= linked.married_on <= dt.date(2023, 10, 1))
        self.assertEqual(linked.bride_age, dates.age_on(fits.birth_date, linked.married_on))
        self.assertFalse(married.filter(bride=too_young).exists())
        recent = married.filter(bride__isnull=True, groom__isnull=True)
        in_a = recent.filter(region_code__startswith=f"{KECAMATAN_A}.")
        self.assertEqual(len(in_a), demo.MARRIAGES_PER_KECAMATAN)
        for couple in recent:
            self.assertTrue(dt.date(2025, 11, 18) < couple.married_on < dt.date(2026, 11, 18))
            self.assertEqual(couple.planned_on, couple.married_on)
            self.assertGreaterEqual(couple.bride_age, 17)
