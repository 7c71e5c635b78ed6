"""Enrolment from the register, ending with a date, the family page, the flags' migration."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from impsmart.accounts.models import AuditEvent
from impsmart.groups import actions, eligibility
from impsmart.groups.flags import memberships_from_flags
from impsmart.groups.models import Group, Membership
from impsmart.regions.models import Region
from tests.groups.world import TODAY, GroupWorld


class MembershipTests(GroupWorld):
    def test_enrol_and_end_a_membership(self):
        m = actions.enrol(
            actor=self.ppkbd_a, group=self.bkb, family=self.family_a, started_on=dt.date(2026, 1, 5)
        )
        self.assertEqual(list(eligibility.members_on(self.bkb, TODAY)), [m])
        self.assertEqual(list(eligibility.not_yet_members(self.bkb, TODAY)), [])
        actions.end_membership(actor=self.ppkbd_a, membership=m, ended_on=dt.date(2026, 10, 1))
        self.assertEqual(list(eligibility.members_on(self.bkb, TODAY)), [])
        self.assertEqual(list(eligibility.members_on(self.bkb, dt.date(2026, 9, 30))), [m])
        events = AuditEvent.objects.filter(model="groups.Membership", object_pk=str(m.pk))
        self.assertEqual(events.count(), 2)
        self.assertEqual({e.actor for e in events}, {self.ppkbd_a})

    def test_a_family_outside_the_rule_is_refused_in_indonesian(self):
        with self.assertRaises(ValidationError) as raised:
            actions.enrol(
                actor=self.ppkbd_a, group=self.bkb, family=self.family_teen, started_on=TODAY
            )
        self.assertIn("tidak ada anak usia 0–<6 tahun", str(raised.exception))
        self.assertFalse(Membership.objects.exists())

    def test_a_future_start_and_a_twice_enrolment_are_refused(self):
        with self.assertRaisesMessage(ValidationError, "belum terjadi"):
            actions.enrol(
                actor=self.ppkbd_a,
                group=self.bkb,
                family=self.family_a,
                started_on=dt.date(2027, 1, 1),
            )
        actions.enrol(actor=self.ppkbd_a, group=self.bkb, family=self.family_a, started_on=TODAY)
        with self.assertRaisesMessage(ValidationError, "Sudah menjadi anggota"):
            actions.enrol(
                actor=self.ppkbd_a, group=self.bkb, family=self.family_a, started_on=TODAY
            )
        self.assertEqual(Membership.objects.count(), 1)

    def test_out_of_scope_writes_are_refused(self):
        with self.assertRaises(PermissionDenied):
            actions.enrol(
                actor=self.ppkbd_c, group=self.bkb, family=self.family_a, started_on=TODAY
            )
        with self.assertRaises(PermissionDenied):
            actions.enrol(
                actor=self.ppkbd_a, group=self.bkb, family=self.family_c, started_on=TODAY
            )

    def test_a_pik_r_enrols_the_young_person(self):
        pikr = self.make_group("PIK_R", self.desa_a.code)
        with self.assertRaisesMessage(ValidationError, "bukan remaja"):
            actions.enrol(actor=self.ppkbd_a, group=pikr, family=self.family_teen, started_on=TODAY)
        m = actions.enrol(
            actor=self.ppkbd_a,
            group=pikr,
            family=self.family_teen,
            person=self.teen,
            started_on=TODAY,
        )
        self.assertEqual(m.person, self.teen)

    def test_a_deactivated_group_stays_and_takes_no_members(self):
        actions.deactivate_group(actor=self.ppkbd_a, group=self.bkb, on=TODAY)
        self.assertTrue(Group.objects.filter(pk=self.bkb.pk, active=False).exists())
        with self.assertRaisesMessage(ValidationError, "tidak aktif"):
            actions.enrol(
                actor=self.ppkbd_a, group=self.bkb, family=self.family_a, started_on=TODAY
            )

    def test_the_family_page_shows_its_memberships(self):
        actions.enrol(actor=self.ppkbd_a, group=self.bkb, family=self.family_a, started_on=TODAY)
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("families:detail", args=[self.family_a.pk])).content.decode()
        self.assertIn(self.bkb.name, page)
        other = self.client.get(
            reverse("families:detail", args=[self.family_teen.pk])
        ).content.decode()
        self.assertNotIn(self.bkb.name, other)


class FlagMigrationTests(GroupWorld):
    """``memberships_from_flags``: what the old booleans said, as memberships."""

    def test_flags_become_memberships_of_the_desa_groups(self):
        registered = dt.date(2024, 1, 1)
        rows = [
            (self.family_a.pk, self.dusun_a1.code, registered, True, False, False, True),
            (self.family_teen.pk, self.dusun_a2.code, registered, False, True, False, False),
            (self.family_old.pk, self.dusun_a1.code, registered, False, False, True, False),
            (self.family_c.pk, self.dusun_c1.code, registered, True, False, False, False),
        ]
        made = memberships_from_flags(rows, Group, Membership, Region)
        self.assertEqual(made, 5)
        said = {
            (family, kind)
            for family, _region, _day, *flags in rows
            for kind, flag in zip(["BKB", "BKR", "BKL", "UPPKA"], flags, strict=True)
            if flag
        }
        got = set(Membership.objects.values_list("family_id", "group__kind"))
        self.assertEqual(got, said)
        # The desa's existing BKB is reused; the others are created in the family's desa.
        self.assertEqual(
            Membership.objects.get(family=self.family_a, group__kind="BKB").group, self.bkb
        )
        self.assertEqual(Membership.objects.get(family=self.family_c).group, self.bkb_c)
        bkr = Group.objects.get(kind="BKR")
        self.assertEqual((bkr.region_code, bkr.name), (self.desa_a.code, f"BKR {self.desa_a.name}"))
        self.assertEqual(set(Membership.objects.values_list("started_on", flat=True)), {registered})
        self.assertEqual(memberships_from_flags([], Group, Membership, Region), 0)
