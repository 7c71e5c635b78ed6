"""Every scorecard status equals its rule computed here from the records, independently."""

import datetime as dt

from impsmart.monitoring import scorecard, targets
from impsmart.monitoring.models import TargetRule
from impsmart.regions.models import Region
from impsmart.training.models import Loan, ReadingHouse, Title, TitleKind
from tests.base import KABUPATEN, KECAMATAN_A, KECAMATAN_C, World

OCTOBER = dt.date(2026, 10, 31)


def expected_t9(kecamatan: str, day: dt.date) -> str:
    """T9 by hand: a house of the kecamatan; a loan from the first day of M-2 to day M."""
    houses = ReadingHouse.objects.filter(region_code__startswith=kecamatan)
    if not ReadingHouse.objects.exists():
        return targets.NO_DATA
    first = dt.date(day.year, day.month - 2, 1)
    lent = Loan.objects.filter(title__house__in=houses, lent_on__gte=first, lent_on__lte=day)
    if lent.exists():
        return targets.MET
    return targets.PARTLY if houses.exists() else targets.NOT_MET


class ScorecardTests(World):
    def kecamatan_status(self, code: str) -> str:
        card = scorecard.scorecard(self.kabupaten, OCTOBER)
        return card["children"][code]["T9"]

    def test_without_records_every_target_reads_no_data_never_not_met(self):
        card = scorecard.scorecard(self.kabupaten, OCTOBER)
        self.assertEqual({t["status"] for t in card["targets"]}, {targets.NO_DATA})
        desa = scorecard.scorecard(self.desa_a, OCTOBER)
        self.assertEqual([t["code"] for t in desa["targets"]], targets.DESA_TARGETS)
        self.assertEqual({t["status"] for t in desa["targets"]}, {targets.NO_DATA})

    def test_rumah_baca_met_partly_and_not_met_follow_the_rule(self):
        def house(code, name):
            h = ReadingHouse.objects.create(
                region_code=code, name=name, place="Kantor", keeper="K", opening_hours="08-14"
            )
            return Title.objects.create(house=h, title="Buku Pintar", kind=TitleKind.SMARTBOOK)

        lent = house(KECAMATAN_A, "Rumah Baca A")
        house(KECAMATAN_C, "Rumah Baca C")
        Loan.objects.create(
            title=lent, borrower="P", borrower_kind="kader", lent_on=dt.date(2026, 8, 3)
        )
        for code in Region.objects.filter(parent_id=KABUPATEN).values_list("code", flat=True):
            self.assertEqual(self.kecamatan_status(code), expected_t9(code, OCTOBER), code)
        self.assertEqual(self.kecamatan_status(KECAMATAN_A), targets.MET)
        self.assertEqual(self.kecamatan_status(KECAMATAN_C), targets.PARTLY)
        # A month later the August loan is out of the three months: only partly.
        november = scorecard.scorecard(self.kabupaten, dt.date(2026, 11, 30))
        self.assertEqual(november["children"][KECAMATAN_A]["T9"], targets.PARTLY)
        self.assertEqual(expected_t9(KECAMATAN_A, dt.date(2026, 11, 30)), targets.PARTLY)

    def test_a_kabupaten_adjusts_a_threshold_and_the_rule_text_follows(self):
        TargetRule.objects.create(region_code=KABUPATEN, thresholds={"T2": {"met": 8}})
        rules = targets.rules_for(self.desa_a.code)
        self.assertEqual(rules["T2"], {"met": 8, "partly": 6})
        self.assertIn("≥ 8 dari 12", targets.rule_text("T2", rules["T2"]))
        with self.assertRaises(ValueError):
            targets.parse_thresholds({"T2": {"sometimes": 1}})

    def test_a_desa_target_rolls_up(self):
        met, partly, none = (targets.Result(s) for s in ("met", "partly", "not_met"))
        self.assertEqual(scorecard.rolled([met, met]).status, targets.MET)
        self.assertEqual(scorecard.rolled([met, none]).status, targets.PARTLY)
        self.assertEqual(scorecard.rolled([none, none]).status, targets.NOT_MET)
        self.assertEqual(scorecard.rolled([targets.Result("no_data")]).status, targets.NO_DATA)
