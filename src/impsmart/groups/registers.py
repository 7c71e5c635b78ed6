"""The R/I registers (R/I/BKB, R/I/BKR, R/I/BKL, R/I/UPPKA, R/I/PIK-R) of a group and month.

Per session: date, topic, presenter, discussion, attendance by member, attending members who
are PUS and who use KB (from the register, ``facts.py``); R/I/BKB also counts the attending
families' children by age group 0–<1 … 5–<6. Rows are the members of the month; the page and
the xlsx are built from the same ``Register``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import IO

from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from impsmart import spreadsheet
from impsmart.families import codes
from impsmart.families.models import Member
from impsmart.groups import curriculum, eligibility, facts, kka
from impsmart.groups.models import Attendance, Capital, Group, Kind, Membership, Revenue


@dataclass
class SessionColumn:
    session: object
    topic: str
    attended: set[int]
    pus: int
    kb: int
    bands: Counter | None = None  # BKB: the attending families' children by age group

    @property
    def band_counts(self) -> list[int]:
        return [] if self.bands is None else [self.bands[band] for band in kka.BANDS]


@dataclass
class MemberRow:
    membership: Membership
    name: str
    ks_stage: str
    pus: bool
    kb: bool
    marks: list[bool]
    capital: int = 0


@dataclass
class Register:
    group: Group
    month: dt.date  # the last day
    sessions: list[SessionColumn]
    rows: list[MemberRow]
    revenue: int | None = None

    @property
    def title(self) -> str:
        return f"R/I/{self.group.kind.replace('_', '-')}"

    @property
    def bands(self) -> list[tuple[str, str]]:
        return [(b, kka.BAND_LABELS[b]) for b in kka.BANDS] if self.group.kind == Kind.BKB else []


def _head_names(family_ids: set[int]) -> dict[int, str]:
    heads = Member.objects.filter(family_id__in=family_ids, relation=codes.Relation.HEAD)
    return dict(heads.order_by("-left_on").values_list("family_id", "name"))


def _children_by_band(family_ids: set[int], day: dt.date) -> Counter:
    children = Member.objects.filter(
        eligibility.living_on(day), eligibility.aged(day, 0, 6), family_id__in=family_ids
    )
    return Counter(kka.band_of(b, day) for b in children.values_list("birth_date", flat=True))


def build(group: Group, month_end: dt.date) -> Register:
    first = month_end.replace(day=1)
    memberships = list(
        group.memberships.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=first), started_on__lte=month_end
        ).select_related("family", "person")
    )
    by_pk = {m.pk: m for m in memberships}
    sessions = list(group.sessions.filter(date__gte=first, date__lte=month_end).order_by("date"))
    present: dict[int, set[int]] = {s.pk: set() for s in sessions}
    for session_id, membership_id in Attendance.objects.filter(session__in=sessions).values_list(
        "session_id", "membership_id"
    ):
        present[session_id].add(membership_id)
    columns = []
    for s in sessions:
        attending = [by_pk[pk] for pk in present[s.pk] if pk in by_pk]
        pus, kb = facts.tally(facts.pus_facts(attending, s.date))
        column = SessionColumn(s, curriculum.topic_label(s.topic), present[s.pk], pus, kb)
        if group.kind == Kind.BKB:
            column.bands = _children_by_band({m.family_id for m in attending}, s.date)
        columns.append(column)
    status = facts.pus_facts(memberships, month_end)
    heads = _head_names({m.family_id for m in memberships})
    capital = dict(
        Capital.objects.filter(
            membership__in=memberships, received_on__gte=first, received_on__lte=month_end
        )
        .values("membership_id")
        .annotate(total=Sum("amount"))
        .values_list("membership_id", "total")
    )
    rows = [
        MemberRow(
            membership=m,
            name=m.person.name if m.person else heads.get(m.family_id, f"KK {m.family.kk_number}"),
            ks_stage=m.family.get_ks_stage_display(),
            pus=status[m.pk].pus,
            kb=status[m.pk].kb,
            marks=[m.pk in c.attended for c in columns],
            capital=capital.get(m.pk, 0),
        )
        for m in sorted(memberships, key=lambda m: m.family.kk_number)
    ]
    revenue = None
    if group.kind == Kind.UPPKA:
        found = Revenue.objects.filter(group=group, month=first).first()
        revenue = found.amount if found else None
    return Register(group, month_end, columns, rows, revenue)


def write_xlsx(register: Register, out: IO[bytes]) -> None:
    book = Workbook()
    ws = book.active
    ws.title = register.title.replace("/", "-")
    group = register.group
    spreadsheet.append(
        ws, [register.title, group.name, group.region_code, f"{register.month:%Y-%m}"]
    )
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    spreadsheet.append(ws, [_("Pertemuan")])
    header = [
        _("Tanggal"),
        _("Materi"),
        _("Penyaji"),
        _("Diskusi"),
        _("Hadir"),
        _("PUS"),
        _("Ber-KB"),
    ]
    header += [label for _band, label in register.bands]
    spreadsheet.append(ws, [str(h) for h in header])
    for c in register.sessions:
        s = c.session
        row = [s.date, c.topic, f"{s.get_presenter_kind_display()}: {s.presenter_name}"]
        row += [_("ya") if s.discussion else _("tidak"), len(c.attended), c.pus, c.kb]
        row += c.band_counts
        spreadsheet.append(ws, row)
    ws.append([])
    spreadsheet.append(ws, [_("Kehadiran anggota")])
    dates = [f"{c.session.date:%d-%m}" for c in register.sessions]
    head = [_("No"), _("No. KK"), _("Nama"), _("Tahapan KS"), _("PUS"), _("Ber-KB")]
    if group.kind == Kind.UPPKA:
        head += [_("Jenis usaha"), _("Modal bulan ini (Rp)")]
    spreadsheet.append(ws, [str(h) for h in head] + dates)
    for number, r in enumerate(register.rows, start=1):
        row = [number, r.membership.family.kk_number, r.name, r.ks_stage]
        row += [_("ya") if r.pus else _("tidak"), _("ya") if r.kb else _("tidak")]
        if group.kind == Kind.UPPKA:
            row += [r.membership.business, r.capital]
        spreadsheet.append(ws, row + ["v" if mark else "" for mark in r.marks])
    if register.revenue is not None:
        ws.append([])
        spreadsheet.append(ws, [_("Omzet kelompok bulan ini (Rp)"), register.revenue])
    book.save(out)
