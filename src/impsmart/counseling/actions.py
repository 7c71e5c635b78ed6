"""Writes of KIE, counselling, referrals and visits; views, the demo and tests come through here.

Each function is an ``@action``: atomic and audited as ``actor``. Scope and role are checked
here (403); messages are Indonesian and keyed by the form field they concern.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from impsmart.accounts.audit import action
from impsmart.accounts.scope import require_writable
from impsmart.counseling import facilities, mec
from impsmart.counseling.models import (
    Counseling,
    Facility,
    FacilityStaff,
    KieSession,
    KieTopic,
    Partner,
    Referral,
    Visit,
)
from impsmart.counseling.visits import KINDS
from impsmart.families import codes, contraception
from impsmart.families.models import Member
from impsmart.regions.models import Level, Region

PERMISSION = "edit_register"
KIE_LEVELS = {Level.DESA, Level.DUSUN}


def _not_future(field: str, value: dt.date) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: f"Tanggal {value:%d-%m-%Y} belum terjadi; periksa lagi."})


def _member_writable(actor: Any, member: Member) -> None:
    require_writable(actor, member.family.region_code, PERMISSION)


@action
def create_facility(*, actor, name: str, kind: str, region_code: str, phone: str = "") -> Facility:
    require_writable(actor, region_code, "manage_users")
    facility = Facility(name=name, kind=kind, region_code=region_code, phone=phone)
    facility.full_clean()
    facility.save()
    return facility


@action
def link_staff(*, actor, user, facility: Facility) -> FacilityStaff:
    """Make ``user`` (a mitra) the one who answers ``facility``'s referrals."""
    require_writable(actor, facility.region_code, "manage_users")
    link, _created = FacilityStaff.objects.update_or_create(
        user=user, defaults={"facility": facility}
    )
    return link


@action
def create_kie_session(*, actor, region_code: str, date: dt.date, **fields: Any) -> KieSession:
    require_writable(actor, region_code, PERMISSION)
    region = Region.objects.filter(code=region_code).first()
    if region is None or region.level not in KIE_LEVELS:
        raise ValidationError({"region_code": "Pilih desa/kelurahan atau dusun yang ada."})
    _not_future("date", date)
    if not fields.get("topics"):
        raise ValidationError({"topics": "Pilih sedikitnya satu materi KIE."})
    if set(fields["topics"]) - set(KieTopic.values):
        raise ValidationError({"topics": "Materi tidak dikenal."})
    if set(fields.get("partners", [])) - set(Partner.values):
        raise ValidationError({"partners": "Mitra tidak dikenal."})
    session = KieSession(region_code=region_code, date=date, created_by=actor, **fields)
    session.full_clean(exclude=["created_by"])
    session.save()
    return session


@action
def record_counseling(
    *,
    actor,
    member: Member,
    date: dt.date,
    topics: list[str],
    facts: dict[str, Any],
    intention: str = "",
    note: str = "",
) -> Counseling:
    """Store a counselling with its screening; invalid facts raise MecInputError, nothing stored."""
    _member_writable(actor, member)
    _not_future("date", date)
    result = mec.evaluate(facts) if facts else {}
    if intention:
        contraception.record_intention(
            actor=actor, member=member, intention=intention, recorded_on=date
        )
    counseling = Counseling(
        member=member,
        date=date,
        counselor=actor,
        topics=topics,
        intention=intention,
        facts=facts,
        result=result,
        note=note,
    )
    counseling.save()
    return counseling


@action
def create_referral(
    *,
    actor,
    member: Member,
    facility: Facility,
    reason: str,
    sent_on: dt.date,
    method_wanted: str = "",
    counseling: Counseling | None = None,
) -> Referral:
    _member_writable(actor, member)
    _not_future("sent_on", sent_on)
    if not facilities.referral_choices(actor).filter(pk=facility.pk).exists():
        raise ValidationError({"facility": "Fasilitas ini tidak melayani wilayah Anda."})
    if not reason.strip():
        raise ValidationError({"reason": "Tulis alasan rujukan."})
    if counseling is not None and counseling.member_id != member.pk:
        raise ValidationError({"counseling": "Konseling ini milik klien lain."})
    referral = Referral(
        member=member,
        facility=facility,
        reason=reason.strip(),
        sent_on=sent_on,
        method_wanted=method_wanted,
        counseling=counseling,
        created_by=actor,
    )
    referral.full_clean(exclude=["member", "facility", "counseling", "created_by"])
    referral.save()
    return referral


def _check_served(referral: Referral, method: str, method_type: str, served_on: dt.date) -> None:
    if method not in codes.Method.values:
        raise ValidationError({"method": "Pilih metode yang diberikan."})
    if method_type and method_type not in codes.METHOD_TYPES[codes.Method(method)]:
        raise ValidationError({"method_type": f"Jenis {method_type} bukan bagian dari {method}."})
    _not_future("served_on", served_on)
    if served_on < referral.sent_on:
        raise ValidationError({"served_on": "Tanggal dilayani sebelum tanggal rujukan."})


@action
def answer_referral(
    *,
    actor,
    referral: Referral,
    served: bool,
    served_on: dt.date | None = None,
    method: str = "",
    method_type: str = "",
    jalur: str = "",
    reason: str = "",
) -> Referral:
    """The facility's answer: served (with a method, or none) or not served with a reason."""
    if not facilities.is_staff_of(actor, referral.facility):
        raise PermissionDenied
    if referral.confirmed_on:
        raise ValidationError({"served": "Rujukan sudah dikonfirmasi kader; tidak bisa diubah."})
    if served:
        served_on = served_on or timezone.localdate()
        if method:
            _check_served(referral, method, method_type, served_on)
        referral.status = Referral.Status.SERVED
        referral.served_on, referral.served_method = served_on, method
        referral.served_method_type, referral.served_jalur = method_type, jalur
        referral.not_served_reason = ""
    else:
        if not reason.strip():
            raise ValidationError({"reason": "Tulis alasan tidak dilayani."})
        referral.status = Referral.Status.NOT_SERVED
        referral.not_served_reason = reason.strip()
        referral.served_on, referral.served_method, referral.served_method_type = None, "", ""
    referral.answered_by = actor
    referral.save()
    return referral


@action
def confirm_referral(*, actor, referral: Referral, confirmed: bool = False) -> Referral:
    """The cadre confirms the service: only now does the register get the KB episode."""
    member = referral.member
    _member_writable(actor, member)
    if not referral.awaits_confirmation:
        raise ValidationError({"referral": "Rujukan ini tidak menunggu konfirmasi."})
    current = contraception.active_episode(member)
    fields = {
        "member": member,
        "method": referral.served_method,
        "jalur": referral.served_jalur,
        "place": referral.facility.place_code(),
        "method_type": referral.served_method_type,
        "confirmed": confirmed,
    }
    if current is None:
        episode = contraception.start_method(actor=actor, start_date=referral.served_on, **fields)
    else:
        episode = contraception.switch_method(actor=actor, switch_date=referral.served_on, **fields)
    referral.episode = episode
    referral.confirmed_by, referral.confirmed_on = actor, timezone.localdate()
    referral.save()
    return referral


@action
def record_visit(
    *, actor, member: Member, kind: str, outcome: str, date: dt.date, note: str = ""
) -> Visit:
    _member_writable(actor, member)
    if kind not in KINDS:
        raise ValidationError({"kind": "Jenis kunjungan tidak dikenal."})
    if outcome not in Visit.Outcome.values:
        raise ValidationError({"outcome": "Pilih hasil kunjungan."})
    _not_future("date", date)
    visit = Visit(member=member, kind=kind, outcome=outcome, date=date, note=note, visited_by=actor)
    visit.save()
    return visit
