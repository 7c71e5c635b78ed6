"""Demo IMP institutions along the replication story, their boards, one signed SK, partners.

Every desa has its PPKBD and every dusun its Sub-PPKBD; each kecamatan has its coordination
body, and the kabupaten its body and the cadre forum. Kecamatan Bontomarannu (every desa) and
the first desa of each other kecamatan have collective boards named in a signed decree in
force from 1 January; elsewhere the board is one person (tunggal). Partners per kecamatan
(Puskesmas linked to its facility, Binmas, Babinsa, KUA, PKK) and IPeKB at the kabupaten take
part in joint activities over the last year. Written with ``bulk_create`` (the demo records one
audit event for all of it); depends only on the seed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.counseling.models import Facility
from impsmart.demo.names import person_name
from impsmart.organization.decree import SEAT_ORDER
from impsmart.organization.models import (
    BoardSeat,
    Decree,
    Funding,
    Institution,
    Level,
    Partner,
    PartnerActivity,
    PartnerContact,
    Seat,
)
from impsmart.regions.models import Level as RegionLevel
from impsmart.regions.models import Region

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

BATCH = 2000
SHOWCASE_KECAMATAN = "73.06.06"  # Bontomarannu: the medium-term replication target
COLLECTIVE_SEATS = [Seat.KETUA, Seat.SEKRETARIS, Seat.BENDAHARA, Seat.SEKSI_KIE, Seat.ANGGOTA]
PARTNERS = [
    (Partner.Kind.PUSKESMAS, "Puskesmas {k}", "Kepala Puskesmas"),
    (Partner.Kind.POLRI_BINMAS, "Polsek {k} (Binmas)", "Kanit Binmas"),
    (Partner.Kind.TNI_BABINSA, "Koramil {k} (Babinsa)", "Babinsa"),
    (Partner.Kind.KUA, "KUA Kecamatan {k}", "Kepala KUA"),
    (Partner.Kind.PKK, "TP PKK Kecamatan {k}", "Ketua TP PKK"),
]


def _institution(level: str, region: Region, name: str, founded: dt.date, pembina=None):
    return Institution(
        code=f"{level}.{region.code}",
        level=level,
        name=name,
        region_code=region.code,
        founded_on=founded,
        funding=[Funding.APBD, Funding.ADD] if level == Level.PPKBD else [Funding.SWADAYA],
        pembina_id=pembina,
    )


def _institutions(ctx: DemoContext, today: dt.date) -> tuple[list[Institution], set[str]]:
    """Every institution, and the region codes of those with a collective board."""
    rng, kabupaten = ctx.rng, ctx.kabupaten
    regions = Region.objects.filter(code__startswith=f"{kabupaten.code}.")
    kecamatan = list(regions.filter(level=RegionLevel.KECAMATAN).order_by("code"))
    desa = list(regions.filter(level=RegionLevel.DESA).order_by("code"))
    dusun = list(regions.filter(level=RegionLevel.DUSUN).order_by("code"))
    pembina = {}
    for pk, code, extra in User.objects.filter(role=Role.PKB).values_list(
        "pk", "region_code", "extra_region_codes"
    ):
        for c in [code, *extra]:
            pembina.setdefault(c, pk)

    def founded() -> dt.date:
        return today - dt.timedelta(days=rng.randrange(365, 6 * 365))

    rows = [
        _institution(
            Level.KABUPATEN, kabupaten, f"Koordinasi Kader IMP Smart {kabupaten}", founded()
        ),
        _institution(Level.FORUM, kabupaten, f"Forum Komunikasi Kader IMP {kabupaten}", founded()),
    ]
    rows += [
        _institution(Level.KECAMATAN, k, f"Koordinasi Kader IMP Smart {k}", founded())
        for k in kecamatan
    ]
    rows += [
        _institution(Level.PPKBD, d, f"PPKBD {d.name}", founded(), pembina.get(d.code))
        for d in desa
    ]
    rows += [
        _institution(Level.SUB_PPKBD, u, f"Sub-PPKBD {u.name}", founded(), pembina.get(u.parent_id))
        for u in dusun
    ]
    first_desa = {}
    for d in desa:
        first_desa.setdefault(d.parent_id, d.code)
    collective = {d.code for d in desa if d.parent_id == SHOWCASE_KECAMATAN}
    collective |= set(first_desa.values())
    collective |= {k.code for k in kecamatan} | {kabupaten.code}
    Institution.objects.bulk_create(rows, batch_size=BATCH)
    return list(Institution.objects.filter(code__in=[r.code for r in rows])), collective


def _seat(institution, seat, name, since, user=None, decree=None) -> BoardSeat:
    return BoardSeat(
        institution=institution,
        seat=seat,
        name=name,
        user_id=user,
        started_on=since,
        official_since=decree.effective_on if decree else None,
        decree=decree,
    )


def _boards(ctx, institutions, collective, decree, today) -> list[BoardSeat]:
    rng = ctx.rng
    cadres = dict(
        User.objects.filter(role__in=[Role.PPKBD, Role.SUB_PPKBD]).values_list("region_code", "pk")
    )
    names = dict(User.objects.filter(pk__in=cadres.values()).values_list("pk", "first_name"))
    seats = []
    for i in institutions:
        user = cadres.get(i.region_code)
        since = i.founded_on
        named = i.level in (Level.PPKBD, Level.KECAMATAN, Level.KABUPATEN)
        official = decree if named and i.region_code in collective else None
        if (
            i.level == Level.PPKBD
            and i.region_code in collective
            or i.level
            in (
                Level.KECAMATAN,
                Level.KABUPATEN,
                Level.FORUM,
            )
        ):
            if rng.random() < 0.5:  # a board that moved from tunggal to kolektif keeps its past
                seats.append(_seat(i, Seat.KETUA, person_name(rng, "P"), since, None))
                seats[-1].ended_on = since = since + dt.timedelta(days=rng.randrange(90, 300))
            for seat in COLLECTIVE_SEATS:
                holder = user if seat == Seat.KETUA else None
                name = names.get(holder) or person_name(rng, rng.choice("LP"))
                seats.append(_seat(i, seat, name, since, holder, official))
        else:
            seats.append(
                _seat(i, Seat.KETUA, names.get(user) or person_name(rng, "P"), since, user)
            )
    BoardSeat.objects.bulk_create(seats, batch_size=BATCH)
    return seats


def _decree(ctx, today: dt.date) -> Decree:
    return Decree.objects.create(
        region_code=ctx.kabupaten.code,
        year=today.year,
        number=f"{today.year - 1}/1204/DPPKB/XII",
        signed_on=dt.date(today.year - 1, 12, 15),
        signatory=f"Bupati {ctx.kabupaten.name}",
        effective_on=dt.date(today.year, 1, 1),
    )


def _attach(decree: Decree, institutions, seats, collective) -> None:
    named = [
        i
        for i in institutions
        if i.region_code in collective
        and i.level in (Level.PPKBD, Level.KECAMATAN, Level.KABUPATEN)
    ]
    board: dict[int, list] = {}
    for s in seats:
        if s.decree is decree:
            board.setdefault(s.institution_id, []).append(s)
    decree.attachment = [
        {
            "code": i.code,
            "name": i.name,
            "level": i.level,
            "region_code": i.region_code,
            "board": [
                {"seat": s.seat, "name": s.name}
                for s in sorted(board.get(i.pk, []), key=lambda s: SEAT_ORDER[s.seat])
            ],
        }
        for i in named
    ]
    decree.save()
    decree.institutions.set(named)


def _partners(ctx, today: dt.date) -> tuple[int, int]:
    rng = ctx.rng
    kecamatan = Region.objects.filter(parent=ctx.kabupaten, level=RegionLevel.KECAMATAN)
    puskesmas = {f.region_code: f.pk for f in Facility.objects.filter(kind=Facility.Kind.PUSKESMAS)}
    rows, positions = [], {}
    for k in kecamatan.order_by("code"):
        for kind, name, position in PARTNERS:
            rows.append(
                Partner(
                    region_code=k.code,
                    kind=kind,
                    name=name.format(k=k.name),
                    facility_id=puskesmas.get(k.code) if kind == Partner.Kind.PUSKESMAS else None,
                )
            )
            positions[(k.code, kind)] = position
    rows.append(
        Partner(
            region_code=ctx.kabupaten.code, kind=Partner.Kind.IPEKB, name=f"IPeKB {ctx.kabupaten}"
        )
    )
    positions[(ctx.kabupaten.code, Partner.Kind.IPEKB)] = "Ketua"
    Partner.objects.bulk_create(rows, batch_size=BATCH)
    partners = list(Partner.objects.all())
    contacts = [
        PartnerContact(
            partner=p,
            name=person_name(rng, rng.choice("LP")),
            position=positions[(p.region_code, p.kind)],
            phone=f"08{rng.randrange(11, 13)}{rng.randrange(10**7, 10**8)}",
        )
        for p in partners
    ]
    PartnerContact.objects.bulk_create(contacts, batch_size=BATCH)
    desa_of: dict[str, list[str]] = {}
    for code, parent in Region.objects.filter(
        level=RegionLevel.DESA, code__startswith=f"{ctx.kabupaten.code}."
    ).values_list("code", "parent_id"):
        desa_of.setdefault(parent, []).append(code)
    activities = []
    for p in partners:
        for back in range(12):
            if rng.random() < 0.5:
                first, last = dates.months_back(today, back)
                day = min(first + dt.timedelta(days=rng.randrange(28)), today)
                where = rng.choice(desa_of.get(p.region_code, [p.region_code]))
                activities.append(
                    PartnerActivity(
                        partner=p,
                        kind=rng.choice(PartnerActivity.Kind.values),
                        date=day,
                        region_code=where,
                    )
                )
    PartnerActivity.objects.bulk_create(activities, batch_size=BATCH, ignore_conflicts=True)
    return len(partners), len(activities)


def step(ctx: DemoContext) -> str:
    today = dates.today()
    institutions, collective = _institutions(ctx, today)
    decree = _decree(ctx, today)
    seats = _boards(ctx, institutions, collective, decree, today)
    _attach(decree, institutions, seats, collective)
    partners, activities = _partners(ctx, today)
    return (
        f"{len(institutions)} institusi IMP, {len(seats)} pengurus, 1 SK, "
        f"{partners} mitra, {activities} kegiatan mitra"
    )
