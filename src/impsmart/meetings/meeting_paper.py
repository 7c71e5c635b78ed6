"""A meeting on paper: the minutes (notulen) to sign and file, and the pack to hand out.

Both are A4 documents on the shared paper layout (``impsmart.paper``): the heading block
(institution, wilayah, day, place, status), tables whose text wraps and whose headings repeat on
each page, the title in the running head from page 2, and "Halaman x dari y". The minutes close
with the signatures of the institution's chair (from its board) and of the note-taker (the user
who made them final, else the board's secretary).
"""

from __future__ import annotations

from typing import Any

from impsmart import paper
from impsmart.meetings import agenda
from impsmart.meetings.models import Meeting
from impsmart.meetings.pack import FORM, Pack
from impsmart.organization.models import BoardSeat, Institution, Seat
from impsmart.regions.models import Region
from impsmart.reports.exports import STATUS_LABELS
from impsmart.reports.forms_catalog import get_form
from impsmart.reports.models import Status


def _board_name(institution: Institution, seat: str) -> str:
    held = (
        BoardSeat.objects.filter(institution=institution, seat=seat, ended_on__isnull=True)
        .order_by("-started_on", "-pk")
        .first()
    )
    return held.name if held else ""


def _heading(meeting: Meeting) -> list[tuple[str, str]]:
    institution = meeting.institution
    region = Region.objects.filter(code=meeting.region_code).first()
    heading = [
        ("Institusi", f"{institution.name} · {institution.get_level_display()}"),
        ("Wilayah", paper.place(region) if region else ""),
        ("Hari/tanggal", agenda.long_date(meeting.date)),
    ]
    if meeting.time:
        heading.append(("Pukul", f"{meeting.time:%H.%M} WITA"))
    return [*heading, ("Tempat", meeting.place)]


def _minutes_status(meeting: Meeting) -> str:
    if meeting.finalised:
        return f"Final, {paper.long_date(meeting.finalised_at.date())}"
    return "Draf: notulen belum final"


def _note_taker(meeting: Meeting) -> paper.Signer:
    user = meeting.finalised_by
    if user is not None:
        return paper.Signer(
            "Notulis", user.get_full_name() or user.username, user.get_role_display()
        )
    name = _board_name(meeting.institution, Seat.SEKRETARIS)
    return paper.Signer("Notulis", name, "Sekretaris" if name else "")


def minutes_pdf(meeting: Meeting, carried: Any) -> bytes:
    """The minutes of ``meeting`` with the actions it reviewed (``carried``) and raised."""
    institution = meeting.institution
    region = Region.objects.filter(code=meeting.region_code).first()
    context = {
        "title": f"Notulen Pertemuan Rutin {institution.name}",
        "heading": [*_heading(meeting), ("Status", _minutes_status(meeting))],
        **agenda.record(meeting, carried),
        "mengetahui": [
            paper.Signer("Ketua", _board_name(institution, Seat.KETUA), institution.name)
        ],
        "pelapor": [_note_taker(meeting)],
        "place_date": f"{region.name if region else meeting.place}, "
        f"{paper.long_date(meeting.date)}",
    }
    return paper.render_pdf("meetings/minutes_pdf.html", context)


def _figures_status(built: Pack) -> str:
    """Approved figures, or counted from the registers (a later draft version may exist)."""
    if built.figures_status == Status.APPROVED:
        return str(Status.APPROVED.label)
    return str(STATUS_LABELS["draft"])


def pack_pdf(meeting: Meeting, built: Pack, carried: Any) -> bytes:
    """The meeting pack: the month's figures, activities and the actions to review."""
    report = built.report
    context = {
        "title": f"Bahan Pertemuan {meeting.institution.name}",
        "heading": [
            *_heading(meeting),
            ("Data bulan", paper.month_name(built.month)),
            ("Status angka", _figures_status(built)),
        ],
        "meeting": meeting,
        "pack": built,
        "form_title": get_form(FORM).title,
        "report_status": (
            f"{report.get_status_display()}, versi {report.version}" if report else "Belum dibuat"
        ),
        "carried": carried,
    }
    return paper.render_pdf("meetings/pack_pdf.html", context)
