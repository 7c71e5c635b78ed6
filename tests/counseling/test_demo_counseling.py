import random

from impsmart.accounts.audit import acting_as
from impsmart.counseling.models import Counseling, Facility, FacilityStaff, KieSession, Referral
from impsmart.demo.counseling import create_counseling
from impsmart.regions.models import Region
from tests.counseling.world import CounselingWorld


class DemoCounselingTests(CounselingWorld):
    def run_demo(self, seed: int) -> list:
        with acting_as(None):
            create_counseling(Region.objects.get(code="73.06"), random.Random(seed))
        return list(KieSession.objects.order_by("pk").values_list("region_code", "date", "place"))

    def test_it_links_a_puskesmas_per_kecamatan_to_its_demo_mitra(self):
        self.mitra_a.username = "puskesmas.bontomarannu"
        self.mitra_a.save()
        FacilityStaff.objects.all().delete()  # audit-ok: test setup
        Facility.objects.all().delete()  # audit-ok: test setup
        self.run_demo(1)
        self.assertEqual(Facility.objects.count(), 18)
        link = FacilityStaff.objects.get()
        self.assertEqual(link.user, self.mitra_a)
        self.assertEqual(link.facility.name, "Puskesmas Bontomarannu")
        desa = Region.objects.filter(level="desa", code__startswith="73.06.").count()
        self.assertEqual(KieSession.objects.count(), 12 * desa)  # a year of monthly sessions
        self.assertLessEqual(Referral.objects.count(), Counseling.objects.count() + 2)

    def test_the_same_seed_gives_the_same_sessions(self):
        first = self.run_demo(7)
        KieSession.objects.all().delete()  # audit-ok: test setup
        Facility.objects.exclude(
            pk__in=[self.puskesmas_a.pk, self.puskesmas_c.pk]
        ).delete()  # audit-ok
        self.assertEqual(self.run_demo(7), first)
