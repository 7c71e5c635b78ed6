"""The leaders' home: REKAP_PUS's figures for the month, a 12-point year each, who needs help."""

import datetime as dt
import gzip
import re
from unittest import mock

from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impsmart.dashboard import leaders
from impsmart.dates import month_end
from impsmart.families import contraception
from impsmart.families.models import ContraceptiveEpisode
from impsmart.regions.models import Region
from impsmart.reports import engine
from tests.base import KECAMATAN_A, KECAMATAN_C
from tests.dashboard import JUNE, MapWorld

DECEMBER = dt.date(2025, 12, 31)
BEFORE_THE_REGISTER = dt.date(2024, 6, 30)  # its year begins before the first registration


def rekap(region_code: str, day: dt.date) -> dict:
    report = engine.compute("REKAP_PUS", region_code, day)
    return {row["code"]: row["value"] for row in report["rows"]}


class LeadersHomeTests(MapWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A drop-out and new acceptors in later months, so that the year is not flat.
        iud = cls.family_iud.members.get(relation="istri")
        contraception.stop_method(
            actor=cls.ppkbd_a, member=iud, end_date=dt.date(2025, 7, 20), reason="efek_samping"
        )

    def test_the_months_figures_and_every_point_of_the_year_are_rekap_pus(self):
        for day in (BEFORE_THE_REGISTER, JUNE, DECEMBER):
            overview = leaders.overview(self.kabupaten, day)
            figures = {f.key.code: f for f in overview["figures"]}
            self.assertEqual(
                {code: f.value for code, f in figures.items()},
                {code: rekap(self.kabupaten.code, day)[code] for code in figures},
            )
            for month, index in zip(overview["months"], range(12), strict=True):
                expected = rekap(self.kabupaten.code, month_end(month.year, month.month))
                for code, figure in figures.items():
                    self.assertEqual(figure.trend[index], expected[code], (code, month))
        drop_outs = figures["drop_out"].trend
        self.assertEqual(drop_outs[overview["months"].index(dt.date(2025, 10, 1))], 1)

    def test_each_figure_draws_twelve_points_on_the_home_page(self):
        self.client.force_login(self.pimpinan)
        with self.settings(IMPSMART_TODAY="2026-01-05"):  # latest complete month: Dec 2025
            response = self.client.get(reverse("dashboard:home"))
        self.assertContains(response, 'id="angka-kunci"')
        lines = re.findall(r'<polyline points="([^"]*)"', response.content.decode())
        self.assertEqual(len(lines), len(leaders.KEYS))
        self.assertTrue(all(len(points.split()) == 12 for points in lines), lines)
        self.assertLess(len(gzip.compress(response.content)), 100 * 1024)

    def test_a_month_without_a_denominator_leaves_a_gap_in_the_line(self):
        line = leaders.Sparkline([None, 50.0, 60.0, 55.0])
        self.assertEqual(len(line.points()), 3)
        self.assertEqual(line.points()[0][0], 40.0)  # the second of four places on 120 px
        self.assertEqual(len(leaders.Sparkline(list(range(12))).points()), 12)

    def test_the_kecamatan_needing_attention_come_worst_first(self):
        overview = leaders.overview(self.kabupaten, JUNE)
        lists = {str(a.title): a.regions for a in overview["attention"]}
        # Kecamatan A: 4 of 6 PUS use a method (66.7 %), C: 1 of 1 (100 %).
        mcpr = [(r.code, v) for r, v in lists["mCPR terendah"]]
        self.assertEqual(mcpr, [(KECAMATAN_A, 66.7), (KECAMATAN_C, 100.0)])
        unmet = [(r.code, v) for r, v in lists["Unmet need tertinggi"]]
        self.assertEqual(unmet, [(KECAMATAN_A, 16.7), (KECAMATAN_C, 0.0)])
        reports = lists["Laporan desa paling sedikit masuk"]  # none sent: by name
        self.assertEqual([v for _r, v in reports], [0.0] * len(reports))
        names = [r.name for r, _v in reports]
        self.assertEqual(names, sorted(names))

    def test_attention_ranks_worst_first_and_leaves_out_what_has_no_value(self):
        a, b, c = (Region(code=f"73.06.0{i}", name=n) for i, n in enumerate("ABC", 1))
        figures = [
            (a, {"mcpr": 50.0, "pct_unmet": 10.0}),
            (b, {"mcpr": None, "pct_unmet": None}),
            (c, {"mcpr": 40.0, "pct_unmet": 12.5}),
        ]
        lists = leaders.attention(figures, {a.code: 100.0, c.code: 50.0, b.code: 75.0})
        self.assertEqual(
            [[r.name for r, _v in x.regions] for x in lists],
            [["C", "A"], ["C", "A"], ["C", "B", "A"]],
        )

    def test_only_the_admin_and_pimpinan_see_the_block(self):
        home = reverse("dashboard:home")
        for user in (self.admin, self.pimpinan):
            self.client.force_login(user)
            self.assertContains(self.client.get(home), 'id="angka-kunci"')
        for user in (self.koordinator_a, self.ppkbd_a, self.mitra_a):
            self.client.force_login(user)
            self.assertNotContains(self.client.get(home), 'id="angka-kunci"')

    def test_the_block_is_kept_until_the_next_write_which_shows_on_the_next_load(self):
        """Issue 15: every figure reflects the registers as of the last write (issue 17 keeps
        the computed block between writes)."""
        self.client.force_login(self.pimpinan)
        home = reverse("dashboard:home")

        def block() -> str:
            html = self.client.get(home).content.decode()
            return re.search(r'<section class="card" id="angka-kunci">.*?</section>', html, re.S)[0]

        with self.settings(IMPSMART_TODAY="2026-01-05"):
            before = block()
            with mock.patch.object(leaders, "overview", wraps=leaders.overview) as computed:
                self.assertEqual(block(), before)
                self.assertEqual(computed.call_count, 0)  # kept: no write since
                pil = ContraceptiveEpisode.objects.get(method="PIL", end_date__isnull=True)
                contraception.stop_method(
                    actor=self.ppkbd_a, member=pil.member, end_date=DECEMBER, reason="efek_samping"
                )
                after = block()
                self.assertEqual(computed.call_count, 1)
            fresh = render_to_string("dashboard/_leaders.html", leaders.home_block(self.pimpinan))
        self.assertNotEqual(after, before)  # fewer users of a method: mCPR and drop-outs moved
        self.assertIn(after, fresh)

    def test_a_kept_block_is_kept_per_user(self):
        home = reverse("dashboard:home")
        clients = {user: Client() for user in (self.pimpinan, self.admin)}
        for user, client in clients.items():
            client.force_login(user)  # a sign-in is a write (last login): before, not between
        with mock.patch.object(leaders, "overview", wraps=leaders.overview) as computed:
            for user in (self.pimpinan, self.admin, self.pimpinan):
                self.assertContains(clients[user].get(home), 'id="angka-kunci"')
        self.assertEqual(computed.call_count, 2)  # the admin's own, then the pimpinan's kept

    def test_sqlite_sums_the_tally_from_its_counted_index_alone(self):
        """``pus_tally_counted`` (families 0018) holds the tally's keys with the count: SQLite
        sums a kabupaten's months without reading the table; PostgreSQL has no such index."""
        months = leaders.months_ending(JUNE)
        leaders.status_counts(self.kabupaten.code, months)  # stores the months
        with CaptureQueriesContext(connection) as queries:
            leaders.status_counts(self.kabupaten.code, months)
        summed = [q["sql"] for q in queries if 'FROM "families_pustally"' in q["sql"]]
        self.assertEqual(len(summed), 1)
        with connection.cursor() as cursor:
            if connection.vendor != "sqlite":
                cursor.execute(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'families_pustally'"
                )
                self.assertNotIn("pus_tally_counted", {name for (name,) in cursor.fetchall()})
                return
            cursor.execute("EXPLAIN QUERY PLAN " + summed[0])
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        self.assertIn("USING COVERING INDEX pus_tally_counted", plan)

    def test_the_year_costs_the_same_queries_as_one_month_more(self):
        leaders.overview(self.kabupaten, JUNE)  # stores the months
        with self.assertNumQueries(NUMBER_OF_QUERIES):
            leaders.overview(self.kabupaten, JUNE)


# The region; compute_tree's six; the stored months, their statuses, the year's acceptors;
# the children; the desa, their reports and calendar: none grows with the kecamatan or months.
NUMBER_OF_QUERIES = 14
