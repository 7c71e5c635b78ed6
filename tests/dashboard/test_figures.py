"""Indicator figures per child region: one grouped query, the same for leaders and cadres."""

from impsmart.dashboard.figures import Figures, child_figures
from impsmart.families.models import Family, Member
from tests.base import KECAMATAN_A
from tests.dashboard import JUNE, MapWorld


class ChildFigureTests(MapWorld):
    def figures(self, user, region):
        table = child_figures(user, region, JUNE)
        return table, {child.code: row for child, row in table.children}

    def test_a_kecamatan_has_pus_pa_and_mcpr_per_desa(self):
        kecamatan = self.desa_a.parent
        table, rows = self.figures(self.koordinator_a, kecamatan)
        a, b = rows[self.desa_a.code], rows[self.desa_b.code]
        self.assertEqual((a.families, a.pus, a.pa, a.pa_mkjp, a.unmet), (4, 4, 3, 1, 1))
        self.assertEqual((a.mcpr, a.pct_mkjp, a.pct_unmet), (75.0, 33.3, 25.0))
        self.assertEqual((b.families, b.pus, b.pa, b.pa_mkjp, b.unmet), (3, 2, 1, 0, 0))
        self.assertEqual((b.mcpr, b.pct_mkjp, b.pct_unmet), (50.0, 0.0, 0.0))
        self.assertEqual(len(rows), kecamatan.children.count())
        self.assertEqual((table.total.pus, table.total.pa, table.total.mcpr), (6, 4, 66.7))

    def test_a_desa_without_pus_has_no_rates(self):
        _, rows = self.figures(self.admin, self.desa_a.parent)
        empty = [
            row for code, row in rows.items() if code not in (self.desa_a.code, self.desa_b.code)
        ]
        self.assertTrue(empty)
        self.assertTrue(all(row.pus == 0 and row.mcpr is None for row in empty))

    def test_pimpinan_gets_the_same_figures_without_personal_data(self):
        self.assertFalse(Member.objects.visible_to(self.pimpinan).exists())
        kecamatan = self.desa_a.parent
        _, theirs = self.figures(self.pimpinan, kecamatan)
        _, ours = self.figures(self.admin, kecamatan)
        self.assertEqual(theirs, ours)

    def test_the_figures_stay_inside_the_users_scope(self):
        _, rows = self.figures(self.ppkbd_c, self.desa_a.parent)
        self.assertEqual(sum(row.pus for row in rows.values()), 0)
        _, rows = self.figures(self.admin, self.kabupaten)
        self.assertEqual(rows[KECAMATAN_A].pus, 6)
        self.assertEqual(rows[self.desa_c.parent_id].pa_mkjp, 1)

    def test_families_on_the_desa_itself_are_counted_apart_from_the_dusun(self):
        table, rows = self.figures(self.ppkbd_a, self.desa_a)
        a1 = rows[self.dusun_a1.code]
        self.assertEqual((a1.families, a1.pus, a1.pa, a1.unmet), (3, 3, 2, 1))
        self.assertEqual((table.unplaced.families, table.unplaced.pa), (1, 1))
        self.assertEqual(table.total.pus, 4)

    def test_the_figures_take_a_fixed_number_of_queries(self):
        kecamatan = self.desa_a.parent
        child_figures(self.admin, kecamatan, JUNE)  # the month's first figures store it
        with self.assertNumQueries(4):  # stored month?, children, statuses, families
            child_figures(self.admin, kecamatan, JUNE)
        with self.assertNumQueries(4):
            child_figures(self.admin, self.kabupaten, JUNE)

    def test_percentages_have_one_decimal_and_none_without_a_denominator(self):
        self.assertEqual(Figures("x", "", pus=3, pa=2).mcpr, 66.7)
        self.assertEqual(Figures("x", "", pus=2000, pa=1181).mcpr, 59.1)  # 59.05: half up
        self.assertIsNone(Figures("x", "").mcpr)


class AggregatableTests(MapWorld):
    def test_aggregates_need_the_aggregates_permission_and_a_scope(self):
        families = Family.objects.all()
        self.assertEqual(families.aggregatable_by(self.pimpinan).count(), 9)
        self.assertEqual(families.aggregatable_by(self.ppkbd_a).count(), 5)
        self.assertEqual(families.aggregatable_by(self.ppkbd_c).count(), 1)
        self.assertFalse(families.aggregatable_by(self.mitra_a).exists())
        self.pimpinan.is_active = False
        self.assertFalse(families.aggregatable_by(self.pimpinan).exists())
