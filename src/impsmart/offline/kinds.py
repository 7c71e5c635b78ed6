"""Each kind of offline entry, applied through the same action as its web form.

A handler takes the signed-in ``actor`` and the entry's ``payload`` (JSON from the phone) and
returns a short Indonesian line saying what was stored. It reads records only through
``visible_to`` (another desa's record is "not found": refused) and writes only through the apps'
actions, so scope, validation and audit are those of the pages. Entries that change a woman's
current method or pregnancy carry ``base``, the state the cadre saw when she recorded them; a
different state on the server is a ``Conflict``, never overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impsmart.counseling import actions as counseling
from impsmart.counseling import facilities
from impsmart.families import codes, contraception
from impsmart.families.models import Member
from impsmart.funds import actions as funds
from impsmart.funds.models import Fund
from impsmart.groups import actions as groups
from impsmart.groups.models import Group
from impsmart.meetings import actions as meetings
from impsmart.meetings.models import Meeting

Handler = Callable[[Any, dict], str]
MemberHandler = Callable[[Any, Member, dict], str]
HANDLERS: dict[str, Handler] = {}
NOT_FOUND = "%(what)s tidak ditemukan di wilayah Anda. Sinkronkan ulang lalu pilih lagi."


class Conflict(Exception):
    """The record changed on the server since the phone saw it."""


def kind(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HANDLERS[name] = handler
        return handler

    return register


# -- reading the payload -------------------------------------------------------------------


def _date(payload: dict, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(payload.get(key) or ""))
    except ValueError:
        raise ValidationError({key: _("Isi tanggal (tahun-bulan-tanggal).")}) from None


def _text(payload: dict, key: str) -> str:
    value = payload.get(key, "")
    if not isinstance(value, str):
        raise ValidationError({key: _("Isian ini harus berupa teks.")})
    return value


def _ids(payload: dict, key: str) -> list[int]:
    value = payload.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, int) for v in value):
        raise ValidationError({key: _("Pilih dari daftar.")})
    return value


def _visible(queryset, actor, pk: Any, what: str):
    found = queryset.visible_to(actor).filter(pk=pk).first() if isinstance(pk, int) else None
    if found is None:
        raise ValidationError(_(NOT_FOUND) % {"what": what})
    return found


def _member(actor, payload: dict) -> Member:
    queryset = Member.objects.filter(left_on__isnull=True).select_related("family")
    return _visible(queryset, actor, payload.get("member"), _("Anggota keluarga"))


# -- the woman's state: what a conflicting entry is compared with ---------------------------


def state_of(member: Member) -> dict:
    """Her method in use and open pregnancy, as the phone keeps them (``base``)."""
    episode = contraception.active_episode(member)
    pregnancy = member.pregnancies.filter(outcome_date__isnull=True).first()
    return {
        "episode": [episode.method, episode.start_date.isoformat()] if episode else None,
        "pregnancy": pregnancy.start_date.isoformat() if pregnancy else None,
    }


def _describe(state: dict) -> str:
    episode, pregnancy = state["episode"], state["pregnancy"]
    words = (
        _("memakai %(method)s sejak %(date)s") % {"method": episode[0], "date": episode[1]}
        if episode
        else _("tidak memakai metode KB")
    )
    if pregnancy:
        words += ", " + _("hamil sejak %(date)s") % {"date": pregnancy}
    return words


def _same_base(member: Member, payload: dict) -> None:
    base = payload.get("base")
    now = state_of(member)
    if not isinstance(base, dict) or {k: base.get(k) for k in now} != now:
        raise Conflict(
            _(
                "Data %(name)s sudah berubah di server: sekarang %(state)s. Periksa, lalu "
                "catat lagi bila masih perlu."
            )
            % {"name": member.name, "state": _describe(now)}
        )


# -- kinds about one member; her KB and pregnancy checked against ``base`` -------------


def member_kind(name: str, *, based: bool = False) -> Callable[[MemberHandler], MemberHandler]:
    """A kind about one member of her region. ``based``: it changes her method or pregnancy,
    and applies only on the state the phone showed (``base``), else it is a conflict."""

    def register(handler: MemberHandler) -> MemberHandler:
        def run(actor, p: dict) -> str:
            member = _member(actor, p)
            if based:
                _same_base(member, p)
            return handler(actor, member, p)

        HANDLERS[name] = run
        return handler

    return register


def _confirmed(p: dict) -> bool:
    """She ticked "sudah diperiksa" over a plausibility warning."""
    return p.get("confirmed") is True


def _method_event(action: Callable, date_key: str, done: Any) -> MemberHandler:
    """Mulai KB and ganti cara: the same fields, a different date and action."""

    def handler(actor, member: Member, p: dict) -> str:
        episode = action(
            actor=actor, member=member, method=_text(p, "method"), jalur=_text(p, "jalur"),
            confirmed=_confirmed(p), **{date_key: _date(p, date_key)},
        )  # fmt: skip
        return str(done) % {"name": member.name, "method": episode.method}

    return handler


kb_start = member_kind("kb_start", based=True)(
    _method_event(
        contraception.start_method, "start_date", gettext_lazy("%(name)s mulai %(method)s.")
    )
)
kb_change = member_kind("kb_change", based=True)(
    _method_event(
        contraception.switch_method, "switch_date", gettext_lazy("%(name)s ganti ke %(method)s.")
    )
)


@member_kind("kb_stop", based=True)
def kb_stop(actor, member: Member, p: dict) -> str:
    contraception.stop_method(
        actor=actor, member=member, end_date=_date(p, "end_date"), reason=_text(p, "reason")
    )
    return _("%(name)s berhenti ber-KB.") % {"name": member.name}


@member_kind("pregnancy", based=True)
def pregnancy(actor, member: Member, p: dict) -> str:
    contraception.record_pregnancy(
        actor=actor, member=member, start_date=_date(p, "start_date"), confirmed=_confirmed(p)
    )
    return _("Kehamilan %(name)s tercatat.") % {"name": member.name}


@member_kind("outcome", based=True)
def outcome(actor, member: Member, p: dict) -> str:
    open_pregnancy = member.pregnancies.filter(outcome_date__isnull=True).first()
    if open_pregnancy is None:
        raise ValidationError({"outcome": _("Belum ada kehamilan yang tercatat.")})
    contraception.record_outcome(
        actor=actor, pregnancy=open_pregnancy, outcome_date=_date(p, "outcome_date"),
        outcome=_text(p, "outcome"),
    )  # fmt: skip
    return _("Hasil kehamilan %(name)s tercatat.") % {"name": member.name}


# -- events that only add: no conflict by design ----------------------------------------------


@member_kind("intention")
def intention(actor, member: Member, p: dict) -> str:
    contraception.record_intention(
        actor=actor, member=member, intention=_text(p, "intention"),
        recorded_on=_date(p, "recorded_on"), confirmed=_confirmed(p),
    )  # fmt: skip
    return _("Keinginan ber-anak %(name)s tercatat.") % {"name": member.name}


@member_kind("visit")
def visit(actor, member: Member, p: dict) -> str:
    counseling.record_visit(
        actor=actor, member=member, kind=_text(p, "kind"), outcome=_text(p, "outcome"),
        date=_date(p, "date"), note=_text(p, "note"),
    )  # fmt: skip
    return _("Kunjungan ke %(name)s tercatat.") % {"name": member.name}


@member_kind("counseling")
def counsel(actor, member: Member, p: dict) -> str:
    facts = p.get("facts") or {}
    if not isinstance(facts, dict):
        raise ValidationError({"facts": _("Isian penapisan tidak sah.")})
    counseling.record_counseling(
        actor=actor, member=member, date=_date(p, "date"), topics=_list_of_text(p, "topics"),
        facts=facts, intention=_text(p, "intention"), note=_text(p, "note"),
    )  # fmt: skip
    return _("Konseling %(name)s tercatat.") % {"name": member.name}


@member_kind("referral")
def referral(actor, member: Member, p: dict) -> str:
    facility = _visible(
        facilities.referral_choices(actor), actor, p.get("facility"), _("Fasilitas")
    )
    counseling.create_referral(
        actor=actor, member=member, facility=facility, reason=_text(p, "reason"),
        sent_on=_date(p, "sent_on"), method_wanted=_text(p, "method_wanted"),
    )  # fmt: skip
    return _("Rujukan %(name)s ke %(facility)s tercatat.") % {
        "name": member.name,
        "facility": facility.name,
    }


def _list_of_text(payload: dict, key: str) -> list[str]:
    value = payload.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError({key: _("Pilih dari daftar.")})
    return value


AUDIENCE = [f"audience_{band}_{sex}" for band in ("lt20", "20_49", "50plus") for sex in ("l", "p")]


@kind("kie")
def kie(actor, p: dict) -> str:
    audience = {key: p[key] for key in AUDIENCE if isinstance(p.get(key), int)}
    counseling.create_kie_session(
        actor=actor, region_code=_text(p, "region_code"), date=_date(p, "date"),
        place=_text(p, "place"), presenter_kind=_text(p, "presenter_kind"),
        presenter_name=_text(p, "presenter_name"), topics=_list_of_text(p, "topics"), **audience,
    )  # fmt: skip
    return _("Sesi KIE di %(place)s tercatat.") % {"place": _text(p, "place")}


# -- meetings, poktan and funds ---------------------------------------------------------------


@kind("meeting_attendance")
def meeting_attendance(actor, p: dict) -> str:
    meeting = _visible(Meeting.objects, actor, p.get("meeting"), _("Pertemuan"))
    name = _text(p, "name")
    meetings.add_attendance(actor=actor, meeting=meeting, role=_text(p, "role"), name=name)
    return _("%(name)s hadir di pertemuan %(date)s.") % {"name": name, "date": meeting.date}


@kind("poktan_session")
def poktan_session(actor, p: dict) -> str:
    group = _visible(Group.objects, actor, p.get("group"), _("Kelompok"))
    attendees = _ids(p, "attendees")
    groups.record_session(
        actor=actor, group=group, date=_date(p, "date"), topic=_text(p, "topic"),
        presenter_kind=_text(p, "presenter_kind"), presenter_name=_text(p, "presenter_name"),
        attendees=attendees,
    )  # fmt: skip
    return _("Pertemuan %(group)s dengan %(n)s hadir tercatat.") % {
        "group": group.name,
        "n": len(attendees),
    }


@kind("iuran")
def iuran(actor, p: dict) -> str:
    fund = _visible(Fund.objects, actor, p.get("fund"), _("Dana"))
    paid = list(fund.members.filter(pk__in=_ids(p, "paid")))
    if len(paid) != len(set(_ids(p, "paid"))):
        raise ValidationError({"paid": _("Pilih anggota dana ini.")})
    count = funds.record_dues(
        actor=actor, fund=fund, month=_date(p, "month"), paid=paid, date=_date(p, "date")
    )
    return _("Iuran %(n)s anggota %(fund)s tercatat.") % {"n": count, "fund": fund.name}


def end_reasons() -> list[tuple[str, str]]:
    """Reasons to stop a method by hand (a switch and a pregnancy have their own entry)."""
    automatic = {codes.EndReason.SWITCH, codes.EndReason.FAILURE}
    return [(v, str(label)) for v, label in codes.EndReason.choices if v not in automatic]
