"""``regions.lookup.frame``: a region with its parent, ancestors and children from compiled
queries, as ``get_visible``, ``Region.ancestors`` and the children's manager give them."""

from django.http import Http404

from impsmart.accounts.scope import get_visible
from impsmart.regions import lookup
from impsmart.regions.models import Region
from tests.base import World


def values(region):
    return region and [getattr(region, f.attname) for f in Region._meta.concrete_fields]


class RegionFrameTests(World):
    def test_the_frame_equals_the_orms_answers(self):
        for user, code in [
            (self.ppkbd_a, self.desa_a.code),
            (self.sub_ppkbd_a, self.dusun_a1.code),
            (self.admin, "73.06"),
            (self.pkb, self.desa_b.code),
        ]:
            with self.subTest(user=user, code=code):
                found = lookup.frame(user, code)
                region = get_visible(Region.objects.select_related("parent"), user, code=code)
                self.assertEqual(values(found.region), values(region))
                self.assertEqual(values(found.region.parent), values(region.parent))
                self.assertEqual(str(found.region), str(region))
                self.assertEqual(found.ancestors, region.ancestors())
                children = list(region.children.visible_to(user).order_by("code"))
                self.assertEqual([values(c) for c in found.children], [values(c) for c in children])
                self.assertEqual([str(c) for c in found.children], [str(c) for c in children])
        self.assertEqual(
            [c.code for c in lookup.frame(self.ppkbd_a, self.desa_a.code).children],
            [self.dusun_a1.code, self.dusun_a2.code],
        )

    def test_a_region_outside_the_scope_is_not_found(self):
        for user, code in [
            (self.ppkbd_c, self.desa_a.code),
            (self.sub_ppkbd_a, self.dusun_a2.code),
        ]:
            with self.subTest(user=user), self.assertRaises(Http404):
                lookup.frame(user, code)


class RegionListTests(World):
    def test_regions_of_levels_and_by_code_equal_the_orms(self):
        for user in (self.ppkbd_a, self.sub_ppkbd_a, self.admin, self.pkb, self.mitra_a):
            visible = Region.objects.visible_to(user).select_related("parent")
            with self.subTest(user=user.username):
                levels = ("kecamatan", "desa", "dusun")
                found = lookup.of_levels(user, levels)
                orm = list(visible.filter(level__in=levels).order_by("code"))
                self.assertEqual([values(r) for r in found], [values(r) for r in orm])
                self.assertEqual([str(r) for r in found], [str(r) for r in orm])
                codes = {self.desa_a.code, self.dusun_a1.code, self.desa_c.code, "9"}
                by_code = lookup.by_code(user, codes)
                orm = {r.code: r for r in visible.filter(code__in=codes)}
                self.assertEqual(sorted(by_code), sorted(orm))
                self.assertEqual(
                    {c: str(r) for c, r in by_code.items()}, {c: str(r) for c, r in orm.items()}
                )
        self.assertEqual(lookup.by_code(self.ppkbd_a, set()), {})
        self.assertNotIn(self.desa_c.code, lookup.by_code(self.ppkbd_a, {self.desa_c.code}))
