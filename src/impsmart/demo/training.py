"""Demo workshops of the replication story and the rumah baca.

The showcase kecamatan (Bontomarannu) holds the first workshop (every PPKBD of the
kecamatan, modules 1–6), then one desa per other kecamatan holds its own, each a month later.
Pre-test scores centre near 45 %, post-test scores about 25 points higher; a few participants
miss the post-test (they stay unpaired). Three kecamatan have a rumah baca with a catalogue,
loans and a year of monthly visits. Written in bulk (one audit event for the whole demo).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.demo.users import SHOWCASE_KECAMATAN_NAME
from impsmart.regions.models import Level, Region
from impsmart.training import actions, book, scoring
from impsmart.training.models import (
    Attempt,
    BorrowerKind,
    Certificate,
    Event,
    Kind,
    Loan,
    Organiser,
    Participant,
    ReadingHouse,
    Title,
    TitleKind,
    VisitMonth,
)

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

ROLE_MODULES = [c.slug for c in book.chapters()[:6]]
HOUSES = 3
TITLES = [
    ("Buku Pintar Kader IMP", TitleKind.SMARTBOOK, 10),
    ("Lembar Balik ABPK", TitleKind.BKKBN, 2),
    ("Pedoman Pengelolaan IMP", TitleKind.BKKBN, 3),
    ("Kartu Kembang Anak", TitleKind.BKKBN, 5),
    ("Buku KIA", TitleKind.OTHER, 4),
]


def _answers(rng: random.Random, questions: list[str], share: float) -> dict[str, int]:
    bank = book.questions()
    right = set(rng.sample(questions, round(share * len(questions))))
    return {
        q: bank[q].answer if q in right else (bank[q].answer + 1) % len(bank[q].choices)
        for q in questions
    }


def _attempt(rng, participant, event, phase, share, by, when) -> Attempt:
    answers = _answers(rng, event.questions, share)
    correct, by_module = scoring.score(event.questions, answers)
    return Attempt(
        participant=participant, phase=phase, answers=answers, correct=correct,
        total=len(event.questions), by_module=by_module, on_paper=rng.random() < 0.3,
        entered_by=by, submitted_at=when,
    )  # fmt: skip


def _workshop(rng, region: Region, cadres: list[User], by: User, day: dt.date, n: int):
    event = Event.objects.create(
        kind=Kind.WORKSHOP if n == 0 else Kind.SIMULASI,
        title=f"Lokakarya Kader IMP Smart {region.name}",
        region_code=region.code,
        organiser=Organiser.DINAS if n == 0 else Organiser.IPEKB,
        facilitators="Tim Dinas PPKB Gowa; IPeKB Gowa",
        place=f"Aula {region.name}",
        starts_on=day,
        ends_on=day + dt.timedelta(days=1),
        schedule="Hari 1: tes awal, peran 1–3, simulasi\nHari 2: peran 4–6, tes akhir",
        modules=ROLE_MODULES,
        questions=actions.assemble_test(ROLE_MODULES),
        created_by=by,
    )
    participants = Participant.objects.bulk_create(
        [Participant(event=event, user=c, region_code=c.region_code, attended=True) for c in cadres]
    )
    attempts, certificates = [], []
    when = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
    for p in participants:
        pre = min(0.9, max(0.1, rng.gauss(0.45, 0.15)))
        attempts.append(_attempt(rng, p, event, "pre", pre, by, when))
        if rng.random() < 0.9:
            post = min(1.0, pre + max(0.0, rng.gauss(0.25, 0.1)))
            attempts.append(_attempt(rng, p, event, "post", post, by, when + dt.timedelta(days=1)))
            certificates.append(Certificate(participant=p, code=actions.new_code(), issued_on=day))
    Attempt.objects.bulk_create(attempts)
    Certificate.objects.bulk_create(certificates)
    return len(participants)


def _houses(rng: random.Random, kecamatan: list[Region]) -> int:
    first = dates.add_months(dates.today(), -11)
    for region in kecamatan:
        house = ReadingHouse.objects.create(
            region_code=region.code, name=f"Rumah Baca Kader {region.name}",
            place=f"Kantor Camat {region.name}", keeper="Pengelola rumah baca",
            opening_hours="Senin–Jumat 08.00–14.00",
        )  # fmt: skip
        titles = Title.objects.bulk_create(
            [Title(house=house, title=t, kind=k, copies=c) for t, k, c in TITLES]
        )
        loans = [
            Loan(
                title=rng.choice(titles),
                borrower=f"Peminjam {n + 1}",
                borrower_kind=rng.choice(BorrowerKind.values),
                lent_on=dates.add_months(first, rng.randrange(11)),
            )  # fmt: skip
            for n in range(6)
        ]
        for loan in loans[:4]:
            loan.returned_on = loan.lent_on + dt.timedelta(days=14)
        Loan.objects.bulk_create(loans)
        VisitMonth.objects.bulk_create(
            [
                VisitMonth(house=house, month=dates.add_months(first, m), visits=rng.randint(8, 40))
                for m in range(12)
            ]
        )
    return len(kecamatan)


def step(ctx: DemoContext) -> str:
    rng = ctx.rng
    kecamatan = list(
        Region.objects.filter(parent=ctx.kabupaten, level=Level.KECAMATAN).order_by("code")
    )
    showcase = next((k for k in kecamatan if k.name == SHOWCASE_KECAMATAN_NAME), kecamatan[0])
    order = [showcase] + [k for k in kecamatan if k != showcase]
    admin = User.objects.filter(role=Role.ADMIN_KABUPATEN).first()
    start = dates.add_months(dates.today(), -len(order) - 1)
    people = 0
    for n, region in enumerate(order):
        where = region
        if n:  # one desa per kecamatan after the showcase
            where = Region.objects.filter(parent=region, level=Level.DESA).order_by("code").first()
        if where is None:
            continue
        roles = [Role.PPKBD, Role.SUB_PPKBD] if n else [Role.PPKBD]
        cadres = list(User.objects.within(where.code).filter(role__in=roles).order_by("username"))
        if cadres:
            people += _workshop(rng, where, cadres, admin, dates.add_months(start, n), n)
    houses = _houses(rng, order[:HOUSES])
    return f"{len(order)} lokakarya ({people} peserta), {houses} rumah baca"
