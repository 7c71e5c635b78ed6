"""A register page of stored months runs queries compiled once per user, region, months and
status filter (``register.page_queries``, ``page_of_women``): they answer any page as the
ORM does, keep the user's scope, and read the database afresh each time."""

import datetime as dt
from unittest import mock

from django.urls import reverse

from impsmart import compiled
from impsmart.dates import month_end
from impsmart.families import pus_months
from impsmart.families.models import Member
from impsmart.families.register import (
    DETAIL_FIELDS,
    counted_in_order,
    page_of_women,
    page_queries,
    stored_frame,
    stored_women,
)
from tests.families.test_register import YEAR, RegisterWorld
from tests.families.world import make_couple


class CompiledRegisterPageTests(RegisterWorld):
    def test_the_shown_rows_queries_answer_any_page_as_the_orm(self):
        code = self.desa_a.code
        months = stored_frame(YEAR).begun
        queries = compiled.queries(page_queries, self.ppkbd_a, code, months, ())
        members = Member.objects.visible_to(self.ppkbd_a).within(code)
        days = {m.isoformat(): month_end(m.year, m.month) for m in months}
        pages = [[self.wife_a.pk, self.wife_2.pk], [self.wife_3.pk], [self.wife_4.pk]]
        for ids in [*pages, [self.wife_c.pk]]:  # desa C's wife: out of the user's scope
            with self.subTest(ids=ids):
                shown = members.filter(pk__in=ids)
                details = shown.values_list(*DETAIL_FIELDS)
                self.assertCountEqual(queries["details"].rows(ids=ids), details)
                statuses = pus_months.statuses_by_month(queries["statuses"].rows(ids=ids), days)
                expected = pus_months.stored_statuses(shown, days)
                self.assertEqual(
                    *({d: sorted(s) for d, s in f.items()} for f in (statuses, expected))
                )
                families = list(shown.values_list("family_id", flat=True))
                # Family 2's two children at home at the end of December (one died in June).
                kids = [(self.family_2.pk, 2, dt.date(2023, 2, 1))] if self.wife_2.pk in ids else []
                self.assertEqual(queries["children"].rows(ids=families), kids)
        self.assertEqual(queries["details"].rows(ids=[self.wife_c.pk]), [])
        found = queries["statuses"].rows(ids=pages[0])
        self.assertEqual(len(found), 2 * 12)  # both wives, every month of 2025

    def test_each_page_is_a_slice_of_the_orm_order(self):
        code = self.desa_a.code
        months = stored_frame(YEAR).begun
        women = stored_women(Member.objects.visible_to(self.ppkbd_a).within(code), months)
        count, ordered = counted_in_order(women, code, months)
        self.assertEqual(count, 4)
        for start in range(count):
            key = (self.ppkbd_a, code, months, (), False, start, start + 2)
            rows = compiled.queries(page_of_women, *key)["rows"].rows()
            self.assertEqual(rows, list(ordered.values_list(*DETAIL_FIELDS)[start : start + 2]))

    def test_a_page_again_compiles_nothing_and_reads_the_database_afresh(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("register:page", args=[self.desa_a.code]) + f"?tahun={YEAR}"
        before = self.client.get(url).context["page"].paginator.count
        _, wife, _ = make_couple(self.ppkbd_a, self.dusun_a2.code, dt.date(1991, 1, 1))
        with mock.patch.object(compiled.Compiled, "of") as compile_again:
            response = self.client.get(url)
        compile_again.assert_not_called()
        self.assertEqual(response.context["page"].paginator.count, before + 1)
        self.assertContains(response, wife.nik)
