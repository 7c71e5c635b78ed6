"""The family world plus IMP institutions in desa A (PPKBD), dusun A1 (Sub-PPKBD), desa C and
kecamatan A, and a partner per kecamatan; uploaded files go to a temporary MEDIA_ROOT."""

import datetime as dt
import shutil
import tempfile

from django.test import override_settings

from impsmart.accounts.audit import acting_as
from impsmart.organization import actions
from impsmart.organization.models import Partner
from tests.base import KECAMATAN_A, KECAMATAN_C
from tests.counseling.world import CounselingWorld

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class OrganizationWorld(CounselingWorld):
    @classmethod
    def setUpClass(cls):
        cls.media = tempfile.mkdtemp(prefix="impsmart-media-")
        cls._media = override_settings(MEDIA_ROOT=cls.media)
        cls._media.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media.disable()
        shutil.rmtree(cls.media, ignore_errors=True)

    def setUp(self):
        super().setUp()
        shutil.rmtree(self.media, ignore_errors=True)  # files outlive each test's rollback

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with acting_as(cls.admin):
            cls.ppkbd = actions.create_institution(
                actor=cls.admin,
                level="ppkbd",
                name="PPKBD A",
                region_code=cls.desa_a.code,
                founded_on=dt.date(2020, 1, 6),
            )
            cls.sub_ppkbd = actions.create_institution(
                actor=cls.admin,
                level="sub_ppkbd",
                name="Sub-PPKBD A1",
                region_code=cls.dusun_a1.code,
            )
            cls.ppkbd_c_inst = actions.create_institution(
                actor=cls.admin, level="ppkbd", name="PPKBD C", region_code=cls.desa_c.code
            )
            cls.kecamatan_body = actions.create_institution(
                actor=cls.admin, level="kecamatan", name="Koordinasi A", region_code=KECAMATAN_A
            )
            cls.seat_ketua = actions.assign_seat(
                actor=cls.admin,
                institution=cls.ppkbd,
                seat="ketua",
                user=cls.ppkbd_a,
                started_on=dt.date(2024, 1, 1),
            )
            cls.partner_a = actions.create_partner(
                actor=cls.admin,
                region_code=KECAMATAN_A,
                kind=Partner.Kind.PUSKESMAS,
                name="Puskesmas Bontomarannu",
                facility=cls.puskesmas_a,
            )
            cls.partner_c = actions.create_partner(
                actor=cls.admin, region_code=KECAMATAN_C, kind=Partner.Kind.KUA, name="KUA C"
            )
