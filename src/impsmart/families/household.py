"""A family's members for its page, with their spouses and histories, read by queries
compiled once per user (``impsmart.compiled``), the family given when they run: building
the ORM's select_related and three prefetches cost ten times running them.

The rows become model instances as the ORM's own do (``Model.from_db``); each member gets
its spouse (read when shown if outside the user's scope, as a foreign key does) and the
lists ``episode_list``, ``pregnancy_list`` and ``intention_list`` in their models' order.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from impsmart import compiled
from impsmart.families.models import ContraceptiveEpisode, IntentionRecord, Member, Pregnancy

HISTORIES: dict[str, type[Model]] = {
    "episode_list": ContraceptiveEpisode,
    "pregnancy_list": Pregnancy,
    "intention_list": IntentionRecord,
}


def _queries(user: Any) -> dict[str, QuerySet]:
    members = Member.objects.visible_to(user).filter(family_id=compiled.SLOT)
    spouses = Member.objects.visible_to(user).filter(pk__in=members.values("spouse_id"))
    fields = compiled.fields_of(Member)
    found = {
        "members": members.order_by("left_on", "birth_date").values_list(*fields),
        "spouses": spouses.order_by().values_list(*fields),
    }
    for name, model in HISTORIES.items():
        records = model.objects.visible_to(user).filter(member__family_id=compiled.SLOT)
        found[name] = records.values_list(*compiled.fields_of(model))
    return found


def members_of(user: Any, family_id: int) -> list[Member]:
    """The members of the family ``family_id`` in the user's scope, those still on the KK
    first, then by birth date, each with its spouse and histories."""
    queries = compiled.queries(_queries, user)

    def built(name: str, model: type[Model]) -> list:
        rows = queries[name].rows(slot=family_id)
        return [compiled.instance(queries[name].using, model, row) for row in rows]

    members = built("members", Member)
    spouses = {spouse.pk: spouse for spouse in built("spouses", Member)}
    spouse_field = Member._meta.get_field("spouse")
    for member in members:
        if member.spouse_id is None or member.spouse_id in spouses:
            spouse_field.set_cached_value(member, spouses.get(member.spouse_id))
    for name, model in HISTORIES.items():
        by_member: dict[int, list] = {}
        for record in built(name, model):
            by_member.setdefault(record.member_id, []).append(record)
        for member in members:
            setattr(member, name, by_member.get(member.pk, []))
    return members
