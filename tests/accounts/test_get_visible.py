"""``get_visible``: a record by its id from a plain scoped queryset is read by a query
compiled once per user; it answers as ``get_object_or_404(visible_to(user))`` does."""

from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404

from impsmart.accounts import scope
from impsmart.accounts.scope import get_visible
from impsmart.families.models import Family, Member
from tests.families.world import FamilyWorld


def _fields(record: Model) -> dict:
    return {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}


class GetVisibleTests(FamilyWorld):
    def _orm(self, queryset, user, pk):
        try:
            return get_object_or_404(queryset.visible_to(user), pk=pk)
        except Http404:
            return None

    def _compiled(self, queryset, user, pk):
        try:
            return get_visible(queryset, user, pk=pk)
        except Http404:
            return None

    def test_each_user_gets_what_the_orm_gives(self):
        users = [self.admin, self.pimpinan, self.mitra_a, self.pkb, self.ppkbd_a]
        users += [self.sub_ppkbd_a, self.ppkbd_c, None]
        records = [self.family_a, self.family_c, self.wife_a, self.wife_c]
        for user in users:
            for record in records:
                queryset = type(record).objects.all()
                with self.subTest(user=getattr(user, "username", None), record=record.pk):
                    self.assertIsNotNone(scope._plain_relation(queryset, {"pk": record.pk}))
                    expected = self._orm(queryset, user, record.pk)
                    found = self._compiled(queryset, user, record.pk)
                    self.assertEqual(found is None, expected is None)
                    if expected is not None:
                        self.assertEqual(_fields(found), _fields(expected))
                        self.assertFalse(found._state.adding)

    def test_a_related_record_comes_with_it_as_select_related_gives_it(self):
        queryset = Member.objects.select_related("family")
        self.assertEqual(scope._plain_relation(queryset, {"pk": self.wife_a.pk}), "family")
        found = get_visible(queryset, self.ppkbd_a, pk=self.wife_a.pk)
        with self.assertNumQueries(0):
            self.assertEqual(_fields(found.family), _fields(self.family_a))
        with self.assertRaises(Http404):
            get_visible(queryset, self.ppkbd_c, pk=self.wife_a.pk)

    def test_other_querysets_and_lookups_take_the_orm(self):
        pk = self.family_a.pk
        for queryset, lookup in [
            (Family.objects.filter(kk_number="x"), {"pk": pk}),
            (Family.objects.all(), {"pk": str(pk)}),
            (Family.objects.all(), {"pk": 2**70}),
            (Family.objects.all(), {"kk_number": self.family_a.kk_number}),
            (Member.objects.select_related("family__parent_region"), {"pk": pk}),
        ]:
            with self.subTest(lookup=lookup):
                self.assertIsNone(scope._plain_relation(queryset, lookup))
        with self.assertRaises(Http404):
            get_visible(Family.objects.filter(kk_number="x"), self.admin, pk=pk)
        with self.assertRaises(Http404):
            get_visible(Family.objects.all(), self.admin, pk=2**70)
        self.assertEqual(get_visible(Family.objects.all(), self.admin, pk=str(pk)), self.family_a)

    def test_a_manager_or_a_model_is_read_as_its_queryset(self):
        for given in (Family, Family.objects):
            with self.subTest(given=given):
                found = get_visible(given, self.ppkbd_a, pk=self.family_a.pk)
                self.assertEqual(_fields(found), _fields(self.family_a))
