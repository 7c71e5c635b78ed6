"""The demo step: service days on the register's own new-acceptor days, with their outcomes."""

import datetime as dt
import random

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
        self.assertFalse(Couple.objects.exists())  # no young people in this register
