import datetime as dt

from django.test import SimpleTestCase

from impsmart.families.identity import IdentityError, clean_kk, clean_nik, nik_for, nik_warnings
from impsmart.families.ks import INDICATOR_CODES, derive_stage


class NikTests(SimpleTestCase):
    def test_a_womans_nik_adds_40_to_the_day(self):
        nik = nik_for("730606", dt.date(1995, 3, 14), "P", 12)
        self.assertEqual(nik, "7306065403950012")
        self.assertEqual(clean_nik(nik), nik)
        self.assertEqual(nik_warnings(nik, dt.date(1995, 3, 14), "P"), [])

    def test_wrong_length_or_letters_say_what_to_fix(self):
        for bad in ["730606540395001", "73060654039500AB", ""]:
            with self.assertRaisesMessage(IdentityError, "harus 16 angka"):
                clean_nik(bad)

    def test_an_impossible_birth_date_or_serial_is_refused(self):
        with self.assertRaisesMessage(IdentityError, "tanggal lahir"):
            clean_nik("7306063213950012")
        with self.assertRaisesMessage(IdentityError, "0000"):
            clean_nik("7306065403950000")
        with self.assertRaisesMessage(IdentityError, "tanggal terbit"):
            clean_kk("7306064413200001")

    def test_a_nik_contradicting_sex_or_birth_date_is_a_warning(self):
        nik = nik_for("730606", dt.date(1995, 3, 14), "L", 12)
        warnings = nik_warnings(nik, dt.date(1995, 3, 15), "P")
        self.assertEqual(len(warnings), 2)
        self.assertIn("laki-laki", warnings[0])


class KsStageTests(SimpleTestCase):
    def test_the_highest_stage_whose_indicators_and_all_lower_are_met(self):
        everything = dict.fromkeys(INDICATOR_CODES, True)
        self.assertEqual(derive_stage(everything), "ks3_plus")
        self.assertEqual(derive_stage({**everything, "ks3p_pengurus": False}), "ks3")
        self.assertEqual(derive_stage({**everything, "ks2_lauk": False}), "ks1")
        # failing any KS I indicator is Pra-S, whatever else is met
        self.assertEqual(derive_stage({**everything, "ks1_rumah": False}), "pra_s")
        self.assertEqual(derive_stage({}), "pra_s")
