"""Demo poktan: BKB, BKR and BKL in every desa, UPPKA and PIK-R in some (all five, with full
K/0 cards, in Bontomarannu), two years of monthly sessions with attendance, KKA checks, UPPKA
capital and revenue.

The families step already made the members the register flags said (``families.py``); this
step adds the groups still missing, PIK-R members from the register's young people, and the
activity. Rows are written in bulk inside the demo's transaction (one audit event for all).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from typing import TYPE_CHECKING

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.families.models import Member
from impsmart.groups import curriculum, eligibility, kka
from impsmart.groups.flags import desa_of, ensure_groups
from impsmart.groups.models import (
    Attendance,
    Capital,
    CapitalSource,
    Group,
    Kind,
    KkaCheck,
    Membership,
    Presenter,
    Revenue,
    Session,
)
from impsmart.regions.models import Level, Region

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

SHOWCASE = "73.06.06"  # Bontomarannu
MONTHS = 24
BATCH = 5000


def _plan(desas: list[str], rng: random.Random) -> set[tuple[str, str]]:
    wanted = set()
    for desa in desas:
        full = desa.startswith(f"{SHOWCASE}.")
        kinds = [Kind.BKB, Kind.BKR, Kind.BKL]
        if full or rng.random() < 0.4:
            kinds.append(Kind.UPPKA)
        if full or rng.random() < 0.25:
            kinds.append(Kind.PIK_R)
        wanted |= {(desa, str(kind)) for kind in kinds}
    return wanted


def _k0(groups: list[Group], rng: random.Random) -> None:
    """The showcase's K/0 cards: SK, funding, integration, kits, board."""
    for g in groups:
        g.sk_number = f"{rng.randint(10, 99)}/SK/KDS/{rng.randint(2019, 2023)}"
        g.sk_date = dt.date(rng.randint(2019, 2023), rng.randint(1, 12), rng.randint(1, 28))
        g.sk_issuer = "kepala_desa"
        g.funding = ["add", "swadaya"] if rng.random() < 0.6 else ["apbd"]
        g.integration = ["posyandu", "paud"] if g.kind == Kind.BKB else ["kampung_kb"]
        g.kits = ["bkb_kit", "kka", "materi"] if g.kind == Kind.BKB else ["materi"]
        g.ketua, g.sekretaris, g.bendahara = (f"Ibu {rng.choice('ABDHKMNRS')}. {n}" for n in "KSB")
    Group.objects.bulk_update(
        groups,
        ["sk_number", "sk_date", "sk_issuer", "funding", "integration", "kits", "ketua"]
        + ["sekretaris", "bendahara"],
    )


def _youth_members(groups: dict[str, int], today: dt.date, rng: random.Random) -> int:
    """PIK-R members: a share of the young people 10–24 of each PIK-R's desa."""
    youth = Member.objects.filter(eligibility.living_on(today), eligibility.aged(today, 10, 25))
    rows = []
    for pk, family_id, region in youth.values_list("pk", "family_id", "family__region_code"):
        group = groups.get(desa_of(region))
        if group and rng.random() < 0.12:
            start = today - dt.timedelta(days=rng.randint(30, 700))
            rows.append(
                Membership(group_id=group, family_id=family_id, person_id=pk, started_on=start)
            )
    Membership.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _showcase_members(groups: list[Group], today: dt.date, rng: random.Random) -> int:
    """Bontomarannu's groups enrol about half their remaining targets from the register."""
    rows = []
    for g in groups:
        for found in eligibility.not_yet_members(g, today):
            if rng.random() < 0.5:
                start = today - dt.timedelta(days=rng.randint(30, 500))
                person = found if g.kind == Kind.PIK_R else None
                family_id = found.family_id if person else found.pk
                rows.append(
                    Membership(group=g, family_id=family_id, person=person, started_on=start)
                )
    Membership.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _recorder(users: dict[str, int], region_code: str) -> int:
    """Who records a group's sessions: its desa's user, else its kecamatan's, else the first."""
    return users.get(region_code) or users.get(region_code[:8]) or next(iter(users.values()))


def _activity(groups: list[Group], today: dt.date, rng: random.Random) -> tuple[int, int]:
    """Sessions month by month and their attendance; returns (sessions, attendance)."""
    members = defaultdict(list)
    for pk, group_id, started in Membership.objects.filter(group__in=groups).values_list(
        "pk", "group_id", "started_on"
    ):
        members[group_id].append((pk, started))
    users = dict(User.objects.order_by("-pk").values_list("region_code", "pk"))
    sessions, plans = [], []
    for g in groups:
        full = g.region_code.startswith(f"{SHOWCASE}.")
        topics = curriculum.TOPICS[g.kind]
        for n in range(MONTHS):
            month = dates.add_months(today, n - MONTHS + 1)
            if rng.random() > (0.95 if full else 0.6):
                continue
            day = min(month.replace(day=rng.randint(5, 25)), today)
            topic = topics[(month.year * 12 + month.month) % len(topics)][0]
            kind = rng.choice([Presenter.KADER, Presenter.PKB, Presenter.PPKBD])
            user = _recorder(users, g.region_code)
            sessions.append(
                Session(
                    group=g,
                    date=day,
                    topic=topic,
                    presenter_kind=kind,
                    discussion=rng.random() < 0.7,
                    presenter_name=f"Kader {g.name}",
                    created_by_id=user,
                )  # fmt: skip
            )
            eligible = [pk for pk, started in members[g.pk] if started <= day]
            plans.append(rng.sample(eligible, min(len(eligible), rng.randint(10, 30))))
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    attendance = [
        Attendance(session_id=s.pk, membership_id=m)
        for s, chosen in zip(sessions, plans, strict=True)
        for m in chosen
    ]
    Attendance.objects.bulk_create(attendance, batch_size=BATCH)
    return len(sessions), len(attendance)


def _kka(today: dt.date, rng: random.Random) -> int:
    """KKA checks at the showcase's BKB sessions, for children of attending families."""
    sessions = Session.objects.filter(group__kind=Kind.BKB, group__region_code__startswith=SHOWCASE)
    attended = defaultdict(set)
    for session_id, family_id in Attendance.objects.filter(session__in=sessions).values_list(
        "session_id", "membership__family_id"
    ):
        attended[session_id].add(family_id)
    children = defaultdict(list)
    young = Member.objects.filter(
        family__region_code__startswith=SHOWCASE, birth_date__gt=dates.years_before(today, 7)
    )
    for pk, family_id, birth in young.values_list("pk", "family_id", "birth_date"):
        children[family_id].append((pk, birth))
    history: dict[int, list] = defaultdict(list)
    checks = []
    for session_id, day in sessions.order_by("date").values_list("pk", "date"):
        kids = [(pk, b) for f in attended[session_id] for pk, b in children[f] if b <= day]
        for pk, birth in rng.sample(kids, min(len(kids), 8)):
            band = kka.band_of(birth, day)
            if band is None:
                continue
            ticked = [c for c in kka.codes_of(band) if rng.random() < 0.85]
            referral = kka.needs_referral(band, ticked, history[pk][::-1])
            history[pk].append((band, ticked))
            checks.append(KkaCheck(session_id=session_id, child_id=pk, band=band, ticked=ticked,
                                   needs_referral=referral))  # fmt: skip
    KkaCheck.objects.bulk_create(checks, batch_size=BATCH)
    return len(checks)


def _uppka(today: dt.date, rng: random.Random) -> int:
    """Businesses, capital for a share of UPPKA members, and each group's monthly revenue."""
    memberships = list(Membership.objects.filter(group__kind=Kind.UPPKA))
    businesses = ["warung", "kue basah", "jahit", "ternak ayam", "kerajinan bambu", "tani sayur"]
    capital = []
    for m in memberships:
        m.business = rng.choice(businesses)
        if rng.random() < 0.4:
            received = today - dt.timedelta(days=rng.randint(10, 700))
            amount = rng.choice([500_000, 1_000_000, 2_000_000, 5_000_000])
            source = rng.choice(CapitalSource.values)
            capital.append(
                Capital(membership=m, source=source, amount=amount, received_on=received)
            )
    Membership.objects.bulk_update(memberships, ["business"], batch_size=BATCH)
    Capital.objects.bulk_create(capital, batch_size=BATCH)
    revenue = [
        Revenue(group_id=g, month=dates.add_months(today, -n), amount=rng.randint(5, 60) * 100_000)
        for g in Group.objects.filter(kind=Kind.UPPKA).values_list("pk", flat=True)
        for n in range(12)
    ]
    Revenue.objects.bulk_create(revenue, batch_size=BATCH)
    return len(capital)


def step(ctx: DemoContext) -> str:
    started = time.monotonic()
    rng = random.Random(ctx.rng.getrandbits(64))
    today = dates.today()
    desas = list(
        Region.objects.filter(level=Level.DESA, code__startswith=f"{ctx.kabupaten.code}.")
        .order_by("code")
        .values_list("code", flat=True)
    )
    plan = ensure_groups(_plan(desas, rng), Group, Region)
    groups = list(Group.objects.filter(pk__in=plan.values()).order_by("pk"))
    showcase = [g for g in groups if g.region_code.startswith(f"{SHOWCASE}.")]
    _k0(showcase, rng)
    pik_r = {
        desa: pk for (desa, kind), pk in plan.items() if kind == Kind.PIK_R and desa[:8] != SHOWCASE
    }
    youth = _youth_members(pik_r, today, rng)
    fuller = _showcase_members(showcase, today, rng)
    n_sessions, n_attendance = _activity(groups, today, rng)
    checks = _kka(today, rng)
    capital = _uppka(today, rng)
    return (
        f"{len(groups)} poktan, {youth} anggota PIK-R, {fuller} anggota lagi di Bontomarannu, "
        f"{n_sessions} pertemuan, "
        f"{n_attendance} kehadiran, {checks} KKA, {capital} modal UPPKA "
        f"({time.monotonic() - started:.1f} dtk)"
    )
