"""Demo routine meetings, attendance, action items and the forum, for whatever institutions
exist (the organization step creates them).

Two years of monthly meetings: regular (about 19 months in 20) in Bontomarannu (73.06.06) and
where a board is collective (the replication desa), sparser elsewhere; Sub-PPKBD and Kelompok KB
meet every other month at most. Each held meeting has attendance, minutes, 0–2 problems raised
as actions, and closes most open actions with a result. This month's meeting and next month's
are scheduled. The forum gets a few threads on the kabupaten board and each kecamatan's, with
answers from the PKB or the Dinas. Written with ``bulk_create`` (the demo records one audit
event for all of it); deterministic by seed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.meetings.models import Action, Attendance, AttendanceRole, Meeting, Post, Thread
from impsmart.organization.models import COLLECTIVE_CORE, BoardSeat, Institution, Level
from impsmart.regions.models import Level as RegionLevel
from impsmart.regions.models import Region

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

BATCH = 2000
MONTHS = 24
REGULAR_REGION = "73.06.06"
PLACES = ("Balai desa", "Kantor desa", "Rumah ketua PPKBD", "Masjid", "Posyandu")
PROBLEMS = (
    ("Tiga PUS drop-out suntik belum dikunjungi", "Kunjungi dan tawarkan ulang bersama bidan"),
    ("Stok kondom di pos KB habis", "Minta dropping ke PKB"),
    ("Register PUS dusun belum diperbarui", "Perbarui register sebelum tanggal 3"),
    ("Unmet need tinggi di RT 02", "KIE kelompok bersama tokoh agama"),
    ("Laporan bulan lalu terlambat", "Kirim laporan tepat waktu"),
    ("Pasangan muda belum paham PUP", "Penyuluhan PUP di pengajian"),
)
RESULTS = ("Sudah dilaksanakan", "Selesai, dilaporkan ke PKB", "Sudah dikunjungi semua")
GUESTS = (
    (AttendanceRole.TOKOH_AGAMA, "Imam Masjid"),
    (AttendanceRole.TOKOH_MASYARAKAT, "Kepala Dusun"),
    (AttendanceRole.MITRA, "Bidan Desa"),
    (AttendanceRole.MITRA, "Babinsa"),
)
TOPICS = (
    ("Cara mengisi register PUS bulan baru?", "Isi kode status tiap bulan; PKB memeriksa."),
    ("Jadwal pelayanan KB gratis bulan depan", "Dinas mengumumkan jadwal di kecamatan."),
    ("Peserta ingin ganti dari pil ke implan", "Rujuk ke Puskesmas, catat rujukannya."),
)
DUSUN_LEVELS = {Level.SUB_PPKBD, Level.POK_KB}


def _regular(institutions: list[Institution]) -> set[int]:
    collective = {}
    for pk, seat in BoardSeat.objects.filter(ended_on__isnull=True).values_list(
        "institution_id", "seat"
    ):
        collective.setdefault(pk, set()).add(seat)
    return {
        i.pk
        for i in institutions
        if f"{i.region_code}.".startswith(f"{REGULAR_REGION}.")
        or collective.get(i.pk, set()) >= COLLECTIVE_CORE
    }


def _meetings(ctx: DemoContext, institutions, regular, author) -> list[Meeting]:
    rng, today, rows = ctx.rng, dates.today(), []
    for institution in institutions:
        day = rng.randint(5, 20)
        place = rng.choice(PLACES)
        share = 0.95 if institution.pk in regular else 0.55
        step = 2 if institution.level in DUSUN_LEVELS else 1
        for back in range(MONTHS - 1, -2, -step):
            month = dates.add_months(today, -back)
            date = month.replace(day=day)
            if date <= today and rng.random() > share:
                continue
            held = date <= today
            rows.append(
                Meeting(
                    institution=institution,
                    region_code=institution.region_code,
                    date=date,
                    time=dt.time(9, 0),
                    place=place,
                    agenda="Data bulan lalu\nRencana kegiatan bulan ini",
                    minutes=_minutes(rng) if held else "",
                    finalised_at=_noon(date) if held else None,
                    finalised_by=author if held else None,
                    created_by=author,
                )
            )
    return Meeting.objects.bulk_create(rows, batch_size=BATCH)


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _minutes(rng: random.Random) -> str:
    return (
        "Pertemuan dibuka ketua. Tindak lanjut bulan lalu ditinjau satu per satu. "
        f"Data PUS dibahas; {rng.randint(1, 6)} keluarga perlu dikunjungi."
    )


def _attendance(rng, meetings, cadres) -> list[Attendance]:
    rows = []
    for m in meetings:
        if m.finalised_at is None:
            continue
        user = cadres.get(m.region_code)
        if user is not None:
            rows.append(
                Attendance(
                    meeting=m,
                    role=AttendanceRole.PPKBD,
                    user=user,
                    name=user.first_name or user.username,
                )
            )
        for n in range(rng.randint(2, 5)):
            rows.append(Attendance(meeting=m, role=AttendanceRole.KADER, name=f"Kader {n + 1}"))
        for role, name in rng.sample(GUESTS, rng.randint(0, 2)):
            rows.append(Attendance(meeting=m, role=role, name=name))
    return Attendance.objects.bulk_create(rows, batch_size=BATCH)


def _actions(rng, meetings, author) -> list[Action]:
    """Raise and close actions meeting by meeting, per institution, in date order."""
    rows, open_ = [], {}
    for m in sorted(meetings, key=lambda m: (m.institution_id, m.date)):
        if m.finalised_at is None:
            continue
        carried = open_.setdefault(m.institution_id, [])
        for item in list(carried):
            if rng.random() < 0.7:
                item.closed_on, item.closed_in, item.closed_by = m.date, m, author
                item.result = rng.choice(RESULTS)
                carried.remove(item)
        for problem, plan in rng.sample(PROBLEMS, rng.randint(0, 2)):
            item = Action(
                meeting=m,
                institution_id=m.institution_id,
                region_code=m.region_code,
                problem=f"{problem}: {plan}",
                owner_name=rng.choice(("Ketua PPKBD", "Sekretaris", "Sub-PPKBD", "PKB")),
                due_on=m.date + dt.timedelta(days=25),
                opened_on=m.date,
            )
            rows.append(item)
            carried.append(item)
    return Action.objects.bulk_create(rows, batch_size=BATCH)


def _forum(ctx: DemoContext) -> int:
    kecamatan = Region.objects.filter(parent=ctx.kabupaten, level=RegionLevel.KECAMATAN)
    boards = [ctx.kabupaten.code, *kecamatan.order_by("code").values_list("code", flat=True)]
    users = list(User.objects.filter(is_active=True).order_by("pk"))
    askers = [u for u in users if u.role in {Role.PPKBD, Role.SUB_PPKBD}]
    answerers = [u for u in users if u.role in {Role.PKB, Role.ADMIN_KABUPATEN}]
    if not askers or not answerers:
        return 0
    now = dates.now()
    threads, posts = [], []
    for n, code in enumerate(boards):
        for title, answer in ctx.rng.sample(TOPICS, 2 if n else 3):
            asked = now - dt.timedelta(days=ctx.rng.randint(2, 60))
            answered = asked + dt.timedelta(hours=ctx.rng.randint(1, 48))
            thread = Thread(
                region_code=code,
                title=title,
                created_by=ctx.rng.choice(askers),
                created_at=asked,
                last_post_at=answered,
            )
            threads.append(thread)
            posts.append(
                Post(thread=thread, body=title, author=thread.created_by, created_at=asked)
            )
            posts.append(
                Post(
                    thread=thread,
                    body=answer,
                    author=ctx.rng.choice(answerers),
                    created_at=answered,
                )
            )
    Thread.objects.bulk_create(threads, batch_size=BATCH)
    Post.objects.bulk_create(posts, batch_size=BATCH)
    return len(threads)


def step(ctx: DemoContext) -> str:
    institutions = list(Institution.objects.filter(active=True).order_by("code"))
    author = User.objects.filter(role=Role.ADMIN_KABUPATEN).order_by("pk").first()
    if author is None:
        return "pertemuan: tidak ada admin kabupaten"
    cadres = {u.region_code: u for u in User.objects.filter(role=Role.PPKBD).order_by("pk")}
    meetings = _meetings(ctx, institutions, _regular(institutions), author)
    attendance = _attendance(ctx.rng, meetings, cadres)
    actions = _actions(ctx.rng, meetings, author)
    threads = _forum(ctx)
    return (
        f"{len(meetings)} pertemuan, {len(attendance)} kehadiran, {len(actions)} tindak lanjut, "
        f"{threads} topik forum"
    )
