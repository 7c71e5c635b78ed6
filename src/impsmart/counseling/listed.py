"""The members the visit list starts from (``ListedMember``), kept equal to the registers.

Every item of the visit list belongs to a present member with an episode (re-supply,
implant/IUD end, drop-out), a pregnancy (postpartum), an intention IAT or TIAL (unmet need:
a status IAT/TIAL comes only from one) or a referral. About one member in six has one, so
the list walks these rows of a region (by the ``listed_member_region`` index) instead of
every member of every family there once per kind: a desa of 16,000 members costs 2,500
lookups per kind, and fewer where a kind needs one record (``has_pregnancy`` for births,
``has_referral`` …). Each row also holds her latest episode, pregnancy, intention and
counselling (``LATEST``): the list computes her re-supply, implant/IUD end, drop-out and
unmet need from them, one read of the region's rows instead of her records looked up per
member and kind (``visits.from_stored``).

``live`` is the definition. The rows are built by the migration that adds them, and from
then on every write refreshes the rows of the families it touched, inside its transaction:
a save or delete of a family, member, episode, pregnancy or intention through the stored PUS
months' signal (``pus_months.families_changed``, which the bulk import sends too, once at
the end), and of a referral or a counselling through their own signals. Writers that bypass
model saves (the demo) call ``rebuild`` at the end.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.signals import post_delete, post_save

from impsmart import compiled
from impsmart.among import among, parts
from impsmart.compiled import Compiled
from impsmart.counseling.models import Counseling, ListedMember, Referral
from impsmart.families import codes, pus_months
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.families.status import EVER_MARRIED

UNMET_WISHES = (codes.Intention.IAT, codes.Intention.TIAL)
CHUNK = 500  # families per refresh statement
# A LIMIT/OFFSET that keeps nothing out but keeps the subquery from being merged into the
# query around it (which would copy its lookups into that query's WHERE).
FENCE = {"postgresql": " OFFSET 0", "sqlite": " LIMIT -1 OFFSET 0"}
# Which records list a member, each a model and the condition on its rows.
FACTS = {
    "has_episode": (ContraceptiveEpisode, Q()),
    "has_pregnancy": (Pregnancy, Q()),
    # Only a wish of unmet need: a status IAT/TIAL comes from an intention IAT/TIAL (of any
    # date), so the unmet-need query walks these women alone — half of those with any.
    "has_intention": (IntentionRecord, Q(intention__in=UNMET_WISHES)),
    "has_referral": (Referral, Q()),
}


def _latest() -> dict[str, str]:
    """Her latest records' facts (``ListedMember.episode_method`` …), each a lookup by the
    index of her records, as SQL on the member ``listed.lm_member``."""

    def latest(model, column: str, order: str) -> str:
        table = model._meta.db_table
        return (
            f"(SELECT {column} FROM {table} WHERE member_id = listed.lm_member "
            f"ORDER BY {order} DESC LIMIT 1)"
        )

    facts = {
        f"episode_{name}": latest(ContraceptiveEpisode, column, "start_date")
        for name, column in [
            ("method", "method"),
            ("type", "method_type"),
            ("start", "start_date"),
            ("end", "end_date"),
            ("end_reason", "end_reason"),
        ]
    }
    facts["pregnancy_start"] = latest(Pregnancy, "start_date", "start_date")
    facts["pregnancy_end"] = latest(Pregnancy, "outcome_date", "start_date")
    facts["intention"] = latest(IntentionRecord, "intention", "recorded_on")
    facts["intention_on"] = latest(IntentionRecord, "recorded_on", "recorded_on")
    facts["counseled_on"] = latest(Counseling, "date", "date")
    facts.update(_couple())
    return facts


def _couple() -> dict[str, str]:
    """``ListedMember.couple`` and its days, as SQL on the member ``listed.lm_member``: her
    row joined to her husband's (``spouse``) and her family's, as ``status.pus_on`` joins."""
    member, family = Member._meta.db_table, Family._meta.db_table
    marital = ", ".join(f"'{code}'" for code in EVER_MARRIED)
    joined = (
        f"FROM {member} w JOIN {member} h ON h.id = w.spouse_id "
        f"JOIN {family} f ON f.id = w.family_id "
        f"WHERE w.id = listed.lm_member AND w.sex = '{codes.Sex.FEMALE}' "
        f"AND w.marital_status IN ({marital}) AND h.family_id = w.family_id"
    )
    # The later of two days and the earlier, a null day being the earliest or the latest.
    later = "CASE WHEN h.joined_on IS NULL OR h.joined_on <= w.joined_on THEN w.joined_on "
    later += "ELSE h.joined_on END"
    earlier = "CASE WHEN f.closed_on IS NULL OR h.left_on <= f.closed_on THEN h.left_on "
    earlier += "ELSE f.closed_on END"
    return {
        "couple": f"EXISTS (SELECT 1 {joined})",
        "couple_from": f"(SELECT {later} {joined})",
        "couple_until": f"(SELECT {earlier} {joined})",
    }


LATEST = _latest()


def live(members: QuerySet[Member], families: list[int] | None = None) -> QuerySet[Member]:
    """The members of ``members`` the list starts from: present, with any record of ``FACTS``,
    annotated with which (``has_episode`` …). ``families``: ``members`` are of these families
    only, and so are the records looked at (the same answer; on PostgreSQL it keeps the
    planner from hashing every episode, pregnancy, intention and referral of the database
    to answer for a few thousand members — 160 ms per 500 new families of an import)."""
    anything = reduce(or_, (Q(**{name: True}) for name in FACTS))
    return flagged(members, families).filter(anything)


def flagged(members: QuerySet[Member], families: list[int] | None = None) -> QuerySet[Member]:
    """The present members of ``members`` annotated with ``FACTS`` (``live`` before it keeps
    those with any)."""
    records = {name: model.objects.filter(rows) for name, (model, rows) in FACTS.items()}
    if families is not None:
        records = {
            name: found.filter(among("member__family_id", families))
            for name, found in records.items()
        }
    has = {name: Exists(found.filter(member=OuterRef("pk"))) for name, found in records.items()}
    return members.filter(left_on__isnull=True).annotate(**has)


def _insert(members: QuerySet[Member], families: list[int] | None = None) -> Compiled:
    """The statement storing the listed members among ``members`` (of ``families`` when
    given, ``live``): one INSERT … SELECT. The flags are computed in a subquery the database
    keeps apart (``FENCE``) and kept where any is set outside it: ``live``'s own filter
    repeats each lookup in its WHERE (PostgreSQL evaluated the four twice: 250 new families
    33–39 → 15–25 ms)."""
    rows = (
        flagged(members, families)
        .annotate(
            lm_member=F("pk"),
            lm_family=F("family_id"),
            lm_region=F("family__region_code"),
            lm_kk=F("family__kk_number"),
            lm_birth=F("birth_date"),
        )
        .order_by()
        .values_list("lm_member", "lm_family", "lm_region", "lm_kk", "lm_birth", *FACTS)
    )
    table, flags = ListedMember._meta.db_table, ", ".join(FACTS)
    fence, anything = FENCE.get(connection.vendor, ""), " OR ".join(FACTS)
    columns, latest = ", ".join(LATEST), ", ".join(LATEST.values())
    return Compiled.of(rows).around(
        f"INSERT INTO {table} (member_id, family_id, region_code, kk_number, birth_date, "
        f"{flags}, {columns}) SELECT lm_member, lm_family, lm_region, lm_kk, lm_birth, "
        f"{flags}, {latest} FROM ({{}}{fence}) listed WHERE {anything}"
    )


@functools.cache
def _insert_of_families(alias: str) -> Compiled:
    """``_insert`` for the families given as ``ids`` when it runs, compiled once per
    database: building it took 3 ms of Python, most of a cadre's write's refresh."""
    families = [compiled.IDS]
    return _insert(Member.objects.using(alias).filter(among("family_id", families)), families)


def rebuild() -> None:
    """Every row anew, for the whole database (after the demo's bulk writes)."""
    with transaction.atomic():
        ListedMember.objects.all()._raw_delete(ListedMember.objects.db)  # audit-ok: derived
        _insert(Member.objects.all()).execute()  # a derived copy: not audited


def refresh(family_ids: Iterable[int]) -> None:
    """Delete and re-insert the rows of these families: two statements per CHUNK families
    (on PostgreSQL two in all, the ids as one array)."""
    ordered = sorted({i for i in family_ids if i is not None})
    table = ListedMember._meta.db_table
    # Part of the write that changed them; its statements planned once per connection.
    with transaction.atomic(savepoint=False), compiled.planned_once():
        for chunk in parts(ordered, CHUNK):
            with connection.cursor() as cursor:  # audit-ok: a derived copy, not user data
                if connection.vendor == "postgresql":
                    cursor.execute(f"DELETE FROM {table} WHERE family_id = ANY(%s)", [chunk])
                else:
                    marks = ", ".join(["%s"] * len(chunk))
                    cursor.execute(f"DELETE FROM {table} WHERE family_id IN ({marks})", chunk)
            _insert_of_families(connection.alias).execute(ids=chunk)


def demo_step(ctx) -> str:
    rebuild()
    return f"{ListedMember.objects.count()} anggota dalam daftar kunjungan"


def _families_changed(sender, families: set[int], **kwargs) -> None:
    refresh(families)


def _record_written(sender, instance: Referral | Counseling, raw: bool = False, **kwargs) -> None:
    """A referral (``has_referral``) or a counselling (``counseled_on``) saved or deleted."""
    if not raw:
        refresh(Member.objects.filter(pk=instance.member_id).values_list("family_id", flat=True))


pus_months.families_changed.connect(_families_changed, dispatch_uid="listed_members")
for _model in (Referral, Counseling):
    for _signal in (post_save, post_delete):
        _signal.connect(
            _record_written, sender=_model, dispatch_uid=f"listed_members_{_model.__name__}"
        )
