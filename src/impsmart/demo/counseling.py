"""Demo KIE, counselling, referrals and visits on whatever families the demo holds (even none).

A Puskesmas per kecamatan linked to its demo mitra user, a year of monthly KIE sessions per
desa, counselling with a WHO MEC screening for about 3 % of married women, referrals behind
recent implant/IUD episodes (served and confirmed, linked to the episode), a few pending and
not-served referrals, and DMPA re-injection visits. Everything is written with ``bulk_create``
(the demo records one audit event for all of it) and depends only on the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import cache
from typing import TYPE_CHECKING

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.counseling import mec
from impsmart.counseling.facilities import puskesmas_name
from impsmart.counseling.models import (
    Counseling,
    Facility,
    FacilityStaff,
    KieSession,
    KieTopic,
    Partner,
    Presenter,
    Referral,
    Visit,
)
from impsmart.families import codes
from impsmart.families.models import ContraceptiveEpisode, Member
from impsmart.regions.models import Level, Region

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

BATCH = 2000
COUNSELED_SHARE = 0.03
PLACES = ("Balai desa", "Posyandu", "Masjid", "Rumah kepala dusun", "Kantor desa")
NOT_SERVED = ("Bidan sedang pelatihan", "Alat/obat kosong", "Klien belum datang")


def _kecamatan(code: str) -> str:
    return ".".join(code.split(".")[:3])


def _desa(code: str) -> str:
    return ".".join(code.split(".")[:4])


def _facilities(kabupaten: Region) -> dict[str, Facility]:
    kecamatan = Region.objects.filter(parent=kabupaten, level=Level.KECAMATAN).order_by("code")
    rows = [
        Facility(name=puskesmas_name(k.name), kind=Facility.Kind.PUSKESMAS, region_code=k.code)
        for k in kecamatan
    ]
    Facility.objects.bulk_create(rows, batch_size=BATCH)
    by_code = {
        f.region_code: f
        for f in Facility.objects.filter(region_code__in=[k.code for k in kecamatan])
    }
    mitras = User.objects.filter(role=Role.MITRA, region_code__in=by_code).order_by("pk")
    links, linked = [], set()
    for user in mitras:
        if user.username.startswith("puskesmas.") and user.region_code not in linked:
            links.append(FacilityStaff(user=user, facility=by_code[user.region_code]))
            linked.add(user.region_code)
    FacilityStaff.objects.bulk_create(links, batch_size=BATCH)
    return by_code


def _cadres() -> tuple[dict[str, int], int | None]:
    cadres = dict(User.objects.filter(role=Role.PPKBD).values_list("region_code", "pk"))
    admin = User.objects.filter(role=Role.ADMIN_KABUPATEN).values_list("pk", flat=True).first()
    return cadres, admin


def _kie(kabupaten: Region, rng: random.Random, today: dt.date, cadres, fallback) -> int:
    desa = Region.objects.filter(level=Level.DESA, code__startswith=f"{kabupaten.code}.")
    rows = []
    for d in desa.order_by("code"):
        author = cadres.get(d.code, fallback)
        if author is None:
            continue
        for months_back in range(12):
            day = today - dt.timedelta(days=30 * months_back + rng.randrange(28))
            rows.append(_kie_session(rng, d.code, day, author))
    KieSession.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _kie_session(rng: random.Random, code: str, day: dt.date, author: int) -> KieSession:
    kind = rng.choices(Presenter.values, weights=(6, 3, 1))[0]
    people = {
        f"audience_{g}_{s}": rng.randrange(0, n)
        for g, n in (("lt20", 6), ("20_49", 25), ("50plus", 6))
        for s in "lp"
    }
    return KieSession(
        region_code=code,
        date=day,
        place=rng.choice(PLACES),
        topics=rng.sample(KieTopic.values, rng.randint(1, 3)),
        presenter_kind=kind,
        presenter_name="PKB/PLKB" if kind == Presenter.PKB else "Kader IMP",
        partners=rng.sample(Partner.values, rng.randint(0, 3)),
        kie_kit=rng.random() < 0.6,
        leaders_active=rng.randrange(0, 4),
        created_by_id=author,
        **people,
    )


@cache
def _screen(age: int, smoking: bool) -> tuple[dict, dict]:
    facts = {"age": age, "smoking": True, "cigarettes_per_day": 5} if smoking else {"age": age}
    return facts, mec.evaluate(facts)


def _counseling(rng: random.Random, women: list, today: dt.date, cadres, fallback) -> list:
    rows = []
    for pk, birth, region in women:
        author = cadres.get(_desa(region), fallback)
        if author is None or rng.random() >= COUNSELED_SHARE:
            continue
        day = today - dt.timedelta(days=rng.randrange(180))
        age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
        facts, result = _screen(age, rng.random() < 0.05)
        rows.append(
            Counseling(
                member_id=pk,
                date=day,
                counselor_id=author,
                topics=["kb_mkjp"],
                facts=facts,
                result=result,
            )
        )
    Counseling.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def _served_referrals(rng, kabupaten: Region, today, facilities, cadres, fallback) -> list:
    """Referrals behind the implants and IUDs started in the last year: served and confirmed."""
    episodes = (
        ContraceptiveEpisode.objects.filter(
            member__family__region_code__startswith=f"{kabupaten.code}.",
            method__in=[codes.Method.IMPLAN, codes.Method.IUD],
            start_date__gte=today - dt.timedelta(days=365),
        )
        .values_list(
            "pk",
            "member_id",
            "method",
            "method_type",
            "start_date",
            "jalur",
            "member__family__region_code",
        )
        .order_by("pk")
    )
    rows = []
    for pk, member, method, method_type, start, jalur, region in episodes:
        facility = facilities.get(_kecamatan(region))
        author = cadres.get(_desa(region), fallback)
        if facility is None or author is None or rng.random() < 0.3:
            continue
        rows.append(
            Referral(
                member_id=member,
                facility=facility,
                method_wanted=method,
                reason="Ingin MKJP",
                sent_on=start - dt.timedelta(days=rng.randint(1, 10)),
                created_by_id=author,
                status=Referral.Status.SERVED,
                served_method=method,
                served_method_type=method_type,
                served_on=start,
                served_jalur=jalur,
                confirmed_by_id=author,
                confirmed_on=min(today, start + dt.timedelta(days=rng.randint(0, 5))),
                episode_id=pk,
            )
        )
    return rows


def _open_referrals(rng, counseled: list, today, facilities, regions) -> list:
    """Some counselled non-users referred lately: most still pending, some not served."""
    using = set(
        ContraceptiveEpisode.objects.filter(end_date__isnull=True).values_list(
            "member_id", flat=True
        )
    )
    rows = []
    for c in counseled:
        facility = facilities.get(_kecamatan(regions[c.member_id]))
        if c.member_id in using or facility is None or rng.random() >= 0.25:
            continue
        sent = min(today, c.date + dt.timedelta(days=rng.randrange(3)))
        referral = Referral(
            member_id=c.member_id,
            facility=facility,
            reason="Konsultasi KB",
            method_wanted=rng.choice(["IMPLAN", "IUD", "SUNTIK3"]),
            sent_on=sent,
            created_by_id=c.counselor_id,
        )
        if rng.random() < 0.25:
            referral.status = Referral.Status.NOT_SERVED
            referral.not_served_reason = rng.choice(NOT_SERVED)
        rows.append(referral)
    return rows


def _injection_visits(rng, kabupaten: Region, today, cadres, fallback) -> list:
    """Re-injection visits for about a third of current DMPA users (the last due date)."""
    episodes = (
        ContraceptiveEpisode.objects.filter(
            member__family__region_code__startswith=f"{kabupaten.code}.",
            method=codes.Method.SUNTIK3,
            end_date__isnull=True,
            start_date__lte=today - dt.timedelta(days=84),
        )
        .values_list("member_id", "start_date", "member__family__region_code")
        .order_by("pk")
    )
    rows = []
    for member, start, region in episodes:
        author = cadres.get(_desa(region), fallback)
        if author is None or rng.random() >= 0.35:
            continue
        k = (today - start).days // 84
        rows.append(
            Visit(
                member_id=member,
                date=start + dt.timedelta(days=84 * k),
                kind="suntik3",
                outcome=Visit.Outcome.SERVED,
                visited_by_id=author,
            )
        )
    return rows


def create_counseling(kabupaten: Region, rng: random.Random) -> str:
    today = dates.today()
    facilities = _facilities(kabupaten)
    cadres, fallback = _cadres()
    sessions = _kie(kabupaten, rng, today, cadres, fallback)
    women = list(
        Member.objects.filter(
            family__region_code__startswith=f"{kabupaten.code}.",
            sex=codes.Sex.FEMALE,
            marital_status=codes.Marital.MARRIED,
            left_on__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", "birth_date", "family__region_code")
    )
    counseled = _counseling(rng, women, today, cadres, fallback)
    regions = {pk: region for pk, _birth, region in women}
    referrals = _served_referrals(rng, kabupaten, today, facilities, cadres, fallback)
    referrals += _open_referrals(rng, counseled, today, facilities, regions)
    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    visits = _injection_visits(rng, kabupaten, today, cadres, fallback)
    Visit.objects.bulk_create(visits, batch_size=BATCH)
    return (
        f"{len(facilities)} Puskesmas, {sessions} sesi KIE, {len(counseled)} konseling, "
        f"{len(referrals)} rujukan, {len(visits)} kunjungan"
    )


def step(ctx: DemoContext) -> str:
    return create_counseling(ctx.kabupaten, random.Random(ctx.rng.getrandbits(64)))
