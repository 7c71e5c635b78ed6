"""Demo families for every desa/kelurahan: households, members, and two years of KB history.

Calibrated to Gowa (``domain.md`` §8): at 200,000 families about 118,000 PUS, mCPR about 58 %,
households of 1–8 (mean about 3.8), 12.6 % female heads (PK21). Rows are built with plain
Python and written with ``bulk_create`` in large batches inside the demo's transaction (the
demo records one audit event for all of it); families and members get explicit primary keys
so that spouse links need no second pass.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from typing import TYPE_CHECKING

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

from impsmart import dates
from impsmart.demo import population
from impsmart.demo.household import Household, People
from impsmart.demo.reproduction import history
from impsmart.families.ks import INDICATORS, LEVELS, derive_stage
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.groups.flags import memberships_from_flags
from impsmart.groups.models import Group, Membership
from impsmart.regions.models import Level, Region

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

BATCH = 5000
D = dt.timedelta
KS_SHARES = [0.15, 0.27, 0.30, 0.23, 0.05]  # Pra-S, KS I, KS II, KS III, KS III Plus


COLUMNS = {
    Family: (
        "id region_code kk_number address lat lng jkn ks_answers ks_stage registered_on closed_on "
        "closed_reason"
    ),
    Member: (
        "id family_id nik nik_mismatch_confirmed name sex birth_date relation marital_status "
        "spouse_id education occupation jkn joined_on left_on left_reason"
    ),
    ContraceptiveEpisode: (
        "member_id method method_type start_date end_date end_reason jalur place"
    ),
    Pregnancy: "member_id start_date outcome_date outcome",
    IntentionRecord: "member_id recorded_on intention",
}


class Writer:
    """Buffers rows as tuples and inserts them in batches; hands out primary keys and serials.

    Plain ``executemany`` instead of ``bulk_create``: building 200,000 families as model
    instances costs more than the whole budget. The column lists are checked against the
    models so that a new column fails here loudly instead of silently.
    """

    def __init__(self):
        for model, columns in COLUMNS.items():
            expected = {f.column for f in model._meta.concrete_fields} - {"id"}
            if set(columns.split()) - {"id"} != expected:
                raise RuntimeError(f"demo/families.py: columns of {model.__name__} changed")
        self.rows: dict[type, list] = {model: [] for model in COLUMNS}
        self.written: dict[type, int] = dict.fromkeys(COLUMNS, 0)
        self.next_family = (Family.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.next_member = (Member.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.serials: dict[str, int] = {}
        self.date = connection.ops.adapt_datefield_value
        self.ks_pool: list[tuple] = []
        self.poktan: list[tuple] = []  # (family id, region, registered, BKB, BKR, BKL, UPPKA)

    def fill_ks_pool(self, rng: random.Random, size: int = 400) -> None:
        """Distinct KS answer sets to draw from (encoding 200,000 of them is slow)."""
        prep = Family._meta.get_field("ks_answers").get_db_prep_save
        for _ in range(size):
            answers = ks_answers(rng)
            self.ks_pool.append((prep(answers, connection), derive_stage(answers)))

    def family_id(self) -> int:
        self.next_family += 1
        return self.next_family - 1

    def member_id(self) -> int:
        self.next_member += 1
        return self.next_member - 1

    def serial(self, prefix: str) -> int:
        n = self.serials.get(prefix, 0) % 9999 + 1
        self.serials[prefix] = n
        return n

    def pending(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def flush(self) -> None:
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model, columns in COLUMNS.items():
                rows, names = self.rows[model], columns.split()
                if not rows:
                    continue
                sql = (
                    f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(map(qn, names))}) "
                    f"VALUES ({', '.join(['%s'] * len(names))})"
                )
                cursor.executemany(sql, rows)
                self.written[model] += len(rows)
                rows.clear()

    def finish(self) -> None:
        self.flush()
        self.written[Membership] = memberships_from_flags(self.poktan, Group, Membership, Region)
        # PostgreSQL: explicit keys leave the id sequences behind; SQLite needs nothing.
        statements = connection.ops.sequence_reset_sql(no_style(), [Family, Member])
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def ks_answers(rng: random.Random) -> dict[str, bool]:
    """Answers that put the family at a drawn stage: all lower levels met, one gap above."""
    stage = rng.choices(range(5), KS_SHARES)[0]  # 0 = Pra-S
    answers = {}
    for code, level, _ in INDICATORS:
        index = LEVELS.index(level) + 1
        answers[code] = index <= stage or (index > stage + 1 and rng.random() < 0.6)
    failing = [code for code, level, _ in INDICATORS if LEVELS.index(level) == stage]
    if failing:
        answers[rng.choice(failing)] = False
    return answers


class Place:
    """A desa with its dusun: where families live."""

    def __init__(self, desa: Region, dusun: list[Region]):
        self.desa, self.kecamatan6 = desa, desa.parent_id.replace(".", "")
        self.units = [(d.code, d.name) for d in dusun] or [(desa.code, desa.name)]
        self.unit_word = "Lingkungan" if desa.kind == "kelurahan" else "Dusun"


def _places(kabupaten: Region) -> list[Place]:
    desas = list(
        Region.objects.filter(level=Level.DESA, code__startswith=f"{kabupaten.code}.").order_by(
            "code"
        )
    )
    dusun: dict[str, list[Region]] = {}
    for unit in Region.objects.filter(
        level=Level.DUSUN, code__startswith=f"{kabupaten.code}."
    ).order_by("code"):
        dusun.setdefault(unit.parent_id, []).append(unit)
    return [Place(desa, dusun.get(desa.code, [])) for desa in desas]


def _family(w: Writer, rng: random.Random, place: Place, today: dt.date, poktan) -> tuple:
    """The family row; its poktan memberships (BKB, BKR, BKL, UPPKA) go to ``w.poktan``."""
    code, unit_name = rng.choice(place.units)
    registered = dt.date(2021, 4, 1) + D(days=rng.randint(0, 90))
    if rng.random() < 0.25 and today.year > 2022:
        registered = dt.date(2022, 1, 1) + D(days=rng.randint(0, (today.year - 2022) * 300))
    issued = dt.date(2005, 1, 1) + D(days=rng.randint(0, (registered - dt.date(2005, 1, 1)).days))
    kk_prefix = f"{place.kecamatan6}{issued.day:02d}{issued.month:02d}{issued.year % 100:02d}"
    answers, stage = rng.choice(w.ks_pool)
    lat, lng = place.desa.lat, place.desa.lng
    jkn_roll = rng.random()
    family_id = w.family_id()
    bkb, bkr, bkl, acceptor = poktan
    flags = (bkb, bkr, bkl, rng.random() < 0.04 and acceptor)
    if any(flags):
        w.poktan.append((family_id, code, registered, *flags))
    return (
        family_id,
        code,
        f"{kk_prefix}{w.serial(kk_prefix):04d}",
        f"{place.unit_word} {unit_name} RT {rng.randint(1, 6):03d}/RW {rng.randint(1, 4):03d}",
        None if lat is None else round(lat + rng.uniform(-0.012, 0.012), 6),
        None if lng is None else round(lng + rng.uniform(-0.012, 0.012), 6),
        True if jkn_roll < 0.72 else (False if jkn_roll < 0.95 else None),
        answers,
        stage,
        w.date(registered),
        None,
        "",
    )


def _store_people(w: Writer, family: tuple, people: People, kecamatan6: str) -> dict[int, int]:
    """Member rows for the household; returns person index → member id."""
    ids = {i: w.member_id() for i in range(len(people.persons))}
    family_id, jkn, rows, date = family[0], family[6], w.rows[Member], w.date
    for i, p in enumerate(people.persons):
        nik = ""
        if p.has_nik:  # as identity.nik_for, without strftime (a tenth of the budget)
            birth = p.birth
            day = birth.day + (40 if p.sex == "P" else 0)
            prefix = f"{kecamatan6}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
            nik = f"{prefix}{w.serial(prefix):04d}"
        spouse = None if p.spouse is None else ids[p.spouse]
        rows.append(
            (ids[i], family_id, nik, False, p.name, p.sex, date(p.birth), p.relation, p.marital)
            + (spouse, p.education, p.occupation, jkn, date(p.joined_on), None, "")
        )
    return ids


def _store_history(w: Writer, member_id: int, h) -> None:
    date = w.date
    for method, kind, start, end, reason, jalur, place in h.episodes:
        w.rows[ContraceptiveEpisode].append(
            (member_id, method, kind, date(start), date(end), reason, jalur, place)
        )
    for start, end, outcome in h.pregnancies:
        w.rows[Pregnancy].append((member_id, date(start), date(end), outcome))
    for recorded, intention in h.intentions:
        w.rows[IntentionRecord].append((member_id, date(recorded), intention))


def _one_family(w: Writer, rng: random.Random, place: Place, dates: tuple) -> None:
    today, window = dates
    people = Household(rng, today, window).build()
    h = None
    if people.pus is not None:
        wife = people.persons[people.pus]
        earliest = wife.birth.replace(year=wife.birth.year + 16, day=min(wife.birth.day, 28))
        h = history(rng, wife.age, people.children, today, window, earliest)
        people.add_babies(h.births)
    acceptor = h is not None and any(e[3] is None for e in h.episodes)
    family = _family(w, rng, place, today, (*people.poktan_members(), acceptor))
    w.rows[Family].append(family)
    ids = _store_people(w, family, people, place.kecamatan6)
    if h is not None:
        _store_history(w, ids[people.pus], h)


def create_families(kabupaten: Region, rng: random.Random, total: int) -> str:
    """Generate ``total`` families over the kabupaten's desa; returns a summary line."""
    started = time.monotonic()
    places = _places(kabupaten)
    counts = population.allocate(total, population.desa_weights([p.desa for p in places], rng))
    today = dates.today()
    month = today.year * 12 + today.month - 1 - 23  # the first of the 24 months
    window = dt.date(month // 12, month % 12 + 1, 1)
    w = Writer()
    w.fill_ks_pool(rng)
    done = 0
    for place, count in zip(places, counts, strict=True):
        for _ in range(count):
            _one_family(w, rng, place, (today, window))
        done += count
        if w.pending() > BATCH * 8:
            w.flush()
    w.finish()
    seconds = time.monotonic() - started
    rate = done / seconds if seconds else 0
    summary = (
        f"{w.written[Family]} keluarga, {w.written[Member]} anggota, "
        f"{w.written[ContraceptiveEpisode]} episode KB, {w.written[Pregnancy]} kehamilan, "
        f"{w.written[Membership]} anggota poktan "
        f"({seconds:.1f} dtk, {rate:.0f} keluarga/dtk)"
    )
    sys.stderr.write(f"\nkeluarga: {summary}\n")
    return summary


def step(ctx: DemoContext) -> str:
    rng = random.Random(ctx.rng.getrandbits(64))  # own stream: later steps don't shift it
    return create_families(ctx.kabupaten, rng, ctx.families)
