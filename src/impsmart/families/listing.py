"""One page of the family list, read by queries compiled once per user and filter
(``impsmart.compiled``): building the count, the page's ids, its rows with their head and
member count, and the regions with the ORM cost the list a third of its time.

A search text makes its own query (one per text: not worth keeping); its page's rows are
read by the same compiled query as any page's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils.translation import ngettext

from impsmart import compiled
from impsmart.accounts.scope import code_order
from impsmart.families import codes
from impsmart.families.models import Family, Member
from impsmart.regions.models import Region

PAGE_SIZE = 25
KS_LABELS = dict(codes.KsStage.choices)
FIELDS = ("pk", "region_code", "kk_number", "address", "ks_stage", "head_name", "n_members")


@dataclass
class Listed:
    """A family as the list shows it; ``search.describe`` adds ``people`` and ``place``."""

    pk: int
    region_code: str
    kk_number: str
    address: str
    ks_stage: str
    head_name: str | None
    n_members: int
    people: list[Member] = field(default_factory=list)
    place: Region | None = None

    # Worded here: a ``blocktranslate`` and a choice label per row in the template were a
    # tenth of the list's time.
    @property
    def ks_label(self) -> str:
        return KS_LABELS.get(self.ks_stage, "")

    @property
    def members_label(self) -> str:
        return ngettext("%(n)s anggota", "%(n)s anggota", self.n_members) % {"n": self.n_members}


def list_order() -> tuple:
    """Region, family number: the order of the families' "C" index on PostgreSQL."""
    return code_order("region_code"), code_order("kk_number"), "pk"


def in_scope(user: Any, code: str, ks: str) -> QuerySet[Family]:
    """The user's families, within the region ``code`` and of Tahapan KS ``ks`` if given."""
    families = Family.objects.visible_to(user)
    if code:
        families = families.within(code)
    return families.filter(ks_stage=ks) if ks else families


def _count(user: Any, code: str, ks: str) -> dict[str, QuerySet]:
    return {"n": compiled.aggregate(in_scope(user, code, ks), n=Count("*"))}


def _ids(user: Any, code: str, ks: str, start: int, end: int) -> dict[str, QuerySet]:
    ordered = in_scope(user, code, ks).order_by(*list_order())
    return {"ids": ordered.values_list("pk")[start:end]}


def _rows(user: Any) -> dict[str, QuerySet]:
    """The families of a list of ids with their head's name and member count, in order."""
    present = Member.objects.filter(family=OuterRef("pk"), left_on__isnull=True).order_by()
    head = present.filter(relation=codes.Relation.HEAD).order_by("birth_date").values("name")
    counted = present.values("family").annotate(n=Count("*")).values("n")
    families = Family.objects.visible_to(user).filter(pk__in=[compiled.IDS])
    annotated = families.annotate(head_name=Subquery(head[:1]), n_members=Subquery(counted))
    return {"rows": annotated.order_by(*list_order()).values_list(*FIELDS)}


def page(user: Any, code: str, ks: str, number: int, searched: QuerySet | list[int] | None) -> Page:
    """Page ``number`` of the families (``searched``: the ids of those a search text found,
    ordered)."""
    if searched is not None:
        found = Paginator(searched, PAGE_SIZE).get_page(number)
        ids = list(found.object_list)
    else:
        [(total,)] = compiled.queries(_count, user, code, ks)["n"].rows() or [(0,)]
        found = Paginator(range(total), PAGE_SIZE).get_page(number)
        start = max(found.start_index() - 1, 0)
        shown = compiled.queries(_ids, user, code, ks, start, start + PAGE_SIZE)["ids"]
        ids = [pk for (pk,) in shown.rows()]
    rows = compiled.queries(_rows, user)["rows"].rows(ids=ids)
    found.object_list = [Listed(*row[:6], n_members=row[6] or 0) for row in rows]
    return found
