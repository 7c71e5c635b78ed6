"""Each kind's rule equals an independent count over the register's people and ages."""

from impsmart.dates import age_on
from impsmart.families.models import Family, Member
from impsmart.groups import eligibility
from impsmart.groups.models import Kind
from tests.groups.world import TODAY, GroupWorld

AGES = {"BKB": (0, 6), "BKR": (10, 25), "BKL": (60, 200), "PIK_R": (10, 25)}


def independent(region_code: str, kind: str) -> set[int]:
    """Family ids (PIK-R: person ids) by plain Python over every member."""
    found = set()
    for m in Member.objects.select_related("family"):
        family = m.family
        inside = f"{family.region_code}.".startswith(f"{region_code}.")
        present = m.left_on is None and family.closed_on is None and m.birth_date <= TODAY
        if not (inside and present):
            continue
        if kind == "UPPKA":
            if any(e.end_date is None for e in m.episodes.all()) and m.spouse_id:
                found.add(family.pk)
            continue
        low, high = AGES[kind]
        if low <= age_on(m.birth_date, TODAY) < high:
            found.add(m.pk if kind == "PIK_R" else family.pk)
    return found


class EligibilityTests(GroupWorld):
    def test_every_kind_follows_its_rule(self):
        for kind in Kind.values:
            group = self.make_group(kind, self.desa_a.code)
            with self.subTest(kind=kind):
                if kind == Kind.PIK_R:
                    got = set(
                        eligibility.eligible_people(group, TODAY).values_list("pk", flat=True)
                    )
                else:
                    got = set(
                        eligibility.eligible_families(group, TODAY).values_list("pk", flat=True)
                    )
                self.assertEqual(got, independent(self.desa_a.code, kind))
                self.assertTrue(got, kind)

    def test_the_expected_families_are_the_targets(self):
        bkb = eligibility.eligible_families(self.bkb, TODAY)
        self.assertEqual(list(bkb), [self.family_a])
        bkl = self.make_group("BKL", self.desa_a.code)
        self.assertEqual(list(eligibility.eligible_families(bkl, TODAY)), [self.family_old])
        pikr = self.make_group("PIK_R", self.desa_a.code)
        self.assertEqual(list(eligibility.eligible_people(pikr, TODAY)), [self.teen])

    def test_a_group_sees_only_its_region(self):
        self.assertEqual(list(eligibility.eligible_families(self.bkb_c, TODAY)), [self.family_c])
        dusun = self.make_group("BKB", self.dusun_a2.code)
        self.assertEqual(eligibility.eligible_count(dusun, TODAY), 0)
        self.assertEqual(Family.objects.count(), 4)
