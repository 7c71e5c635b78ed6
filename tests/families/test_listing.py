"""``families.listing``: a page of the family list from compiled queries equals the ORM's
page of the same families, keeps the scope, and reads every look afresh."""

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Count, Q

from impsmart import compiled
from impsmart.families import actions, listing
from impsmart.families.models import Family
from tests.families.world import FamilyWorld


def orm_page(user, code: str, ks: str, number: int) -> tuple[int, list[tuple]]:
    """(count, rows) of the page as the ORM gives them, head and count by their definition."""
    families = listing.in_scope(user, code, ks).order_by(*listing.list_order())
    page = Paginator(families, listing.PAGE_SIZE).get_page(number)
    rows = []
    for family in page.object_list.annotate(
        n=Count("members", filter=Q(members__left_on__isnull=True))
    ):
        heads = family.members.filter(relation="kepala", left_on__isnull=True)
        head = heads.order_by("birth_date").first()
        rows.append((family.pk, family.kk_number, head and head.name, family.n))
    return page.paginator.count, rows


def listed(page) -> tuple[int, list[tuple]]:
    shown = [(f.pk, f.kk_number, f.head_name, f.n_members) for f in page.object_list]
    return page.paginator.count, shown


class FamilyListingTests(FamilyWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for n in range(listing.PAGE_SIZE + 3):
            family = actions.create_family(
                actor=cls.ppkbd_a,
                region_code=(cls.dusun_a1 if n % 2 else cls.dusun_a2).code,
                kk_number=f"73060601029{n:05d}",
                registered_on=dt.date(2025, 1, 1),
            )
            if n % 3:
                Family.objects.filter(pk=family.pk).update(ks_stage="ks1")

    def test_every_page_equals_the_orms(self):
        for user, code, ks in [
            (self.ppkbd_a, "", ""),
            (self.ppkbd_a, self.dusun_a1.code, ""),
            (self.ppkbd_a, "", "ks1"),
            (self.sub_ppkbd_a, "", ""),
            (self.admin, "", ""),
            (self.ppkbd_c, "", ""),
        ]:
            for number in (1, 2, 3, 99):
                with self.subTest(user=user.username, code=code, ks=ks, page=number):
                    page = listing.page(user, code, ks, number, None)
                    self.assertEqual(listed(page), orm_page(user, code, ks, number))

    def test_the_scope_is_kept(self):
        theirs = {self.family_c.pk}
        for number in (1, 2):
            mine = listing.page(self.ppkbd_a, "", "", number, None).object_list
            self.assertFalse(theirs & {f.pk for f in mine})
        self.assertEqual(listing.page(self.mitra_a, "", "", 1, None).paginator.count, 0)

    def test_another_page_compiles_nothing_new_and_a_write_is_read_at_once(self):
        compiled.clear()
        listing.page(self.ppkbd_a, "", "", 1, None)
        keys = len(compiled._cache)
        listing.page(self.ppkbd_a, "", "", 1, None)
        self.assertEqual(len(compiled._cache), keys)
        before = listing.page(self.ppkbd_a, "", "", 1, None)
        first = Family.objects.get(pk=before.object_list[0].pk)
        actions.update_family(actor=self.ppkbd_a, family=first, address="Jl. Baru 1")
        after = listing.page(self.ppkbd_a, "", "", 1, None)
        self.assertEqual(after.object_list[0].address, "Jl. Baru 1")
        self.assertEqual(after.paginator.count, before.paginator.count)
