"""Writes to the family register. Views, the API, imports and the CLI all come through here.

Each function checks scope and role (403), validates with messages in Indonesian that say what
to fix (``ValidationError`` keyed by field), and runs atomically. Dates and ages are checked by
``plausibility.py``. Contradictions the user may knowingly keep (a NIK that disagrees with the
birth date, a bride under 19, a method after MOW/MOP) raise ``ConfirmationRequired`` until the
caller passes ``confirmed=True``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, models, transaction
from django.db.models import Exists, OuterRef, Q

from impsmart import pipelined, quickclean
from impsmart.accounts.audit import action, audit_rows, write_audit_rows
from impsmart.accounts.scope import require_writable
from impsmart.families import codes, family_text, plausibility, pus_months
from impsmart.families.identity import IdentityError, clean_kk, clean_nik, nik_warnings
from impsmart.families.ks import derive_stage
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.families.plausibility import Findings
from impsmart.regions.models import Level, Region

PERMISSION = "edit_register"
FAMILY_LEVELS = {Level.DESA, Level.DUSUN, Level.RW, Level.RT}
# What ended a couple's life together on one KK (``separate``).
DIVORCE = codes.Marital.DIVORCED  # cerai hidup
DEATH = codes.Marital.WIDOWED  # cerai mati: the husband or wife died
MOVED = codes.ExitReason.MOVED  # pindah: one left the KK, still married
SEPARATIONS = (DIVORCE, DEATH, MOVED)


def _family_region(region_code: str) -> Region:
    region = Region.objects.filter(code=region_code).first()
    check_family_region(region)
    return region


def check_family_region(region: Region | None) -> None:
    if region is None or region.level not in FAMILY_LEVELS:
        raise ValidationError({"region_code": "Pilih desa/kelurahan, dusun, RW atau RT yang ada."})


def new_family(
    *,
    region: Region | None,
    kk_taken: bool,
    region_code: str,
    kk_number: str,
    registered_on: dt.date,
    **fields,
) -> Family:
    """The unsaved family ``create_family`` stores, checked. ``region`` is the one coded
    ``region_code`` (None if there is none) and ``kk_taken`` whether the number is stored.
    The import calls this with what it looked up for the whole file."""
    check_family_region(region)
    try:
        kk_number = clean_kk(kk_number)
    except IdentityError as error:
        raise ValidationError({"kk_number": str(error)}) from error
    if kk_taken:
        raise ValidationError({"kk_number": f"Nomor KK {kk_number} sudah terdaftar."})
    plausibility.check_date("registered_on", registered_on)
    answers = fields.pop("ks_answers", None) or {}
    return Family(
        region_code=region_code,
        kk_number=kk_number,
        registered_on=registered_on,
        ks_answers=answers,
        ks_stage=derive_stage(answers) if answers else "",
        **fields,
    )  # fmt: skip


@action
def create_family(
    *, actor, region_code: str, kk_number: str, registered_on: dt.date, **fields
) -> Family:
    require_writable(actor, region_code, PERMISSION)
    region = Region.objects.filter(code=region_code).first()
    try:
        taken = Family.objects.filter(kk_number=clean_kk(kk_number)).exists()
    except IdentityError:
        taken = False  # new_family says what is wrong with the number
    family = new_family(
        region=region, kk_taken=taken, region_code=region_code, kk_number=kk_number,
        registered_on=registered_on, **fields,
    )  # fmt: skip
    family.save()
    return family


@action
def update_family(*, actor, family: Family, **fields) -> Family:
    require_writable(actor, family.region_code, PERMISSION)
    if "region_code" in fields:  # moving the family: the new place must be in scope too
        require_writable(actor, fields["region_code"], PERMISSION)
        _family_region(fields["region_code"])
    if "ks_answers" in fields:
        fields["ks_stage"] = derive_stage(fields["ks_answers"])
    for name, value in fields.items():
        setattr(family, name, value)
    family.save()
    return family


def check_member(member: Member, confirmed: bool, household, nik_taken) -> None:
    """NIK shape (refused), then NIK contradictions and plausibility, confirmed together.

    ``household`` is the other members of the KK; ``nik_taken(nik)`` says whether another
    member still on a KK holds that NIK (a query on the pages, a set in the import)."""
    found = Findings()
    if member.nik:
        try:
            member.nik = clean_nik(member.nik)
        except IdentityError as error:
            raise ValidationError({"nik": str(error)}) from error
        for warning in nik_warnings(member.nik, member.birth_date, member.sex):
            found.ask("nik", warning)
        if nik_taken(member.nik):
            found.ask("nik", f"NIK {member.nik} sudah tercatat di keluarga lain: kasus data ganda.")
    plausibility.person(found, member, household)
    found.enforce(confirmed)
    member.nik_mismatch_confirmed = member.nik_mismatch_confirmed or bool(member.nik and confirmed)


def _check_member(member: Member, confirmed: bool) -> None:
    def taken(nik: str) -> bool:
        twins = Member.objects.filter(nik=nik, left_on__isnull=True).exclude(pk=member.pk)
        return twins.exists()

    household = member.family.members.exclude(pk=member.pk).order_by("birth_date")
    check_member(member, confirmed, household, taken)


def new_member(
    *,
    family: Family,
    name: str,
    sex: str,
    birth_date: dt.date,
    relation: str,
    marital_status: str,
    nik: str = "",
    confirmed: bool = False,
    household=None,
    nik_taken=None,
    **fields,
) -> Member:
    """The unsaved member ``add_member`` stores, checked; the import passes the ``household``
    and ``nik_taken`` of ``check_member`` from what it holds in memory."""
    if not name.strip():
        raise ValidationError({"name": "Isi nama anggota keluarga."})
    member = Member(
        family=family,
        name=name.strip(),
        sex=sex,
        birth_date=birth_date,
        relation=relation,
        marital_status=marital_status,
        nik=nik,
        **fields,
    )
    if household is None:
        _check_member(member, confirmed)
    else:
        check_member(member, confirmed, household, nik_taken)
    quickclean.full_clean(member, exclude=["family", "spouse"])
    return member


@action
def add_member(*, actor, family: Family, confirmed: bool = False, **fields) -> Member:
    require_writable(actor, family.region_code, PERMISSION)
    member = new_member(family=family, confirmed=confirmed, **fields)
    member.save()
    return member


@action
def update_member(*, actor, member: Member, confirmed: bool = False, **fields) -> Member:
    require_writable(actor, member.family.region_code, PERMISSION)
    for name, value in fields.items():
        setattr(member, name, value)
    _check_member(member, confirmed)
    member.full_clean(exclude=["family", "spouse"])
    member.save()
    return member


def check_marriage(wife: Member, husband: Member, confirmed: bool = False) -> None:
    """What ``marry`` refuses or asks to confirm (also run by the import on its new couples)."""
    if wife.family_id != husband.family_id:
        raise ValidationError({"spouse": "Suami dan istri harus dalam satu Kartu Keluarga."})
    if (wife.sex, husband.sex) != (codes.Sex.FEMALE, codes.Sex.MALE):
        raise ValidationError({"spouse": "Pilih istri (perempuan) dan suami (laki-laki)."})
    found = Findings()
    for person in (wife, husband):
        plausibility.marriage_age(found, person, codes.Marital.MARRIED)
    found.enforce(confirmed)


@action
def marry(*, actor, wife: Member, husband: Member, confirmed: bool = False) -> None:
    """Link a married couple of one family, which makes the wife a PUS while 15–49."""
    require_writable(actor, wife.family.region_code, PERMISSION)
    check_marriage(wife, husband, confirmed)
    for person in (wife, husband):
        person.marital_status = codes.Marital.MARRIED
    wife.spouse, husband.spouse = husband, wife
    wife.save()
    husband.save()


# Who a married head, wife or husband is married to on the same KK (relations to the head).
PARTNER_RELATION = {
    (codes.Sex.FEMALE, codes.Relation.WIFE): codes.Relation.HEAD,
    (codes.Sex.FEMALE, codes.Relation.HEAD): codes.Relation.HUSBAND,
    (codes.Sex.MALE, codes.Relation.HEAD): codes.Relation.WIFE,
    (codes.Sex.MALE, codes.Relation.HUSBAND): codes.Relation.HEAD,
}


def needs_husband(member: Member, linked: bool | None = None) -> bool:
    """A married woman on the KK linked to no husband: she cannot be counted as a PUS.

    ``linked`` overrides ``spouse_id`` for a member not stored yet (the import)."""
    linked = member.spouse_id is not None if linked is None else linked
    return (
        member.sex == codes.Sex.FEMALE
        and member.marital_status == codes.Marital.MARRIED
        and member.left_on is None
        and not linked
    )


def partners_among(member: Member, household, free) -> list[Member]:
    """The married partners ``member`` may be linked to without asking (``PARTNER_RELATION``):
    on the KK (``household``, the other members), married, and ``free(candidate)``: linked to
    no one else, as the caller knows it (a query on the pages, the import's own links)."""
    partner = PARTNER_RELATION.get((member.sex, member.relation))
    if partner is None or member.marital_status != codes.Marital.MARRIED:
        return []
    if member.left_on is not None:
        return []
    fits = [
        other
        for other in household
        if other is not member
        and other.relation == partner
        and other.marital_status == codes.Marital.MARRIED
        and other.left_on is None
        and other.sex != member.sex
        and free(other)
    ]
    return sorted(fits, key=lambda other: other.birth_date)


def spouse_candidates(member: Member) -> list[Member]:
    """``partners_among`` the stored members of ``member``'s KK.

    Someone already living with another spouse is never re-linked silently.
    """
    taken = Member.objects.filter(spouse=OuterRef("pk"), left_on__isnull=True).exclude(pk=member.pk)
    free = member.family.members.filter(Q(spouse__isnull=True) | Q(spouse=member), ~Exists(taken))
    free_ids = set(free.exclude(pk=member.pk).values_list("pk", flat=True))
    household = member.family.members.exclude(pk=member.pk).order_by("birth_date", "pk")
    return partners_among(member, household, lambda other: other.pk in free_ids)


def choose_partner(member: Member, candidates: list[Member]) -> Member | None:
    """The one candidate; several are refused on ``spouse`` so the user picks one."""
    if not candidates:
        return None
    if len(candidates) > 1:
        names = ", ".join(c.name for c in candidates)
        whom = "suami" if member.sex == codes.Sex.FEMALE else "istri"
        raise ValidationError(
            {
                "spouse": f"Ada {len(candidates)} calon {whom} {member.name} di KK ini "
                f"({names}); pilih {whom}nya."
            }
        )
    return candidates[0]


@action
def link_spouse(*, actor, member: Member, confirmed: bool = False) -> Member | None:
    """Link a married head, wife or husband to the one married partner recorded on the KK.

    Returns the partner linked, or None when no one fits (a wife then shows as a case to fix,
    ``needs_husband``). Several candidates are refused on ``spouse`` so the user picks one.
    """
    require_writable(actor, member.family.region_code, PERMISSION)
    if member.spouse_id is not None:
        return None
    partner = choose_partner(member, spouse_candidates(member))
    if partner is None:
        return None
    wife, husband = (member, partner) if member.sex == codes.Sex.FEMALE else (partner, member)
    marry(actor=actor, wife=wife, husband=husband, confirmed=confirmed)
    return partner


@action
def record_exit(*, actor, member: Member, left_on: dt.date, reason: str) -> Member:
    """Mutasi of one member: died, moved, or married into another family."""
    require_writable(actor, member.family.region_code, PERMISSION)
    plausibility.check_date("left_on", left_on, member)
    member.left_on, member.left_reason = left_on, reason
    member.save()
    return member


@action
def change_kk_number(*, actor, family: Family, kk_number: str) -> Family:
    """A new Kartu Keluarga was issued: the family keeps its members and history."""
    require_writable(actor, family.region_code, PERMISSION)
    try:
        kk_number = clean_kk(kk_number)
    except IdentityError as error:
        raise ValidationError({"kk_number": str(error)}) from error
    if kk_number == family.kk_number:
        raise ValidationError({"kk_number": f"Nomor KK {kk_number} sama dengan nomor sekarang."})
    # Checked against every family, also outside the user's scope, without naming it.
    taken = f"Nomor KK {kk_number} sudah dipakai keluarga lain; periksa lagi Kartu Keluarga."
    if Family.objects.filter(kk_number=kk_number).exclude(pk=family.pk).exists():
        raise ValidationError({"kk_number": taken})
    family.kk_number = kk_number
    try:
        with transaction.atomic():  # another cadre may have saved the number a moment ago
            family.save()
    except IntegrityError as error:
        raise ValidationError({"kk_number": taken}) from error
    return family


def couple_of(member: Member) -> tuple[Member, Member] | None:
    """(wife, husband) when ``member`` still lives with the spouse it is linked to on its KK.

    The wife's link is the one that counts: it is what makes her a PUS (``status.pus_on``).
    """
    spouse = member.spouse
    if spouse is None or member.marital_status != codes.Marital.MARRIED:
        return None
    wife, husband = (member, spouse) if member.sex == codes.Sex.FEMALE else (spouse, member)
    if (wife.sex, husband.sex) != (codes.Sex.FEMALE, codes.Sex.MALE):
        return None
    if wife.spouse_id != husband.pk or wife.family_id != husband.family_id:
        return None
    if wife.left_on is not None or husband.left_on is not None:
        return None
    return wife, husband


def _check_separation_date(on: dt.date, wife: Member, husband: Member, leaving: Member) -> None:
    for person in (wife, husband):
        plausibility.check_date("on", on, person)
        if person.joined_on is not None and on < person.joined_on:
            raise ValidationError(
                {"on": f"Tanggal ini sebelum {person.name} masuk KK ({person.joined_on:%d-%m-%Y})."}
            )
    if leaving.pk != wife.pk:
        return
    # Her KB history on this KK must end before she leaves it (or dies).
    later = [
        label
        for label, records in (
            ("riwayat KB", wife.episodes.filter(start_date__gte=on)),
            ("kehamilan", wife.pregnancies.filter(start_date__gte=on)),
            ("keinginan ber-anak", wife.intentions.filter(recorded_on__gte=on)),
        )
        if records.exists()
    ]
    if later:
        raise ValidationError(
            {
                "on": f"{wife.name} sudah punya {', '.join(later)} pada atau sesudah tanggal "
                "ini; periksa tanggalnya."
            }
        )


@action
def separate(*, actor, member: Member, event: str, on: dt.date, leaving: Member) -> Member:
    """A couple stops living together on its KK: cerai hidup, cerai mati or pindah.

    The end is dated through ``left_on`` of the spouse who leaves the KK (died, or moved out):
    the PUS rule needs both on the KK that day, so her PUS ends from ``on`` while earlier
    months keep their status. So a divorce or death needs one of them to leave the KK, as
    Dukcapil issues a new KK then. Both records then say what is true today (cerai hidup,
    cerai mati; whoever died keeps ``kawin``); the wife keeps the link to this husband, which
    is what her past months are computed from (``status.EVER_MARRIED``), and his goes.
    ``pindah`` ends only the living together: both stay married and linked.
    """
    require_writable(actor, member.family.region_code, PERMISSION)
    couple = couple_of(member)
    if couple is None:
        raise ValidationError(
            {"member": f"{member.name} tidak tercatat tinggal bersama suami/istri di KK ini."}
        )
    wife, husband = couple
    if event not in SEPARATIONS:
        raise ValidationError({"event": "Pilih yang terjadi: cerai hidup, cerai mati atau pindah."})
    if leaving.pk not in (wife.pk, husband.pk):
        raise ValidationError({"leaving": "Pilih suami atau istri yang keluar dari KK ini."})
    leaving = wife if leaving.pk == wife.pk else husband
    _check_separation_date(on, wife, husband, leaving)
    leaving.left_on = on
    leaving.left_reason = codes.ExitReason.DIED if event == DEATH else codes.ExitReason.MOVED
    if event != MOVED:
        husband.spouse = None
        for survivor in (wife, husband):
            if event == DIVORCE or survivor is not leaving:
                survivor.marital_status = event
    husband.save()
    wife.save()
    return leaving


@action
def store_checked(
    *,
    actor,
    families: list,
    members: list,
    spouses: dict,
    records: list,
    ahead: bool = False,
    ids: DrawnIds | None = None,
) -> None:
    """Store new families, their members and histories, all checked already by the functions
    the actions above call (the import's new households, ``importer_bulk.py``), in bulk.

    ``spouses`` maps ``id(member)`` to the partner linked to her or him; ``records`` are the
    episodes (ended by a pregnancy where it did), pregnancies and intentions. Each record
    gets one audit ``create`` event as ``actor`` with its stored values, the families get
    their search text (``family_text``) and their stored PUS months are refreshed: once, at
    the end of ``pus_months.deferred``; with ``ahead`` on PostgreSQL, at once but without
    waiting for the server (``pipelined.ahead``), and the caller settles
    (``pipelined.settle``) before its transaction ends. With ``ids`` (drawn before,
    ``DrawnIds``) every row is prepared for writing before what was sent ahead is waited
    for: the server finishes the previous block's derived rows while Python prepares this
    one.
    """
    if not families:
        return
    for region_code in {family.region_code for family in families}:
        require_writable(actor, region_code, PERMISSION)
    if ids is None:
        pipelined.settle()  # the previous block's derived rows: written before the ids' query
    batches = [(Family, families), (Member, members)]
    batches += [(m, [r for r in records if isinstance(r, m)]) for m in RECORD_MODELS]
    for model, rows in batches:  # the ids drawn first: the members linked at once
        _draw_ids(model, [row for row in rows if row.pk is None], ids)
    for member in members:
        if id(member) in spouses:
            member.spouse = spouses[id(member)]
    prepared = [_prepared(model, rows) for model, rows in batches]
    events = audit_rows([*families, *members, *records])
    pipelined.settle()  # the previous block's derived rows: written before this COPY
    for model, rows, values in prepared:
        _write(model, rows, values)
    write_audit_rows(events)
    family_text.refresh((f.pk for f in families), new=True)
    if ahead and connection.vendor == "postgresql":  # now, while the caller checks on
        with pipelined.ahead():
            pus_months.refresh((f.pk for f in families), at_once=True)
    else:
        pus_months.refresh(f.pk for f in families)


RECORD_MODELS = (ContraceptiveEpisode, Pregnancy, IntentionRecord)


def _prepared(model, rows: list) -> tuple:
    """``model``, ``rows`` and the values ``_write`` stores of each, prepared as Django's
    ``bulk_create`` would (the ids drawn already, ``_draw_ids``)."""
    fields = model._meta.concrete_fields
    plain = [_plain(field) for field in fields]
    db = connections[DEFAULT_DB_ALIAS]  # not the proxy: a context-local lookup per access

    def values(row) -> list:
        row._prepare_related_fields_for_save(operation_name="bulk_create")
        return [
            getattr(row, f.attname) if as_is else f.get_db_prep_save(f.pre_save(row, True), db)
            for f, as_is in zip(fields, plain, strict=True)
        ]

    return model, rows, [values(row) for row in rows]


def _write(model, rows: list, values: list[list]) -> None:
    """Store ``_prepared`` rows (audited by the caller, ``audit_rows``): on PostgreSQL one
    COPY, on SQLite one ``executemany``. Django's ``bulk_create`` renders every value into
    its statements in Python, much slower (on SQLite a third of a 5,000-row import)."""
    if not rows:
        return
    fields = model._meta.concrete_fields
    quote = connection.ops.quote_name
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:  # audit-ok: audit_rows
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
            cursor.executemany(insert, values)
    alias = connection.alias
    for row in rows:
        row._state.adding, row._state.db = False, alias


# Fields whose stored value is the attribute itself (``get_db_prep_save`` and ``pre_save``
# return it unchanged; the driver writes it): ``_bulk_create`` skips the two calls. Exact
# types: a subclass may prepare its values. A date is plain on PostgreSQL only (Django gives
# SQLite its text).
PLAIN_FIELDS = {
    models.AutoField, models.BigAutoField, models.BigIntegerField, models.BooleanField,
    models.CharField, models.FloatField, models.ForeignKey, models.IntegerField,
    models.PositiveIntegerField, models.PositiveSmallIntegerField, models.SmallIntegerField,
    models.TextField,
}  # fmt: skip


def _plain(field) -> bool:
    if type(field) is models.DateField and connection.vendor == "postgresql":
        return not (field.auto_now or field.auto_now_add)
    return type(field) in PLAIN_FIELDS


class DrawnIds:
    """Ids drawn ahead from the tables' sequences (PostgreSQL): ``counts`` per model, in one
    query each, before anything is sent ahead (``pipelined``), so that storing a block
    (``store_checked``) asks nothing of the server until its rows are ready to be written.
    An id not given stays unused (a sequence never gives it again); more than drawn are drawn
    when needed."""

    def __init__(self, counts: dict):
        self.left = {model: _drawn(model, n) for model, n in counts.items() if n}

    def take(self, model, n: int) -> list[int]:
        left = self.left.get(model, [])
        given, self.left[model] = left[:n], left[n:]
        return given if len(given) == n else [*given, *_drawn(model, n - len(given))]


def _drawn(model, n: int) -> list[int]:
    """``n`` ids from the sequence of ``model``'s table (PostgreSQL)."""
    with connection.cursor() as cursor:  # audit-ok: reads the sequence only
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), model._meta.pk.column, n],
        )
        return [pk for (pk,) in cursor.fetchall()]


def _draw_ids(model, rows: list, drawn: DrawnIds | None = None) -> None:
    """Give ``rows`` the ids an INSERT would: from the table's sequence (PostgreSQL; those of
    ``drawn`` when given), or after the largest ever given (SQLite's ``AUTOINCREMENT`` keeps
    it in ``sqlite_sequence``, and an id written above it moves it on). SQLite's write lock,
    taken when the import's transaction began, keeps every other writer out until it
    commits."""
    if not rows:
        return
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        ids = drawn.take(model, len(rows)) if drawn is not None else _drawn(model, len(rows))
    else:
        with connection.cursor() as cursor:  # audit-ok: reads the sequence only
            if not connection.in_atomic_block:
                raise RuntimeError("ids are drawn on SQLite inside the writing transaction")
            column = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(
                f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
                f"COALESCE((SELECT MAX({column}) FROM {connection.ops.quote_name(table)}), 0))",
                [table],
            )
            (last,) = cursor.fetchone()
            ids = range(last + 1, last + 1 + len(rows))
    for row, pk in zip(rows, ids, strict=True):
        row.pk = pk
