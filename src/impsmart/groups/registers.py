"""The R/I registers (R/I/BKB, R/I/BKR, R/I/BKL, R/I/UPPKA, R/I/PIK-R) of a group and month.

Per session: date, topic, presenter, discussion, attendance by member, attending members who
are PUS and who use KB (from the register, ``facts.py``); R/I/BKB also counts the attending
families' children by age group 0–<1 … 5–<6. Rows are the members of the month; the page and
the xlsx and PDF are built from the same ``Register``; the xlsx and PDF are one paper form
(``grid``, ``impsmart.paper``) and print on the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import IO

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from impsmart import dates, paper
from impsmart.families import codes
from impsmart.families.models import Member
from impsmart.groups import curriculum, eligibility, facts, kka
from impsmart.groups.models import Attendance, Capital, Group, Kind, Membership, Revenue
from impsmart.regions.models import Region


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


MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def _yes(flag: bool) -> str:
    return "v" if flag else ""


def grid(register: Register) -> paper.Grid:
    """The register as its paper form (``impsmart.paper``): a row per member of the month with
    the KS stage, PUS and KB marks and a column per session ticked for attendance; then the
    totals per session (present, present PUS, present PUS using KB; BKB: children by age group
    of the families present) and, under the table, each session's topic and presenter."""
    group = register.group
    uppka = group.kind == Kind.UPPKA
    region = Region.objects.filter(code=group.region_code).first()
    # Repeated on every page: who the row is (the wide text); then the narrow columns.
    keys = [
        paper.Column(_("No.")),
        paper.Column(_("Nama"), numeric=False),
        paper.Column(_("No. KK"), numeric=False),
    ]
    fixed = [
        paper.Column(_("Tahapan KS"), numeric=False),
        paper.Column(_("PUS")),
        paper.Column(_("Ber-KB")),
    ]
    if uppka:
        keys.append(paper.Column(_("Jenis usaha"), numeric=False))
        fixed.append(paper.Column(_("Modal (Rp)"), grouped=True))
    sessions = [
        paper.Column(_("Hadir %(date)s") % {"date": f"{c.session.date:%d-%m}"})
        for c in register.sessions
    ]
    rows = []
    for number, r in enumerate(register.rows, start=1):
        row = [number, r.name, r.membership.family.kk_number]
        row += [r.membership.business] if uppka else []
        row += [r.ks_stage, _yes(r.pus), _yes(r.kb)]
        row += [r.capital] if uppka else []
        rows.append(row + [_yes(mark) for mark in r.marks])
    bold_from = len(rows)

    def total(label: str, per_session: list[int], by_heading: dict | None = None) -> None:
        cells = [(by_heading or {}).get(c.heading, "") for c in fixed]
        rows.append(["", label, *[""] * (len(keys) - 2), *cells, *per_session])

    members = register.rows
    sums = {_("PUS"): sum(r.pus for r in members), _("Ber-KB"): sum(r.kb for r in members)}
    if uppka:
        sums[_("Modal (Rp)")] = sum(r.capital for r in members)
    total(_("Jumlah"), [len(c.attended) for c in register.sessions], sums)
    total(_("Hadir yang PUS"), [c.pus for c in register.sessions])
    total(_("Hadir PUS yang ber-KB"), [c.kb for c in register.sessions])
    for i, (_band, label) in enumerate(register.bands):
        per_session = [c.band_counts[i] for c in register.sessions]
        total(_("Anak %(band)s hadir") % {"band": label}, per_session)
    notes = [
        _("Pertemuan %(date)s: %(topic)s; penyaji %(kind)s %(name)s; diskusi %(talk)s.")
        % {
            "date": f"{c.session.date:%d-%m-%Y}",
            "topic": c.topic,
            "kind": c.session.get_presenter_kind_display(),
            "name": c.session.presenter_name,
            "talk": _("ada") if c.session.discussion else _("tidak ada"),
        }
        for c in register.sessions
    ] or [_("Tidak ada pertemuan bulan ini.")]
    if register.revenue is not None:
        notes.append(
            _("Omzet kelompok bulan ini: %(amount)s.") % {"amount": paper.rupiah(register.revenue)}
        )
    pembina = group.pembina
    return paper.Grid(
        title=f"{_('Register Bulanan Kelompok')} {group.get_kind_display()} ({register.title})",
        heading=[
            (_("Kelompok"), group.name),
            (_("Wilayah"), paper.place(region) if region else group.region_code),
            (_("Bulan"), f"{MONTHS[register.month.month - 1]} {register.month.year}"),
            (_("Anggota"), str(len(register.rows))),
        ],
        keys=keys,
        columns=fixed + sessions,
        rows=rows,
        bold_from=bold_from,
        mengetahui=[
            paper.Signer(
                _("Pembina"), (pembina.get_full_name() or pembina.username) if pembina else ""
            )
        ],
        pelapor=[paper.Signer(_("Ketua kelompok"), group.ketua, "")],
        place_date=f"{region.name if region else ''}, {paper.long_date(dates.today())}",
        notes=notes,
    )


def write_xlsx(register: Register, out: IO[bytes]) -> None:
    out.write(paper.grid_xlsx(grid(register), register.title.replace("/", "-")))


def to_pdf(register: Register) -> bytes:
    return paper.grid_pdf(grid(register))
