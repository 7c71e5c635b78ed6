"""The Register PUS page and its downloads: monthly cells, footer balance, scope."""

import csv
import datetime as dt
import io
from unittest import mock

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impsmart import compiled
from impsmart.accounts.scope import code_within, scope_filter
from impsmart.families import actions, contraception, pus_months
from impsmart.families.ks import INDICATORS
from impsmart.families.models import Member, PusMonth, PusMonthBuilt
from impsmart.families.register import (
    FOOTER_ROWS,
    METHODS,
    SORT_FIELDS,
    add_details,
    bare_rows,
    build_register,
    counted_in_order,
    page_queries,
    stored_frame,
    stored_women,
    with_footer,
)
from impsmart.regions import actions as region_actions
from impsmart.regions.models import Level, Region
from tests.families.world import FamilyWorld, make_couple

YEAR = 2025
D = dt.date


class RegisterWorld(FamilyWorld):
    """Desa A in 2025, built through the product's actions.

    - wife_a (dusun A1): nothing known until SUNTIK3 (pemerintah) from 10 March;
    - couple 2 (dusun A2, JKN, KS I): IUD (swasta) since 2024, two children at home, one died;
    - couple 3 (desa A itself): pregnant from January, gave birth in April, then IAT;
    - couple 4 (dusun A1): IAS, and 50 on 1 August, so a PUS only January–July.
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actor = cls.ppkbd_a
        contraception.start_method(
            actor=actor,
            member=cls.wife_a,
            method="SUNTIK3",
            start_date=D(2025, 3, 10),
            jalur="pemerintah",
        )
        cls.family_2, cls.wife_2, _ = make_couple(actor, cls.dusun_a2.code, D(1990, 2, 2))
        ks1 = {code: code.startswith("ks1_") for code, _, _ in INDICATORS}
        actions.update_family(actor=actor, family=cls.family_2, jkn=True, ks_answers=ks1)
        contraception.start_method(
            actor=actor, member=cls.wife_2, method="IUD", start_date=D(2024, 1, 1), jalur="swasta"
        )
        for birth in [D(2020, 6, 1), D(2023, 2, 1), D(2018, 1, 1)]:
            child = actions.add_member(
                actor=actor,
                family=cls.family_2,
                name=f"Anak {birth}",
                sex="L",
                birth_date=birth,
                relation="anak",
                marital_status="belum_kawin",
            )
        actions.record_exit(actor=actor, member=child, left_on=D(2025, 6, 1), reason="meninggal")
        cls.family_3, cls.wife_3, _ = make_couple(actor, cls.desa_a.code, D(1988, 4, 4))
        pregnancy = contraception.record_pregnancy(
            actor=actor, member=cls.wife_3, start_date=D(2024, 9, 15)
        )
        contraception.record_outcome(
            actor=actor, pregnancy=pregnancy, outcome_date=D(2025, 4, 20), outcome="lahir_hidup"
        )
        contraception.record_intention(
            actor=actor, member=cls.wife_3, intention="IAT", recorded_on=D(2025, 5, 2)
        )
        cls.family_4, cls.wife_4, _ = make_couple(actor, cls.dusun_a1.code, D(1975, 8, 1))
        contraception.record_intention(
            actor=actor, member=cls.wife_4, intention="IAS", recorded_on=D(2024, 12, 1)
        )

    def register_of(self, user, code=None, year=YEAR):
        members = Member.objects.visible_to(user).within(code or self.desa_a.code)
        return build_register(members, year)

    def row_of(self, register, wife):
        return next(r for r in register.rows if r.wife_nik == wife.nik)


class RegisterTests(RegisterWorld):
    def test_each_month_shows_that_months_status(self):
        register = self.register_of(self.ppkbd_a)
        self.assertEqual(len(register.rows), 4)
        self.assertEqual(self.row_of(register, self.wife_a).cells, ["?", "?"] + ["SUNTIK3"] * 10)
        self.assertEqual(self.row_of(register, self.wife_2).cells, ["IUD"] * 12)
        self.assertEqual(self.row_of(register, self.wife_3).cells, ["H"] * 3 + ["?"] + ["IAT"] * 8)
        self.assertEqual(self.row_of(register, self.wife_4).cells, ["IAS"] * 7 + [""] * 5)

    def test_rows_carry_the_family_details(self):
        row = self.row_of(self.register_of(self.ppkbd_a), self.wife_2)
        self.assertEqual((row.children, row.youngest_child_age), (2, 2))
        self.assertEqual((row.wife_age, row.ks_stage, row.jkn), (35, "ks1", True))
        self.assertEqual(row.region_code, self.dusun_a2.code)
        self.assertEqual(row.jalur, ["swasta"] * 12)
        older = self.row_of(self.register_of(self.ppkbd_a), self.wife_4)
        self.assertEqual(older.wife_age, 49)  # her age in July, her last month as a PUS

    def test_the_footer_balances_every_month(self):
        register = self.register_of(self.ppkbd_a)
        for month, figures in zip(register.months, register.footer, strict=True):
            others = sum(figures[k] for k in ["hamil", "ias", "iat", "tial", "status_unknown"])
            self.assertEqual(figures["pus"], figures["pa_total"] + others, month)
            pa = sum(figures[f"pa_{m.lower()}"] for m in METHODS)
            self.assertEqual(pa, figures["pa_total"], month)
        jan, aug = register.footer[0], register.footer[7]
        self.assertEqual((jan["pus"], jan["pa_iud"], jan["hamil"], jan["ias"]), (4, 1, 1, 1))
        self.assertEqual(jan["status_unknown"], 1)
        self.assertEqual(register.footer[3]["status_unknown"], 1)  # wife 3: born, no IAT yet
        self.assertEqual((aug["pus"], aug["pa_suntik3"], aug["iat"], aug["ias"]), (3, 1, 1, 0))
        self.assertEqual((aug["pa_pemerintah"], aug["pa_swasta"]), (1, 1))

    def test_the_whole_year_costs_a_fixed_number_of_queries(self):
        members = Member.objects.visible_to(self.ppkbd_a).within(self.desa_a.code)
        build_register(members, YEAR)  # the first look at a month stores it
        self.assertEqual(PusMonthBuilt.objects.count(), 12)
        # which months are stored, their statuses (one query for all), wives, children
        with self.assertNumQueries(4):
            build_register(members, YEAR)

    def test_stored_and_derived_months_give_the_same_register(self):
        members = Member.objects.visible_to(self.ppkbd_a).within(self.desa_a.code)
        stored = build_register(members, YEAR)
        PusMonth.objects.all().delete()
        PusMonthBuilt.objects.all().delete()
        with mock.patch("impsmart.families.pus_months.stored", return_value=False):
            derived = build_register(members, YEAR)  # every month from the histories
        self.assertFalse(PusMonthBuilt.objects.exists())
        self.assertEqual(derived.rows, stored.rows)
        self.assertEqual(derived.footer, stored.footer)

    def test_within_with_its_index_range_picks_the_same_members_as_the_prefix(self):
        everyone = Member.objects.all()
        for code in [
            self.kabupaten.code,
            self.desa_a.parent_id,
            self.desa_a.code,
            self.dusun_a1.code,
        ]:
            prefix = everyone.filter(scope_filter("family__region_code", [code]))
            expected = set(prefix.values_list("pk", flat=True))
            self.assertEqual(set(everyone.within(code).values_list("pk", flat=True)), expected)
        self.assertEqual(everyone.within(self.dusun_a2.code).count(), 5)  # couple 2, 3 children

    def test_within_keeps_out_codes_that_only_share_the_prefix(self):
        # Codes that sort inside the index range (before "/") or after it: none is inside.
        desa = self.desa_a.code
        for code in [f"{desa}-1", f"{desa} 1", f"{desa}0", f"{desa}/1", f"{desa}.01"]:
            if not Region.objects.filter(code=code).exists():
                Region.objects.create(code=code, name=code, level=Level.DUSUN, parent=self.desa_a)
            make_couple(self.admin, code, D(1990, 1, 1))
        pus_months.stored(D(2025, 6, 30))
        for model, field in [(Member, "family__region_code"), (PusMonth, "region_code")]:
            everyone = model.objects.all()
            codes = {c for c in everyone.values_list(field, flat=True).distinct()}
            inside = {c for c in codes if code_within(c, desa)}
            self.assertIn(f"{desa}.01", inside)
            found = set(everyone.within(desa).values_list(field, flat=True).distinct())
            self.assertEqual(found, inside)

    def test_within_after_visible_to_filters_once_and_keeps_the_scope(self):
        visible = Member.objects.visible_to(self.ppkbd_a)
        both = visible.filter(scope_filter("family__region_code", [self.dusun_a1.code]))
        narrowed = visible.within(self.dusun_a1.code)
        self.assertEqual(set(narrowed), set(both))
        self.assertTrue(narrowed.exists())
        self.assertLess(len(str(narrowed.query)), len(str(both.query)))  # one region test
        # A region above her desa shows her desa only; another desa nothing.
        kecamatan = Member.objects.visible_to(self.ppkbd_a).within(self.desa_a.parent_id)
        self.assertEqual(set(kecamatan), set(visible))
        self.assertFalse(Member.objects.visible_to(self.ppkbd_a).within(self.desa_c.code))

    def test_several_scope_codes_see_each_region_whole(self):
        everyone = Member.objects.select_related("family")
        for user in [self.pkb, self.ppkbd_a, self.ppkbd_c]:
            expected = {
                m.pk
                for m in everyone
                if any(code_within(m.family.region_code, c) for c in user.scope_codes)
            }
            found = set(Member.objects.visible_to(user).values_list("pk", flat=True))
            self.assertEqual(found, expected)
            self.assertTrue(found)

    def test_rows_completed_later_equal_rows_built_whole(self):
        members = Member.objects.visible_to(self.ppkbd_a).within(self.desa_a.code)
        whole = build_register(members, YEAR)
        bare = build_register(members, YEAR, details=False)
        self.assertEqual(bare.footer, whole.footer)
        self.assertEqual([r.wife_name for r in bare.rows], [r.wife_name for r in whole.rows])
        self.assertNotEqual(bare.rows, whole.rows)  # no NIK, age, children yet
        add_details(bare, members)
        strip = [{**vars(row), "pk": 0, "last_day": None} for row in bare.rows]
        self.assertEqual(strip, [vars(row) for row in whole.rows])

    def test_a_page_of_stored_months_reads_grouped_counts_and_its_rows_cells(self):
        code = self.desa_a.code
        members = Member.objects.visible_to(self.ppkbd_a).within(code)
        for year in (YEAR, 2026):  # 2026: January to November begun
            whole = build_register(members, year)
            lazy = stored_frame(year)
            queries = compiled.queries(page_queries, self.ppkbd_a, code, lazy.begun, ())
            with_footer(lazy, queries["counts"].rows())
            self.assertEqual(lazy.footer, whole.footer)
            women = stored_women(members, lazy.begun)
            count, ordered = counted_in_order(women, code, lazy.begun)
            # Counted from the stored rows (PostgreSQL's way) or by walking the women alike.
            self.assertEqual(queries["counted"].rows(), [(count,)])
            self.assertEqual(count, len(whole.rows))
            lazy.rows = bare_rows(ordered.values(*SORT_FIELDS), len(lazy.months))
            add_details(lazy, members)
            strip = [{**vars(row), "pk": 0, "last_day": None} for row in lazy.rows]
            self.assertEqual(strip, [vars(row) for row in whole.rows])

    def test_months_that_have_not_begun_stay_blank(self):
        register = self.register_of(self.ppkbd_a, year=2026)
        row = self.row_of(register, self.wife_2)
        self.assertEqual(row.cells[:11], ["IUD"] * 11)
        self.assertEqual(row.cells[11], "")
        self.assertIsNone(register.footer[11])

    def test_a_sub_ppkbd_sees_only_her_dusun(self):
        register = self.register_of(self.sub_ppkbd_a, self.dusun_a1.code)
        self.assertEqual({r.wife_nik for r in register.rows}, {self.wife_a.nik, self.wife_4.nik})


class RegisterPageTests(RegisterWorld):
    def url(self, name="page", code=None):
        return reverse(f"register:{name}", args=[code or self.desa_a.code]) + f"?tahun={YEAR}"

    def test_only_users_with_personal_data_in_scope_see_the_register(self):
        for name in ["page", "xlsx", "pdf", "csv"]:
            url = self.url(name)
            self.assertNotVisible(url, [None, self.ppkbd_c, self.pimpinan, self.mitra_a])
            self.assertNotVisible(url, [self.sub_ppkbd_a])
            self.assertVisible(url, [self.ppkbd_a, self.pkb, self.koordinator_a, self.admin])
            self.assertVisible(self.url(name, self.dusun_a1.code), [self.sub_ppkbd_a])

    def test_the_page_shows_the_cells_footer_and_signatures(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(self.url())
        self.assertContains(response, "SUNTIK3")
        self.assertContains(response, self.wife_2.nik)
        self.assertContains(response, "Ketua Kelompok KB")
        self.assertContains(response, "Sub-PPKBD/PPKBD")
        self.assertContains(response, 'class="table-wrap"')
        self.assertNotContains(response, self.wife_c.nik)
        footer = {code: figures for code, _, figures in response.context["footer"]}
        self.assertEqual(footer["pus"], [4] * 7 + [3] * 5)

    def test_each_row_escapes_what_was_typed(self):
        # The rows are built in Python (views_register._row_html), not by the template.
        Member.objects.filter(pk=self.wife_2.pk).update(name="Siti <b>&'\"")  # audit-ok: test
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(self.url())
        self.assertContains(response, "Siti &lt;b&gt;&amp;&#x27;&quot;")
        self.assertNotContains(response, "Siti <b>")
        self.assertContains(response, '<td class="month">IUD</td>')

    def test_htmx_gets_the_table_alone(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(self.url(), headers={"HX-Request": "true"})
        self.assertContains(response, 'id="register"')
        self.assertNotContains(response, "<html")

    def test_a_kecamatan_is_downloadable_but_has_no_page(self):
        kecamatan = self.desa_a.parent_id
        self.client.force_login(self.koordinator_a)
        self.assertEqual(self.client.get(self.url("page", kecamatan)).status_code, 404)
        self.assertEqual(self.client.get(self.url("csv", kecamatan)).status_code, 200)

    def test_the_xlsx_has_the_same_figures_as_the_page(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(self.url()).context["footer"]
        response = self.client.get(self.url("xlsx"))
        self.assertIn("attachment", response["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        heading = " ".join(str(cell) for row in rows[1:5] for cell in row if cell)
        self.assertIn(self.desa_a.name, heading)
        self.assertIn(str(YEAR), heading)
        labels = [str(label) for _, label in FOOTER_ROWS]
        footer = [r for r in rows if r[1] in labels]
        self.assertEqual(len(footer), len(FOOTER_ROWS))
        self.assertEqual([list(r[11:23]) for r in footer], [f for _, _, f in page])
        wife_a = next(r for r in rows if r[4] == self.wife_a.nik)
        self.assertEqual(list(wife_a[11:]), ["?", "?"] + ["SUNTIK3"] * 10)
        texts = {c for r in rows for c in r if isinstance(c, str)}
        self.assertTrue({"Ketua Kelompok KB", "Sub-PPKBD/PPKBD"} <= texts)

    def test_the_csv_has_one_column_per_month(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(self.url("csv"))
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        self.assertEqual(rows[0][:3], ["region_code", "family_no", "wife_name"])
        self.assertEqual(rows[0][-12:], [f"{YEAR}-{m:02d}" for m in range(1, 13)])
        self.assertEqual(len(rows), 5)
        wife_4 = next(r for r in rows if r[3] == self.wife_4.nik)
        self.assertEqual(wife_4[-12:], ["IAS"] * 7 + [""] * 5)

    def test_the_region_page_links_to_the_register_for_those_who_may_see_it(self):
        link = reverse("register:page", args=[self.desa_a.code])
        region_page = reverse("regions:detail", args=[self.desa_a.code])
        self.client.force_login(self.ppkbd_a)
        self.assertContains(self.client.get(region_page), link)
        self.client.force_login(self.pimpinan)
        self.assertNotContains(self.client.get(region_page), link)
        self.client.force_login(self.koordinator_a)
        kecamatan_page = reverse("regions:detail", args=[self.desa_a.parent_id])
        self.assertNotContains(self.client.get(kecamatan_page), "/register/")


class StoredPageTests(RegisterWorld):
    """The page of stored months (filtered, ordered and paged in SQL) shows exactly what the
    page built in Python shows (``views_register._live_page``, still used for months derived
    live), with a family below a dusun (an RW) that sorts apart from its raw code."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        rw = region_actions.add_local_region(actor=cls.admin, parent=cls.dusun_a1, name="RW 1")
        cls.family_rw, cls.wife_rw, _ = make_couple(cls.ppkbd_a, rw.code, D(1992, 1, 1))
        # A family of the dusun itself with a higher KK number: sorted by the raw code it
        # would come before the RW's family, by dusun after it.
        cls.family_5, cls.wife_5, _ = make_couple(cls.ppkbd_a, cls.dusun_a1.code, D(1993, 1, 1))
        contraception.start_method(
            actor=cls.ppkbd_a,
            member=cls.wife_5,
            method="PIL",
            start_date=D(2025, 2, 1),
            jalur="swasta",
        )

    def table(self, user, code, query):
        self.client.force_login(user)
        url = reverse("register:page", args=[code]) + query
        response = self.client.get(url, headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_stored_pages_equal_pages_built_in_python(self):
        cases = [(self.ppkbd_a, self.desa_a.code), (self.sub_ppkbd_a, self.dusun_a1.code)]
        queries = ["", "&page=2", "&page=9", "&status=PA", "&status=IAS", "&status=H"]
        queries += ["&q=istri", "&q=SUAMI&page=2", f"&q={self.wife_2.nik[:8]}", "&status=PA&q=i"]
        frames = []

        def stored(*args, **kwargs):
            frames.append(stored_frame(*args, **kwargs))
            return frames[-1]

        target = "impsmart.families.views_register.stored_frame"
        with mock.patch("impsmart.families.views_register.PAGE_SIZE", 2):
            for user, code in cases:
                for query in queries:
                    for year in (YEAR, 2026):
                        params = f"?tahun={year}{query}"
                        with self.subTest(code=code, params=params):
                            with mock.patch(target, side_effect=stored):
                                fast = self.table(user, code, params)
                            self.assertIsNotNone(frames[-1])  # the stored path ran
                            with mock.patch(target, return_value=None):
                                self.assertEqual(fast, self.table(user, code, params))

    def test_a_dusun_sorts_its_rw_families_by_number_among_its_own(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("register:page", args=[self.desa_a.code]) + f"?tahun={YEAR}"
        content = self.client.get(url).content.decode()
        order = [content.index(w.nik) for w in (self.wife_a, self.wife_4, self.wife_rw)]
        self.assertEqual(order, sorted(order))
        self.assertLess(content.index(self.wife_rw.nik), content.index(self.wife_5.nik))

    def test_a_stored_page_costs_the_same_queries_however_many_pus(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("register:page", args=[self.desa_a.code]) + f"?tahun={YEAR}"
        self.client.get(url)  # the first look stores the months
        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        for _ in range(3):
            make_couple(self.ppkbd_a, self.dusun_a2.code, D(1991, 1, 1))
        with CaptureQueriesContext(connection) as after:
            response = self.client.get(url)
        self.assertEqual(response.context["page"].paginator.count, 9)
        self.assertEqual(len(after), len(before))
