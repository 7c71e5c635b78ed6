"""Each replication target's status equals its rule computed here, separately, from the records.

A small world of five desa (A, B, D, E in Bontomarannu, C in Bontonompo) holds, per target,
one desa exactly at each boundary of the default rules of domain.md §8 (judged for October
2026, the 12 months November 2025 – October 2026). The expected statuses are computed by plain
Python over all records (no app query or rule code) for every desa of the kabupaten, then
compared with the scorecard; the boundary cases are also named one by one.
"""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.counseling.models import Counseling, KieSession
from impsmart.funds.models import Fund, LedgerEntry
from impsmart.groups.models import Group, Session
from impsmart.meetings.models import Meeting
from impsmart.monitoring import scorecard
from impsmart.organization.models import BoardSeat, Decree, Institution
from impsmart.regions.models import Level, Region
from impsmart.reports.models import Report
from impsmart.training.models import (
    Certificate,
    Event,
    Loan,
    Participant,
    QuizResult,
    ReadingHouse,
    Title,
)
from tests.base import KABUPATEN, KECAMATAN_A, KECAMATAN_C, World, make_user
from tests.families.world import make_couple

DAY = dt.date(2026, 10, 31)  # month M judged
NOVEMBER = dt.date(2026, 11, 30)
WITA = ZoneInfo("Asia/Makassar")
MET, PARTLY, NOT_MET, NO_DATA = "met", "partly", "not_met", "no_data"
_serial = itertools.count(1)


def month(n: int, day: int = 10) -> dt.date:
    """The ``day`` of the n-th month of the window (1 = November 2025 … 12 = October 2026)."""
    year, m = divmod(9 + n, 12)
    return dt.date(2025 + year, m + 1, day)


def window_months(dates, day: dt.date, months: int = 12) -> int:
    """How many distinct months of the ``months`` ending with ``day``'s hold one of ``dates``."""
    first_index = day.year * 12 + day.month - months
    seen = {(d.year, d.month) for d in dates if first_index < d.year * 12 + d.month and d <= day}
    return len(seen)


def inside(code: str, region: str) -> bool:
    return code == region or code.startswith(f"{region}.")


# --- the rules, written from domain.md §8 for this test -----------------------------------


def t1(desa: str, day: dt.date) -> str:
    ppkbd = [i for i in Institution.objects.all() if i.level == "ppkbd" and i.region_code == desa]
    seats, signed = set(), False
    for inst in ppkbd:
        if not inst.active:
            continue
        for seat in BoardSeat.objects.filter(institution=inst):
            if seat.started_on <= day and (seat.ended_on is None or seat.ended_on > day):
                seats.add(seat.seat)
        signed |= any(d.effective_on <= day for d in inst.decrees.all())
    if {"ketua", "sekretaris", "bendahara"} <= seats and signed:
        return MET
    return PARTLY if seats else NOT_MET


def by_months(n: int, met: int = 10, partly: int = 6) -> str:
    return MET if n >= met else PARTLY if n >= partly else NOT_MET


def t2(desa: str, day: dt.date) -> str:
    held = [m.date for m in Meeting.objects.all() if inside(m.region_code, desa) and m.finalised_at]
    return by_months(window_months(held, day))


def t3(desa: str, day: dt.date) -> str:
    kie = [k.date for k in KieSession.objects.all() if inside(k.region_code, desa)]
    counselled = any(
        inside(c.member.family.region_code, desa) and window_months([c.date], day)
        for c in Counseling.objects.all()
    )
    status = by_months(window_months(kie, day))
    return PARTLY if status == MET and not counselled else status


def t4(desa: str, day: dt.date) -> str:
    on_time = sent = 0
    for report in Report.objects.filter(form="REKAP_PUS", level="desa", region_code=desa):
        if not window_months([report.month], day) or report.status == "draft":
            continue
        sent += 1
        due = dt.date(report.month.year + report.month.month // 12, report.month.month % 12 + 1, 5)
        on_time += report.submitted_at.astimezone(WITA).date() <= due
    return MET if on_time >= 10 else PARTLY if sent >= 6 else NOT_MET


def t5(desa: str, day: dt.date) -> str:
    kinds = {
        s.group.kind
        for s in Session.objects.all()
        if inside(s.group.region_code, desa) and window_months([s.date], day, 3)
    } & {"BKB", "BKR", "BKL"}
    return MET if len(kinds) == 3 else PARTLY if kinds else NOT_MET


def t6(desa: str, day: dt.date) -> str:
    funds = [f for f in Fund.objects.all() if inside(f.region_code, desa)]
    entries = [e.date for e in LedgerEntry.objects.all() if e.fund in funds]
    n = window_months(entries, day)
    return MET if n >= 6 else PARTLY if funds else NOT_MET


def t7(desa: str, day: dt.date) -> str:
    cadres = [
        u
        for u in User.objects.all()
        if u.role in ("ppkbd", "sub_ppkbd") and u.is_active and inside(u.region_code, desa)
    ]
    if not cadres:
        return NO_DATA
    counted = 0
    for user in cadres:
        attended = [
            p
            for p in Participant.objects.filter(user=user, attended=True)
            if p.event.kind == "workshop" and p.event.starts_on <= day
        ]
        certificates = Certificate.objects.filter(participant__in=attended)
        certified = any(c.issued_on <= day for c in certificates)
        quizzes = QuizResult.objects.filter(user=user)
        quizzed = any(q.taken_at.astimezone(WITA).date() <= day for q in quizzes)
        counted += bool(attended) and (certified or quizzed)
    share = 100 * counted / len(cadres)
    return MET if share >= 100 else PARTLY if share >= 50 else NOT_MET


def t8(day: dt.date) -> str:
    forums = [i for i in Institution.objects.all() if i.level == "forum" and i.active]
    held = [m.date for m in Meeting.objects.all() if m.institution in forums and m.finalised_at]
    n = window_months(held, day)
    return MET if n >= 4 else PARTLY if forums else NOT_MET


def t9(kecamatan: str, day: dt.date) -> str:
    houses = [h for h in ReadingHouse.objects.all() if inside(h.region_code, kecamatan)]
    lent = [
        loan
        for loan in Loan.objects.all()
        if loan.title.house in houses and window_months([loan.lent_on], day, 3)
    ]
    return MET if lent else PARTLY if houses else NOT_MET


DESA_RULES = {"T1": t1, "T2": t2, "T3": t3, "T4": t4, "T5": t5, "T6": t6, "T7": t7}


# --- the world ----------------------------------------------------------------------------


class RuleWorld(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        more = Region.objects.filter(parent_id=KECAMATAN_A, level=Level.DESA).order_by("code")
        cls.desa_d, cls.desa_e = more[2:4]
        cls.a, cls.b, cls.c, cls.d = (
            r.code for r in (cls.desa_a, cls.desa_b, cls.desa_c, cls.desa_d)
        )
        cls.ppkbd = {code: cls._institution("ppkbd", code) for code in (cls.a, cls.b, cls.c, cls.d)}
        cls.sub_a1 = cls._institution("sub_ppkbd", cls.dusun_a1.code)
        cls._boards()
        cls._meetings()
        cls._kie_and_counselling()
        cls._reports()
        cls._groups()
        cls._funds()
        cls._training()
        cls._reading_houses()

    @classmethod
    def _institution(cls, level: str, code: str) -> Institution:
        n = next(_serial)
        return Institution.objects.create(
            code=f"I{n}", level=level, name=f"Inst {n}", region_code=code
        )

    @classmethod
    def _boards(cls):
        def seats(code, names, started=dt.date(2025, 1, 1), ended=None):
            for seat in names:
                BoardSeat.objects.create(
                    institution=cls.ppkbd[code],
                    seat=seat,
                    name=seat,
                    started_on=started,
                    ended_on=ended,
                )

        def decree(code, effective):
            n = next(_serial)
            found = Decree.objects.create(
                region_code=code, year=effective.year, number=f"SK/{n}", signed_on=effective,
                signatory="Camat", effective_on=effective,
            )  # fmt: skip
            found.institutions.add(cls.ppkbd[code])

        core = ("ketua", "sekretaris", "bendahara")
        seats(cls.a, core)  # collective and signed: met
        decree(cls.a, dt.date(2025, 2, 1))
        seats(cls.b, core)  # collective, its SK takes effect in November: partly, then met
        decree(cls.b, dt.date(2026, 11, 5))
        seats(cls.c, ("ketua",))  # a single ketua with an SK: partly
        decree(cls.c, dt.date(2025, 2, 1))
        seats(cls.d, core, ended=dt.date(2026, 6, 30))  # the board ended in June: not met

    @classmethod
    def _meetings(cls):
        def meet(inst, day, minutes=True):
            Meeting.objects.create(
                institution=inst, region_code=inst.region_code, date=day, place="Balai desa",
                created_by=cls.admin,
                finalised_at=dt.datetime.combine(day, dt.time(12), WITA) if minutes else None,
            )  # fmt: skip

        for n in range(3, 13):  # A: 10 months (one by its dusun's Sub-PPKBD, one twice): met
            meet(cls.sub_a1 if n == 5 else cls.ppkbd[cls.a], month(n))
        meet(cls.ppkbd[cls.a], month(12, 20))
        for n in range(4, 13):  # B: 9 months with minutes, one more without: partly
            meet(cls.ppkbd[cls.b], month(n))
        meet(cls.ppkbd[cls.b], month(1), minutes=False)
        for n in range(1, 7):  # C: 6 months: partly
            meet(cls.ppkbd[cls.c], month(n))
        for n in range(1, 6):  # D: 5 months, one more 13 months back: not met
            meet(cls.ppkbd[cls.d], month(n))
        meet(cls.ppkbd[cls.d], dt.date(2025, 10, 31))
        forum = cls._institution("forum", KABUPATEN)
        for day in (
            dt.date(2025, 11, 1),
            dt.date(2026, 1, 5),
            dt.date(2026, 3, 5),
            dt.date(2026, 5, 5),
        ):
            meet(forum, day)  # T8: 4 months in October's window, 3 in November's

    @classmethod
    def _kie_and_counselling(cls):
        def kie(code, months):
            for n in months:
                KieSession.objects.create(
                    region_code=code, date=month(n), place="Posyandu", presenter_kind="kader",
                    presenter_name="Kader", created_by=cls.admin,
                )  # fmt: skip

        def counselled(code, day):
            _family, wife, _husband = make_couple(cls.admin, code, dt.date(1994, 5, 1))
            Counseling.objects.create(member=wife, date=day, counselor=cls.admin)

        kie(cls.a, range(3, 13))  # 10 months and counselling: met
        counselled(cls.dusun_a1.code, month(7))
        kie(cls.b, range(1, 11))  # 10 months, counselling only before the window: partly
        counselled(cls.b, dt.date(2025, 9, 1))
        kie(cls.dusun_c1.code, range(1, 7))  # 6 months (in a dusun) and counselling: partly
        counselled(cls.c, month(2))
        kie(cls.d, range(1, 6))  # 5 months: not met

    @classmethod
    def _reports(cls):
        def report(code, n, late=False, status="approved", version=1):
            first = month(n, 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            # Due on the 5th: 23:30 WITA on the 5th is on time, 00:30 on the 6th late.
            sent = dt.datetime.combine(following.replace(day=5), dt.time(23, 30), WITA)
            if late:
                sent = dt.datetime.combine(following.replace(day=6), dt.time(0, 30), WITA)
            Report.objects.create(
                form="REKAP_PUS", region_code=code, level="desa", month=first,
                status=status, submitted_at=sent, version=version,
            )  # fmt: skip

        for n in range(3, 13):  # A: 10 on time: met
            report(cls.a, n)
        for n in range(1, 13):  # B: 9 on time, 3 late: partly
            report(cls.b, n, late=n <= 3)
        for n in range(1, 7):  # C: 5 on time and 1 late, 6 sent: partly
            report(cls.c, n, late=n == 6)
        for n in range(1, 6):  # D: 5 on time: not met
            report(cls.d, n)

    @classmethod
    def _groups(cls):
        def session(code, kind, day):
            n = next(_serial)
            group = Group.objects.create(
                code=f"G{n}", kind=kind, name=f"{kind} {n}", region_code=code
            )
            Session.objects.create(
                group=group, date=day, topic="Tumbuh kembang", presenter_kind="kader",
                presenter_name="Kader", created_by=cls.admin,
            )  # fmt: skip

        # Window of three months: 1 August – 31 October 2026.
        session(cls.a, "BKB", dt.date(2026, 8, 1))  # A: all three: met
        session(cls.a, "BKR", dt.date(2026, 10, 31))
        session(cls.dusun_a1.code, "BKL", dt.date(2026, 9, 10))
        session(cls.b, "BKB", dt.date(2026, 9, 1))  # B: one, BKR a day too early: partly
        session(cls.b, "BKR", dt.date(2026, 7, 31))
        for kind in ("BKB", "BKR", "BKL"):  # C: all three in July only, UPPKA in time: not met
            session(cls.c, kind, dt.date(2026, 7, 15))
        session(cls.c, "UPPKA", dt.date(2026, 10, 1))

    @classmethod
    def _funds(cls):
        def fund(code, months):
            found = Fund.objects.create(
                institution=cls.ppkbd[code], region_code=code, name="Kas", kind="iuran",
                treasurer_name="B", chair_name="K", created_on=dt.date(2025, 1, 1),
            )  # fmt: skip
            for day in months:
                LedgerEntry.objects.create(
                    fund=found, kind="iuran_bayar", date=day, amount=5000, by=cls.admin
                )

        fund(cls.a, [month(n) for n in range(7, 13)])  # 6 months: met
        fund(cls.b, [month(n) for n in range(8, 13)] + [dt.date(2025, 10, 20)])  # 5: partly
        fund(cls.c, [])  # a fund without entries: partly; D has none: not met

    @classmethod
    def _training(cls):
        cls.ppkbd_d = make_user("ppkbd_d", Role.PPKBD, cls.d)
        cls.sub_d = make_user("sub_ppkbd_d", Role.SUB_PPKBD, cls.d)
        left = make_user("sub_ppkbd_a_lama", Role.SUB_PPKBD, cls.dusun_a2.code)
        left.is_active = False  # deactivated: no longer one of A's cadres
        left.save()

        def workshop(starts):
            return Event.objects.create(
                kind="workshop", title="Lokakarya", region_code=KABUPATEN, organiser="dinas",
                facilitators="PKB", place="Aula", starts_on=starts, ends_on=starts,
                created_by=cls.admin,
            )  # fmt: skip

        def attend(event, user, certificate=None, quiz=None):
            p = Participant.objects.create(
                event=event, user=user, region_code=user.region_code, attended=True
            )
            if certificate:
                Certificate.objects.create(
                    participant=p, code=f"C{next(_serial)}", issued_on=certificate
                )
            if quiz:
                QuizResult.objects.create(
                    user=user, region_code=user.region_code, chapter="bab-1", correct=8, total=10,
                    taken_at=dt.datetime.combine(quiz, dt.time(9), WITA),
                )  # fmt: skip

        march, november = workshop(dt.date(2026, 3, 1)), workshop(dt.date(2026, 11, 10))
        attend(march, cls.ppkbd_a, certificate=dt.date(2026, 3, 3))  # A: both: met
        attend(march, cls.sub_ppkbd_a, quiz=dt.date(2026, 4, 1))
        attend(march, cls.ppkbd_c, quiz=dt.date(2026, 11, 5))  # C: quiz after M: not met
        attend(march, cls.ppkbd_d, certificate=dt.date(2026, 3, 3))  # D: one of two: partly
        attend(november, cls.sub_d, certificate=dt.date(2026, 11, 12))
        # B has no cadre account: no data.

    @classmethod
    def _reading_houses(cls):
        def house(code):
            found = ReadingHouse.objects.create(
                region_code=code,
                name="Rumah Baca",
                place="Kantor",
                keeper="K",
                opening_hours="08-14",
            )
            return Title.objects.create(house=found, title="Buku Pintar", kind="smartbook")

        title = house(KECAMATAN_A)
        Loan.objects.create(
            title=title, borrower="P", borrower_kind="kader", lent_on=dt.date(2026, 8, 1)
        )
        house(KECAMATAN_C)


class RuleTests(RuleWorld):
    def found(self, day: dt.date) -> dict:
        return scorecard.judge(self.kabupaten, day)

    def assertEveryStatusIsTheRule(self, day: dt.date) -> dict:
        found = self.found(day)
        desa = Region.objects.filter(level=Level.DESA).values_list("code", flat=True)
        for target, rule in DESA_RULES.items():
            statuses = {code: found[target][code].status for code in desa}
            self.assertEqual(statuses, {code: rule(code, day) for code in desa}, target)
        kecamatan = Region.objects.filter(level=Level.KECAMATAN).values_list("code", flat=True)
        self.assertEqual(
            {code: found["T9"][code].status for code in kecamatan},
            {code: t9(code, day) for code in kecamatan},
        )
        self.assertEqual(found["T8"][KABUPATEN].status, t8(day))
        return found

    def test_every_status_equals_its_rule_at_each_boundary(self):
        found = self.assertEveryStatusIsTheRule(DAY)
        a, b, c, d, e = self.a, self.b, self.c, self.d, self.desa_e.code
        expected = {
            "T1": {a: MET, b: PARTLY, c: PARTLY, d: NOT_MET, e: NOT_MET},
            "T2": {a: MET, b: PARTLY, c: PARTLY, d: NOT_MET},  # 10, 9, 6, 5 months
            "T3": {a: MET, b: PARTLY, c: PARTLY, d: NOT_MET},
            "T4": {a: MET, b: PARTLY, c: PARTLY, d: NOT_MET},
            "T5": {a: MET, b: PARTLY, c: NOT_MET},
            "T6": {a: MET, b: PARTLY, c: PARTLY, d: NOT_MET},
            "T7": {a: MET, b: NO_DATA, c: NOT_MET, d: PARTLY},
        }
        for target, statuses in expected.items():
            got = {code: found[target][code].status for code in statuses}
            self.assertEqual(got, statuses, target)
        self.assertEqual(found["T2"][a].value, 10)
        self.assertEqual(found["T2"][b].value, 9)
        self.assertEqual(found["T8"][KABUPATEN].status, MET)
        self.assertEqual(
            (found["T9"][KECAMATAN_A].status, found["T9"][KECAMATAN_C].status), (MET, PARTLY)
        )

    def test_a_month_later_the_window_moves_and_the_rules_still_hold(self):
        found = self.assertEveryStatusIsTheRule(NOVEMBER)
        self.assertEqual(found["T1"][self.b].status, MET)  # its SK took effect on 5 November
        self.assertEqual(found["T2"][self.a].status, MET)
        self.assertEqual(found["T2"][self.d].status, NOT_MET)
        self.assertEqual(found["T7"][self.d].status, MET)  # the November workshop: 2 of 2
        self.assertEqual(found["T7"][self.c].status, MET)  # her quiz of 5 November counts
        self.assertEqual(found["T8"][KABUPATEN].status, PARTLY)  # 3 forum months left
