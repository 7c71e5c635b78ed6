"""Demo step: KB service days per kecamatan with their outcomes, calon pengantin, marriages
and PUP mentoring, on whatever the demo's register holds (even nothing).

Runs after the counselling step (it needs the Puskesmas). The outcomes are the register's
own: a past service day of a kecamatan falls on the day most of its new acceptors of the
last year started, and those women are its attendees, served and confirmed, linked to their
episode — so REKAP_PUS already counts them and nothing is written into the register here.
Women with a wish to delay or stop and no KB history are the invited who did not come, and
the invitations of an upcoming day. Marriages agree with the register: its young couples
(wife 17–23, no child, no pregnancy) married on or before the day the register first holds
them as married, and calon pengantin from outside the register who married in the last year
on their planned day; calon pengantin to come pair unmarried young people of a desa.
Everything is ``bulk_create`` (the generator records one audit event) and seed-driven.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

from django.db.models import Exists, Min, OuterRef

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.accounts.scope import scope_filter
from impsmart.counseling.models import Facility, KieSession, KieTopic, Presenter
from impsmart.demo.names import person_name
from impsmart.families import codes
from impsmart.families.models import ContraceptiveEpisode, IntentionRecord, Member, Pregnancy
from impsmart.regions.models import Level, Region
from impsmart.services.actions import audience
from impsmart.services.models import Couple, Invitation, Mentee, Reason, ServiceDay

PAST_DAYS_PER_KECAMATAN = 2
NOT_CAME = 3
UPCOMING_INVITED = 6
CATIN_PER_KECAMATAN = 3
MARRIAGES_PER_KECAMATAN = 4
MENTORING_PER_KECAMATAN = 2
STAFF = "Bidan koordinator dan dokter Puskesmas"


def _kecamatan(code: str) -> str:
    return ".".join(code.split(".")[:3])


def _desa(code: str) -> str:
    return ".".join(code.split(".")[:4])


def step(ctx) -> str:
    rng = random.Random(ctx.rng.getrandbits(64))
    today = dates.today()
    kabupaten = ctx.kabupaten.code
    facilities = {
        f.region_code: f
        for f in Facility.objects.filter(
            kind=Facility.Kind.PUSKESMAS, region_code__startswith=f"{kabupaten}."
        )
    }
    cadres = dict(User.objects.filter(role=Role.PPKBD).values_list("region_code", "pk"))
    admin = User.objects.filter(role=Role.ADMIN_KABUPATEN).values_list("pk", flat=True).first()
    if admin is None:
        return "0 pelayanan KB"
    days, invited = _service_days(rng, kabupaten, today, facilities, admin)
    couples, married = _couples(rng, kabupaten, today, cadres, admin)
    sessions = _mentoring(rng, kabupaten, today, cadres)
    return (
        f"{days} pelayanan KB serentak ({invited} sasaran), {couples} calon pengantin, "
        f"{married} pernikahan, {sessions} pendampingan PUP"
    )


def _first_episodes(kabupaten: str, since: dt.date) -> dict[str, dict[dt.date, list]]:
    """{kecamatan: {day: [episode]}} of first-ever episodes begun since ``since``."""
    earlier = ContraceptiveEpisode.objects.filter(
        member=OuterRef("member_id"), start_date__lt=OuterRef("start_date")
    )
    episodes = (
        ContraceptiveEpisode.objects.filter(
            member__family__region_code__startswith=f"{kabupaten}.", start_date__gte=since
        )
        .exclude(Exists(earlier))
        .values_list("pk", "member_id", "method", "method_type", "jalur", "start_date",
                     "member__family__region_code")
        .order_by("pk")
    )  # fmt: skip
    found: dict[str, dict[dt.date, list]] = defaultdict(lambda: defaultdict(list))
    for row in episodes:
        found[_kecamatan(row[6])][row[5]].append(row)
    return found


def _unmet_pool(kabupaten: str) -> dict[str, list[tuple[int, dt.date]]]:
    """{kecamatan: [(woman, first wish)]}: a wish to delay or stop, no KB history at all."""
    women = (
        IntentionRecord.objects.filter(
            member__family__region_code__startswith=f"{kabupaten}.",
            intention__in=[codes.Intention.IAT, codes.Intention.TIAL],
            member__left_on__isnull=True,
        )
        .exclude(Exists(ContraceptiveEpisode.objects.filter(member=OuterRef("member_id"))))
        .values("member_id", "member__family__region_code")
        .annotate(since=Min("recorded_on"))
        .order_by("member_id")
    )
    pool: dict[str, list[tuple[int, dt.date]]] = defaultdict(list)
    for row in women:
        pool[_kecamatan(row["member__family__region_code"])].append(
            (row["member_id"], row["since"])
        )
    return pool


def _take(pool: list[tuple[int, dt.date]], n: int, invited_on: dt.date) -> list[int]:
    """Up to ``n`` women of the pool whose wish was recorded by ``invited_on`` (removed)."""
    taken = [entry for entry in pool if entry[1] <= invited_on][:n]
    for entry in taken:
        pool.remove(entry)
    return [pk for pk, _since in taken]


def _service_days(rng, kabupaten, today, facilities, admin) -> tuple[int, int]:
    first = _first_episodes(kabupaten, today - dt.timedelta(days=365))
    pool = _unmet_pool(kabupaten)
    days, rows = [], []
    for kec_code in sorted(facilities):
        facility = facilities[kec_code]
        busiest = sorted(first.get(kec_code, {}).items(), key=lambda item: (-len(item[1]), item[0]))
        unmet = list(pool.get(kec_code, []))
        rng.shuffle(unmet)
        methods = [codes.Method.IUD, codes.Method.IMPLAN, codes.Method.SUNTIK3, codes.Method.PIL]
        for day, episodes in busiest[:PAST_DAYS_PER_KECAMATAN]:
            methods_ = sorted({*methods, *(e[2] for e in episodes)}, key=codes.Method.values.index)
            service = _day(kec_code, day, facility, methods_, admin, "Aula kantor kecamatan")
            days.append(service)
            for pk, member, method, method_type, jalur, _start, _region in episodes:
                rows.append(
                    Invitation(
                        service_day=service, member_id=member, reason=Reason.UNMET,
                        invited_on=day - dt.timedelta(days=7), invited_by_id=admin,
                        attended=True, method=method, method_type=method_type, jalur=jalur,
                        served_by_id=admin, confirmed_by_id=admin,
                        confirmed_on=min(today, day + dt.timedelta(days=2)), episode_id=pk,
                    )
                )  # fmt: skip
            for member in _take(unmet, NOT_CAME, day - dt.timedelta(days=3)):
                rows.append(_invited(service, member, day, admin, attended=False))
        upcoming = today + dt.timedelta(days=rng.randint(7, 21))
        service = _day(kec_code, upcoming, facility, methods, admin, "Balai desa")
        days.append(service)
        for member in _take(unmet, UPCOMING_INVITED, today - dt.timedelta(days=3)):
            rows.append(_invited(service, member, today, admin, attended=None))
    ServiceDay.objects.bulk_create(days)  # audit-ok: demo data, one event for the generator
    for row in rows:
        row.service_day_id = row.service_day.pk
    Invitation.objects.bulk_create(rows, batch_size=2000)  # audit-ok: demo data
    return len(days), len(rows)


def _day(region, day, facility, methods, admin, place) -> ServiceDay:
    return ServiceDay(
        region_code=region, date=day, place=place, facility=facility, medical_staff=STAFF,
        methods=list(methods), created_by_id=admin,
        note="Pelayanan KB serentak (data contoh)",
    )  # fmt: skip


def _invited(service, member, day, admin, attended) -> Invitation:
    return Invitation(
        service_day=service, member_id=member, reason=Reason.UNMET,
        invited_on=min(day, service.date) - dt.timedelta(days=3), invited_by_id=admin,
        attended=attended,
    )  # fmt: skip


def _couples(rng, kabupaten, today, cadres, admin) -> tuple[int, int]:
    """Marriages that agree with the register, and calon pengantin per kecamatan."""
    rows = _register_marriages(rng, kabupaten, today, cadres, admin)
    rows += _recent_marriages(rng, kabupaten, today, cadres, admin)
    married = len(rows)
    rows += _engaged(rng, kabupaten, today, cadres, admin)
    Couple.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)  # audit-ok: demo
    return len(rows) - married, married


def _register_marriages(rng, kabupaten, today, cadres, admin) -> list[Couple]:
    """Young register couples without children, married on or before the day the register
    first holds them as a couple (the family's registration, or the later day one of them
    joined it) and before the wife's first KB use or wish, and not before she was 16."""
    children = Member.objects.filter(family=OuterRef("family_id"), relation=codes.Relation.CHILD)
    wives = (
        Member.objects.filter(
            family__region_code__startswith=f"{kabupaten}.",
            sex=codes.Sex.FEMALE,
            marital_status=codes.Marital.MARRIED,
            spouse__isnull=False,
            left_on__isnull=True,
            birth_date__gt=dates.years_before(today, 24),
            birth_date__lte=dates.years_before(today, 17),
        )
        .exclude(Exists(Pregnancy.objects.filter(member=OuterRef("pk"))))
        .exclude(Exists(children))
        .annotate(first_kb=Min("episodes__start_date"), first_wish=Min("intentions__recorded_on"))
        .values_list("pk", "name", "birth_date", "spouse_id", "spouse__name",
                     "spouse__birth_date", "family__region_code", "family__registered_on",
                     "joined_on", "spouse__joined_on", "first_kb", "first_wish")
        .order_by("pk")
    )  # fmt: skip
    rows: list[Couple] = []
    per_kecamatan: Counter = Counter()
    for wife, name, birth, husband, h_name, h_birth, region, registered, *later in wives:
        kec = _kecamatan(region)
        if per_kecamatan[kec] >= MARRIAGES_PER_KECAMATAN:
            continue
        joined, h_joined, first_kb, first_wish = later
        held = max(d for d in (registered, joined, h_joined) if d is not None)
        latest = min(d for d in (held, first_kb, first_wish, today) if d is not None)
        sixteen = dt.date(birth.year + 16, birth.month, min(birth.day, 28))
        if latest < sixteen:
            continue  # the register had her married too young to date a marriage
        day = latest - dt.timedelta(days=rng.randrange(min((latest - sixteen).days, 365) + 1))
        per_kecamatan[kec] += 1
        rows.append(
            _married(region, (wife, name, birth), (husband, h_name, h_birth), day,
                     cadres.get(_desa(region), admin))
        )  # fmt: skip
    return rows


def _recent_marriages(rng, kabupaten, today, cadres, admin) -> list[Couple]:
    """Calon pengantin from outside the register who married in the last year, on the day
    they had planned: the register holds nothing on them yet (their own KK comes later)."""
    desa_by_kecamatan: dict[str, list[str]] = defaultdict(list)
    for code in (
        Region.objects.filter(level=Level.DESA, code__startswith=f"{kabupaten}.")
        .values_list("code", flat=True)
        .order_by("code")
    ):
        desa_by_kecamatan[_kecamatan(code)].append(code)
    rows = []
    for kec_code in sorted(desa_by_kecamatan):
        for _n in range(MARRIAGES_PER_KECAMATAN):
            desa = rng.choice(desa_by_kecamatan[kec_code])
            day = today - dt.timedelta(days=rng.randrange(1, 365))
            bride_birth = day - dt.timedelta(days=rng.randint(17 * 365, 27 * 365))
            groom_birth = bride_birth - dt.timedelta(days=rng.randint(0, 8 * 365))
            bride = (None, person_name(rng, codes.Sex.FEMALE), bride_birth)
            groom = (None, person_name(rng, codes.Sex.MALE), groom_birth)
            couple = _married(desa, bride, groom, day, cadres.get(desa, admin))
            couple.planned_on = day
            rows.append(couple)
    return rows


def _married(region, bride, groom, day, created_by) -> Couple:
    """A couple married on ``day``; ``bride`` and ``groom`` are (member id or None, name,
    birth date)."""
    return Couple(
        region_code=_desa(region), bride_id=bride[0], bride_name=bride[1],
        bride_birth_date=bride[2], groom_id=groom[0], groom_name=groom[1],
        groom_birth_date=groom[2], married_on=day, bride_age=dates.age_on(bride[2], day),
        groom_age=dates.age_on(groom[2], day), created_by_id=created_by,
    )  # fmt: skip


def _engaged(rng, kabupaten, today, cadres, admin) -> list[Couple]:
    single = (
        Member.objects.filter(
            family__region_code__startswith=f"{kabupaten}.",
            marital_status=codes.Marital.SINGLE,
            left_on__isnull=True,
            birth_date__gt=dates.years_before(today, 28),
            birth_date__lte=dates.years_before(today, 17),
        )
        .values_list("pk", "name", "birth_date", "sex", "family_id", "family__region_code")
        .order_by("pk")
    )
    by_desa: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in single:
        by_desa[_desa(row[5])][row[3]].append(row)
    per_kecamatan: Counter = Counter()
    rows = []
    for desa in sorted(by_desa):
        kec = _kecamatan(desa)
        women, men = by_desa[desa][codes.Sex.FEMALE], by_desa[desa][codes.Sex.MALE]
        while women and men and per_kecamatan[kec] < CATIN_PER_KECAMATAN:
            bride = women.pop(rng.randrange(len(women)))
            groom = next((m for m in men if m[4] != bride[4]), None)
            if groom is None:
                break
            men.remove(groom)
            per_kecamatan[kec] += 1
            rows.append(
                Couple(
                    region_code=desa, bride_id=bride[0], bride_name=bride[1],
                    bride_birth_date=bride[2], groom_id=groom[0], groom_name=groom[1],
                    groom_birth_date=groom[2],
                    planned_on=today + dt.timedelta(days=rng.randint(14, 180)),
                    created_by_id=cadres.get(desa, admin),
                )
            )  # fmt: skip
    return rows


def _mentoring(rng, kabupaten, today, cadres) -> int:
    """PUP mentoring in a desa with a PPKBD per kecamatan: its young people and couples."""
    desa_by_kecamatan: dict[str, str] = {}
    for code in sorted(cadres):
        if code.startswith(f"{kabupaten}.") and code.count(".") == 3:
            desa_by_kecamatan.setdefault(_kecamatan(code), code)
    if not desa_by_kecamatan:
        return 0
    young = (
        Member.objects.filter(
            scope_filter("family__region_code", sorted(desa_by_kecamatan.values())),
            left_on__isnull=True,
            birth_date__gt=dates.years_before(today, 24),
            birth_date__lte=dates.years_before(today, 15),
        )
        .values_list("pk", "sex", "birth_date", "family__region_code")
        .order_by("pk")
    )  # fmt: skip
    by_desa: dict[str, list] = defaultdict(list)
    for row in young:
        by_desa[_desa(row[3])].append(row)
    couples: dict[str, list] = defaultdict(list)
    for couple in Couple.objects.filter(married_on__isnull=True).order_by("pk"):
        couples[_desa(couple.region_code)].append(couple)
    sessions, links = [], []
    for desa in sorted(desa_by_kecamatan.values()):
        people = by_desa.get(desa, [])
        for n in range(MENTORING_PER_KECAMATAN):
            day = today - dt.timedelta(days=30 + 90 * n + rng.randrange(30))
            chosen = rng.sample(people, min(len(people), rng.randint(5, 10)))
            pairs = couples.get(desa, [])[:2]
            faces = [(sex, birth) for _pk, sex, birth, _r in chosen]
            for c in pairs:
                faces += [
                    (codes.Sex.FEMALE, c.bride_birth_date),
                    (codes.Sex.MALE, c.groom_birth_date),
                ]
            session = KieSession(
                region_code=desa, date=day, place="Sekretariat PIK-R",
                topics=[KieTopic.PUP, rng.choice([KieTopic.KESPRO, KieTopic.NAPZA])],
                presenter_kind=Presenter.KADER, presenter_name="Pendamping PUP",
                created_by_id=cadres[desa], **audience(faces, day),
            )  # fmt: skip
            sessions.append(session)
            links += [(session, pk, None) for pk, *_rest in chosen]
            links += [(session, None, c.pk) for c in pairs]
    KieSession.objects.bulk_create(sessions)  # audit-ok: demo data
    Mentee.objects.bulk_create(  # audit-ok: demo data
        [Mentee(session_id=s.pk, person_id=p, couple_id=c) for s, p, c in links], batch_size=2000
    )
    return len(sessions)
