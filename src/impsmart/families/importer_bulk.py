"""The import's new households: checked in memory, stored in bulk.

A household whose Nomor KK is not in the user's scope becomes a new family whose members have
no history but what their rows record. Its rows go through the same checks as the actions
(``actions.new_family``, ``new_member``, ``partners_among``, ``check_marriage``,
``contraception.first_episode``, ``first_pregnancy``, ``new_intention``) in the same order as
``Importer.household`` would call the actions, with what the database holds looked up once
for the whole file (``Lookups``: regions, Nomor KK taken, NIK of members still on a KK), so
every error reads as the actions' own. What passes is kept in memory and written by
``flush`` through ``actions.store_checked``: ``bulk_create`` per model, the spouse links, one
audit event per record created (``audit.audit_rows``, as the importing user) and the
stored PUS months of the new families (``pus_months.refresh``, run once at the end of
``deferred``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from impsmart.accounts.scope import require_writable
from impsmart.among import among, parts
from impsmart.families import actions, codes, contraception
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.regions.models import Region

CHUNK = 500  # values per lookup query (SQLite; on PostgreSQL all in one, ``among.parts``)
FLUSH_EVERY = 5000  # members held in memory at most (a kabupaten's file has hundreds of
# thousands); stored then even when a row has failed: the transaction rolls it all back
AHEAD_EVERY = 1000  # on PostgreSQL, members per store: the server writes one block's derived
# rows (``actions.store_checked``, ``pipelined.ahead``) while the next block is checked;
AHEAD_LEAST = 250  # the blocks halve towards the end of the file, down to this: the last
# block's rows are written while nothing is left to check


# The record each of these columns of a row makes (``NewHouseholds.history``).
RECORDED = {
    ContraceptiveEpisode: "current_method",
    Pregnancy: "pregnant_since",
    IntentionRecord: "intention",
}


def _chunks(values) -> list[list]:
    return parts(sorted(values), CHUNK)


@dataclass
class Lookups:
    """What the checks of new households need from the database, for the whole file."""

    regions: dict[str, Region] = field(default_factory=dict)
    kk_taken: set[str] = field(default_factory=set)
    niks: set[str] | None = None  # NIK held by a member still on a KK; None: look up again
    file_niks: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, rows: list[dict]) -> Lookups:
        found = cls(file_niks={v["nik"] for v in rows if v.get("nik")})
        for chunk in _chunks({v["region_code"] for v in rows if v.get("region_code")}):
            found.regions |= {r.code: r for r in Region.objects.filter(among("code", chunk))}
        for chunk in _chunks({v["kk_number"] for v in rows if v.get("kk_number")}):
            taken = Family.objects.filter(among("kk_number", chunk)).order_by()
            found.kk_taken |= set(taken.values_list("kk_number", flat=True))
        return found

    def nik_taken(self, nik: str) -> bool:
        if self.niks is None:
            self.niks = set()
            for chunk in _chunks(self.file_niks):
                live = Member.objects.filter(among("nik", chunk), left_on__isnull=True).order_by()
                self.niks |= set(live.values_list("nik", flat=True))
        return nik in self.niks

    def remember(self, nik: str) -> None:
        """A member stored (or about to be) with this NIK."""
        self.nik_taken(nik)
        self.niks.add(nik)


class NewHouseholds:
    """Checks the new households of one import and writes them (``flush``)."""

    def __init__(self, importer, lookups: Lookups, rows: list[dict]):
        self.importer, self.lookups = importer, lookups
        self.left = len(rows)  # members of new households not stored yet, as the file says
        self.writable: dict[str, PermissionDenied | None] = {}
        self.families: list[Family] = []
        self.members: list[Member] = []
        self.spouses: dict[int, Member] = {}  # id(member) → the partner linked
        self.records: list = []  # episodes, pregnancies, intentions
        self.ahead = connection.vendor == "postgresql"
        self.ids = None  # on PostgreSQL the ids of every row the file's new households store
        if self.ahead:  # (``actions.DrawnIds``): what a row records, one of each at most
            counts = {Family: len({values["kk_number"] for values in rows}), Member: len(rows)}
            for model, column in RECORDED.items():
                counts[model] = sum(1 for values in rows if values.get(column))
            self.ids = actions.DrawnIds(counts)

    def require_writable(self, region_code: str) -> None:
        """``scope.require_writable``, once per region code of the file."""
        if region_code not in self.writable:
            try:
                require_writable(self.importer.actor, region_code, actions.PERMISSION)
                self.writable[region_code] = None
            except PermissionDenied as refused:  # reported as the actions' refusal
                self.writable[region_code] = refused
        if self.writable[region_code] is not None:
            raise self.writable[region_code]

    def household(self, rows: list[tuple[int, dict]]) -> None:
        from impsmart.families.importer import _RowFailed

        try:
            family = self.family(rows)
            members: list[tuple[int, dict, Member]] = []
            for number, values in rows:
                members.append((number, values, self.member(family, members, number, values)))
            self.couple(members)
            for number, values, member in members:
                self.history(number, values, member)
        except _RowFailed:
            pass
        if len(self.members) >= self.block():
            self.flush()

    def block(self) -> int:
        """Members per store: ``FLUSH_EVERY``; on PostgreSQL ``AHEAD_EVERY``, halving as the
        file's end nears (so the last block, which nothing overlaps, is small)."""
        if not self.ahead:
            return FLUSH_EVERY
        return min(FLUSH_EVERY, max(AHEAD_LEAST, min(AHEAD_EVERY, self.left // 2)))

    def family(self, rows: list[tuple[int, dict]]) -> Family:
        from impsmart.families.importer import NEW_FAMILY

        importer = self.importer
        number, first = rows[0]
        importer.same_region(rows)
        family = importer.checked(
            number, "kk_number", NEW_FAMILY, self.new_family,
            kk_number=first["kk_number"], registered_on=importer.today,
            **importer.family_fields(rows),
        )  # fmt: skip
        self.families.append(family)
        return family

    def new_family(self, **fields) -> Family:
        self.require_writable(fields["region_code"])
        return actions.new_family(
            region=self.lookups.regions.get(fields["region_code"]),
            kk_taken=fields["kk_number"] in self.lookups.kk_taken,
            **fields,
        )

    def member(self, family: Family, household: list, number: int, values: dict) -> Member:
        from impsmart.families.importer import MEMBER_FIELDS, NEW_MEMBER

        self.require_writable(family.region_code)
        member = self.importer.checked(
            number, "name", NEW_MEMBER, actions.new_member,
            family=family, confirmed=values["confirmed"],
            household=[m for _, _, m in household], nik_taken=self.lookups.nik_taken,
            **{name: values[name] for name in MEMBER_FIELDS},
        )  # fmt: skip
        if member.nik:
            self.lookups.remember(member.nik)
        self.members.append(member)
        return member

    def couple(self, members: list[tuple[int, dict, Member]]) -> None:
        """``Importer.couple`` on members not stored yet: the links are kept in ``spouses``."""
        from impsmart.families.importer import COUPLE, UNLINKED

        result = self.importer.result
        confirmed = any(values["confirmed"] for _, values, _ in members)
        household = [member for _, _, member in members]

        for number, _values, member in members:
            if not actions.needs_husband(member, linked=id(member) in self.spouses):
                continue
            try:
                candidates = actions.partners_among(member, household, self.free_for(member))
                partner = actions.choose_partner(member, candidates)
                if partner is not None:
                    wife, husband = (
                        (member, partner) if member.sex == codes.Sex.FEMALE else (partner, member)
                    )
                    actions.check_marriage(wife, husband, confirmed)
                    self.spouses[id(wife)], self.spouses[id(husband)] = husband, wife
            except ValidationError:
                partner = None
            if partner is None:
                result.counts[UNLINKED] += 1
                continue
            result.counts[COUPLE] += 1
            result.changed_rows.add(number)

    def free_for(self, member: Member):
        """Whether a candidate is linked to no one, or to ``member`` (``partners_among``)."""
        return lambda other: self.spouses.get(id(other), member) is member

    def history(self, number: int, values: dict, member: Member) -> None:
        """``Importer.history`` for a member with no history yet."""
        from impsmart.families.importer import EPISODE, INTENTION, PREGNANCY

        importer, confirmed = self.importer, values["confirmed"]
        episode = None
        if values.get("current_method"):
            episode = importer.checked(
                number, "method_start", EPISODE, contraception.first_episode,
                member=member, method=values["current_method"],
                start_date=values["method_start"], jalur=values["jalur"],
                place=values["place"], confirmed=confirmed,
            )  # fmt: skip
            self.records.append(episode)
        if values.get("pregnant_since"):
            pregnancy = importer.checked(
                number, "pregnant_since", PREGNANCY, contraception.first_pregnancy,
                member=member, start_date=values["pregnant_since"], current=episode,
                confirmed=confirmed,
            )  # fmt: skip
            self.records.append(pregnancy)
        if values.get("intention"):
            intention = importer.checked(
                number, "intention", INTENTION, contraception.new_intention,
                member=member, intention=values["intention"], recorded_on=importer.today,
                confirmed=confirmed,
            )  # fmt: skip
            self.records.append(intention)

    def flush(self) -> None:
        """Store what was checked (``actions.store_checked``) and start afresh."""
        if not self.families:
            return
        actions.store_checked(
            actor=self.importer.actor,
            families=self.families,
            members=self.members,
            spouses={id(m): self.spouses[id(m)] for m in self.members if id(m) in self.spouses},
            records=self.records,
            ahead=True,  # settled by the next store and at the end of ``Importer.run``
            ids=self.ids,
        )
        self.left -= len(self.members)
        self.families, self.members, self.spouses, self.records = [], [], {}, []


class Stored:
    """The members and histories of the file's families already in the register, looked up
    for CHUNK families at a time in file order (one query per model) instead of a few
    queries per row; what ``Importer.lookup`` and ``Importer.history`` read.

    The members are the very objects the actions then change (``update_member`` sets their
    fields), and a member added is appended, so a family's members stay as stored. A woman's
    history is read from here only before any row of the file has written hers: afterwards
    (a person on two rows) the caller queries. The rows read stay locked until the import
    commits."""

    def __init__(self, families: list[Family]):
        self.order = {family.pk: n for n, family in enumerate(families)}
        self.families = families
        self.members: dict[int, list[Member]] = {}
        self.histories: dict[int, dict[str, list]] = {}
        self.written: set[int] = set()  # members whose history this import has written

    def members_of(self, family: Family) -> list[Member]:
        if family.pk not in self.members:
            self.load(self.order[family.pk])
        return self.members[family.pk]

    def history_of(self, member: Member) -> dict[str, list] | None:
        """Her ``episodes``, ``pregnancies`` and ``intentions``; None: query them."""
        if member.pk in self.written or member.family_id not in self.members:
            return None
        return self.histories.get(member.pk, {"episodes": [], "pregnancies": [], "intentions": []})

    def load(self, start: int) -> None:
        chunk = self.families[start : start + CHUNK]
        by_pk = {family.pk: family for family in chunk}
        self.members = {pk: [] for pk in by_pk}  # only this chunk is held
        self.histories = {}
        # Locked until the import commits (PostgreSQL; SQLite's import holds the write lock
        # already): a cadre's write to these people waits instead of being overwritten.
        locked = Member.objects.select_for_update(of=("self",))
        members = locked.filter(among("family_id", [*by_pk]))
        for member in members.order_by("birth_date", "pk"):
            member.family = by_pk[member.family_id]
            self.members[member.family_id].append(member)
            self.histories[member.pk] = {"episodes": [], "pregnancies": [], "intentions": []}
        for key, model in (
            ("episodes", ContraceptiveEpisode),
            ("pregnancies", Pregnancy),
            ("intentions", IntentionRecord),
        ):
            records = model.objects.select_for_update(of=("self",))
            for record in records.filter(among("member__family_id", [*by_pk])).order_by("pk"):
                self.histories[record.member_id][key].append(record)
