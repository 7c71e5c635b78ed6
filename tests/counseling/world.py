"""The family world plus a Puskesmas in kecamatan A (mitra_a's) and one in kecamatan C."""

from impsmart.accounts.roles import Role
from impsmart.counseling.models import Facility, FacilityStaff
from tests.base import KECAMATAN_A, KECAMATAN_C, make_user
from tests.families.world import FamilyWorld


class CounselingWorld(FamilyWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.puskesmas_a = Facility.objects.create(
            name="Puskesmas Bontomarannu", kind="puskesmas", region_code=KECAMATAN_A
        )
        cls.puskesmas_c = Facility.objects.create(
            name="Puskesmas Bontonompo", kind="puskesmas", region_code=KECAMATAN_C
        )
        FacilityStaff.objects.create(user=cls.mitra_a, facility=cls.puskesmas_a)
        cls.mitra_c = make_user("mitra_c", Role.MITRA, KECAMATAN_C)
        FacilityStaff.objects.create(user=cls.mitra_c, facility=cls.puskesmas_c)
