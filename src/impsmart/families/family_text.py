"""What the family list's search reads of each family (``FamilyText``), kept equal to the registers.

A family's row holds its address and the names of all its members (those who left too, as
the search always found them), in capitals, one per line. The search then matches a part of
a name or of the address with one test per family of the region, read by the region-code
index (``search.find_families``).

The rows are built by the migration that adds them, and from then on every write that
changes what they hold refreshes the rows of its families, inside its transaction (a
rolled-back write rolls its refresh back too): a save of a family (new, or its address or
region changed), a save of a member (new, or her name or family changed) or a delete of a
member (``_saved``, ``_deleted``), and the bulk import's new families
(``actions.store_checked``). Writers that bypass model saves (the demo) call ``rebuild``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Aggregate, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat, Upper
from django.db.models.signals import post_delete, post_save, pre_save

from impsmart import compiled
from impsmart.among import among, parts
from impsmart.before_save import stored_row
from impsmart.compiled import Compiled
from impsmart.families.models import Family, FamilyText, Member

CHUNK = 500  # families per refresh statement
# What each model's save changes in the text, besides a new row.
FIELDS = {Family: ("address", "region_code"), Member: ("name", "family_id")}


class Lines(Aggregate):
    """The values joined one per line (``string_agg`` on PostgreSQL, ``group_concat`` on
    SQLite, which cannot order them: the search does not need an order)."""

    function = "string_agg"
    template = "%(function)s(%(expressions)s, E'\\n' ORDER BY %(expressions)s)"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            function="group_concat",
            template="%(function)s(%(expressions)s, char(10))",
        )


def of(families: QuerySet[Family]) -> QuerySet:
    """The rows of ``families``: (family, region code, text), as their definition."""
    members = Member.objects.filter(family=OuterRef("pk")).order_by().values("family")
    names = Subquery(members.annotate(lines=Lines("name")).values("lines"))
    text = TextField()
    lines = Concat(
        "address", Value("\n"), Coalesce(names, Value(""), output_field=text), output_field=text
    )
    return (
        families.order_by()
        .annotate(ft_text=Upper(lines))
        .values_list("pk", "region_code", "ft_text")
    )


def _insert(families: QuerySet[Family]) -> Compiled:
    table = FamilyText._meta.db_table
    return Compiled.of(of(families)).around(
        f"INSERT INTO {table} (family_id, region_code, text) {{}}"
    )


@functools.cache
def _insert_of_families(alias: str) -> Compiled:
    """``_insert`` for the families given as ``ids`` when it runs, compiled once per database."""
    return _insert(Family.objects.using(alias).filter(among("pk", [compiled.IDS])))


def rebuild() -> None:
    """Every row anew, for the whole database (after the demo's bulk writes)."""
    with transaction.atomic():
        FamilyText.objects.all()._raw_delete(FamilyText.objects.db)  # audit-ok: derived
        _insert(Family.objects.all()).execute()  # a derived copy: not audited


def refresh(family_ids: Iterable[int], new: bool = False) -> None:
    """Delete and re-insert the rows of these families (``new``: they have none yet)."""
    ordered = sorted({i for i in family_ids if i is not None})
    with transaction.atomic(savepoint=False):  # part of the write that changed them
        for chunk in parts(ordered, CHUNK):
            if not new:
                gone = FamilyText.objects.filter(among("family_id", chunk))
                gone._raw_delete(gone.db)  # audit-ok: a derived copy, not user data
            _insert_of_families(connection.alias).execute(ids=chunk)


def demo_step(ctx) -> str:
    rebuild()
    return f"{FamilyText.objects.count()} keluarga dapat dicari"


def _families(sender, before, after) -> set[int]:
    """The families whose text the change from ``before`` to ``after`` alters (a new row's
    ``before`` is None, a deleted one's ``after``)."""
    rows = [row for row in (before, after) if row is not None]
    same = len(rows) == 2 and all(getattr(before, f) == getattr(after, f) for f in FIELDS[sender])
    return set() if same else {row.pk if sender is Family else row.family_id for row in rows}


def _before(sender, instance, raw: bool = False, **kwargs) -> None:
    """Read the stored row before the save (kept for the audit and the PUS months too)."""
    if not raw:
        stored_row(sender, instance)


def _saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        refresh(_families(sender, stored_row(sender, instance), instance))


def _deleted(sender, instance, **kwargs) -> None:
    refresh(_families(sender, instance, None))


for _model in FIELDS:
    pre_save.connect(_before, sender=_model, dispatch_uid=f"family_text_before_{_model.__name__}")
    post_save.connect(_saved, sender=_model, dispatch_uid=f"family_text_save_{_model.__name__}")
    post_delete.connect(_deleted, sender=_model, dispatch_uid=f"family_text_del_{_model.__name__}")
