"""Writes of KIE, counselling, referrals and visits; views, the demo and tests come through here.

Each function is an ``@action``: atomic and audited as ``actor``. Scope and role are checked
here (403); messages are Indonesian and keyed by the form field they concern. A session,
counselling, referral or visit submitted twice stores once (``impsmart.once``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from impsmart import dates, once
from impsmart.accounts.audit import action
from impsmart.accounts.roles import Role
from impsmart.accounts.scope import code_within, require_writable
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
from impsmart.families.plausibility import check_date
from impsmart.regions.models import Level, Region

PERMISSION = "edit_register"
FACILITY_PERMISSION = "manage_facilities"
PHONE = re.compile(r"\+?[0-9][0-9 -]{5,18}")
KIE_LEVELS = {Level.DESA, Level.DUSUN}


def _member_writable(actor: Any, member: Member) -> None:
    require_writable(actor, member.family.region_code, PERMISSION)


def _level_message(facility: Facility, region: Region) -> str:
    values = {"kind": facility.get_kind_display(), "region": region}
    if facility.kind == Facility.Kind.PUSKESMAS:
        text = _("%(kind)s melayani satu kecamatan: pilih kecamatannya, bukan %(region)s.")
    elif facility.kind == Facility.Kind.RS:
        text = _(
            "Rumah sakit dicatat pada kecamatan tempatnya, atau pada kabupaten bila melayani "
            "seluruh kabupaten (RSUD); %(region)s bukan keduanya."
        )
    elif facility.kind == Facility.Kind.KLINIK:
        text = _("%(kind)s dicatat pada kecamatan atau desa/kelurahan tempatnya, bukan %(region)s.")
    else:
        text = _("%(kind)s melayani satu desa/kelurahan: pilih desanya, bukan %(region)s.")
    return text % values


def _check_facility(facility: Facility) -> None:
    """Name, kind, region level and phone of a facility about to be saved (Indonesian)."""
    if not facility.name:
        raise ValidationError({"name": _("Tulis nama fasilitas, mis. Pustu Bontoa.")})
    if facility.kind not in Facility.Kind.values:
        raise ValidationError({"kind": _("Pilih jenis fasilitas dari daftar.")})
    region = Region.objects.filter(code=facility.region_code).first()
    if region is None:
        raise ValidationError({"region_code": _("Pilih kecamatan atau desa/kelurahan yang ada.")})
    if region.level not in facilities.KIND_LEVELS[facility.kind]:
        raise ValidationError({"region_code": _level_message(facility, region)})
    if facility.phone and not PHONE.fullmatch(facility.phone):
        raise ValidationError(
            {
                "phone": _(
                    "Nomor telepon hanya boleh berisi angka, spasi dan tanda -, mis. 0411 861234."
                )
            }
        )
    twins = Facility.objects.filter(region_code=region.code, name__iexact=facility.name)
    if twins.exclude(pk=facility.pk).exists():
        raise ValidationError(
            {
                "name": _("%(name)s sudah terdaftar di %(region)s.")
                % {"name": facility.name, "region": region}
            }
        )


def _set_facility_fields(facility: Facility, name: str, kind: str, region_code: str, phone: str):
    facility.name, facility.kind = " ".join(name.split()), kind
    facility.region_code, facility.phone = region_code.strip(), phone.strip()
    _check_facility(facility)
    facility.full_clean()


@action
def create_facility(*, actor, name: str, kind: str, region_code: str, phone: str = "") -> Facility:
    require_writable(actor, region_code, FACILITY_PERMISSION)
    facility = Facility()
    _set_facility_fields(facility, name, kind, region_code, phone)
    facility.save()
    return facility


@action
def update_facility(
    *, actor, facility: Facility, name: str, kind: str, region_code: str, phone: str = ""
) -> Facility:
    """Change a facility; moving it needs write access to both its old and its new region."""
    require_writable(actor, facility.region_code, FACILITY_PERMISSION)
    require_writable(actor, region_code, FACILITY_PERMISSION)
    _set_facility_fields(facility, name, kind, region_code, phone)
    facility.save()
    return facility


@action
def delete_facility(*, actor, facility: Facility) -> None:
    """Remove a facility entered by mistake; one that received referrals keeps its history."""
    require_writable(actor, facility.region_code, FACILITY_PERMISSION)
    received = facility.referrals.count()
    if received:
        message = ngettext(
            "%(name)s sudah menerima %(n)d rujukan, jadi tidak bisa dihapus: riwayat "
            "rujukan harus tetap utuh. Ubah nama, jenis atau teleponnya bila perlu.",
            "%(name)s sudah menerima %(n)d rujukan, jadi tidak bisa dihapus: riwayat "
            "rujukan harus tetap utuh. Ubah nama, jenis atau teleponnya bila perlu.",
            received,
        )
        raise ValidationError(message % {"name": facility.name, "n": received})
    facility.delete()  # audit-ok: one record (and its staff links), each through the signals


@action
def link_staff(*, actor, user, facility: Facility) -> FacilityStaff:
    """Make ``user`` (a mitra) the one who answers ``facility``'s referrals.

    A mitra works at one facility, so linking moves the account from any previous one.
    """
    require_writable(actor, facility.region_code, FACILITY_PERMISSION)
    for code in user.scope_codes:
        require_writable(actor, code, FACILITY_PERMISSION)
    current = FacilityStaff.objects.select_related("facility").filter(user=user).first()
    if current is not None:  # moving the account away from a facility changes that one too
        require_writable(actor, current.facility.region_code, FACILITY_PERMISSION)
    if user.role != Role.MITRA:
        raise ValidationError(
            {"user": _("Hanya akun berperan Mitra yang bisa menjadi petugas fasilitas.")}
        )
    if not any(code_within(facility.region_code, code) for code in user.scope_codes):
        raise ValidationError(
            {
                "user": _(
                    "Akun %(user)s bertugas di wilayah %(codes)s, di luar wilayah %(facility)s. "
                    "Ubah dulu wilayah akunnya di halaman Pengguna."
                )
                % {
                    "user": user.username,
                    "codes": ", ".join(user.scope_codes),
                    "facility": facility.name,
                }
            }
        )
    link, _created = FacilityStaff.objects.update_or_create(
        user=user, defaults={"facility": facility}
    )
    return link


@action
def unlink_staff(*, actor, user, facility: Facility) -> None:
    """The account no longer answers this facility's referrals (it stays a mitra account)."""
    require_writable(actor, facility.region_code, FACILITY_PERMISSION)
    link = FacilityStaff.objects.filter(user=user, facility=facility).first()
    if link is None:
        raise ValidationError(
            _("%(user)s bukan petugas %(facility)s.")
            % {"user": user.username, "facility": facility.name}
        )
    link.delete()  # audit-ok: one record, through the signals


@action
def create_kie_session(*, actor, region_code: str, date: dt.date, **fields: Any) -> KieSession:
    require_writable(actor, region_code, PERMISSION)
    region = Region.objects.filter(code=region_code).first()
    if region is None or region.level not in KIE_LEVELS:
        raise ValidationError({"region_code": "Pilih desa/kelurahan atau dusun yang ada."})
    check_date("date", date)
    if not fields.get("topics"):
        raise ValidationError({"topics": "Pilih sedikitnya satu materi KIE."})
    if set(fields["topics"]) - set(KieTopic.values):
        raise ValidationError({"topics": "Materi tidak dikenal."})
    if set(fields.get("partners", [])) - set(Partner.values):
        raise ValidationError({"partners": "Mitra tidak dikenal."})
    session = KieSession(region_code=region_code, date=date, created_by=actor, **fields)
    session.full_clean(exclude=["created_by"], validate_constraints=False)
    conflict = _(
        "Sesi KIE oleh %(presenter)s di %(place)s pada tanggal ini sudah tercatat. Bila ini "
        "sesi lain, bedakan tempatnya, mis. '%(place)s (sore)'."
    ) % {"presenter": session.presenter_name, "place": session.place}
    return once.save_once(
        session, ("region_code", "date", "place", "presenter_name"), {"place": conflict}
    )


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
    """Store a counselling with its screening; invalid facts are refused, nothing stored."""
    _member_writable(actor, member)
    check_date("date", date, member)
    try:
        result = mec.evaluate(facts) if facts else {}
    except mec.MecInputError as error:
        raise ValidationError({error.field: str(error)} if error.field else str(error)) from error
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
    conflict = _(
        "Konseling %(name)s oleh Anda pada tanggal ini sudah tercatat; tambahkan catatan pada "
        "konseling itu atau pilih tanggal lain."
    ) % {"name": member.name}
    return once.save_once(counseling, ("member", "date", "counselor"), {"date": conflict})


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
    check_date("sent_on", sent_on, member)
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
    conflict = _("Rujukan %(name)s ke %(facility)s pada tanggal ini sudah tercatat.") % {
        "name": member.name,
        "facility": facility.name,
    }
    return once.save_once(referral, ("member", "facility", "sent_on"), {"facility": conflict})


def _check_served(referral: Referral, method: str, method_type: str, served_on: dt.date) -> None:
    if method not in codes.Method.values:
        raise ValidationError({"method": "Pilih metode yang diberikan."})
    if method_type and method_type not in codes.METHOD_TYPES[codes.Method(method)]:
        raise ValidationError({"method_type": f"Jenis {method_type} bukan bagian dari {method}."})
    check_date("served_on", served_on, referral.member)
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
        served_on = served_on or dates.today()
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
    if referral.confirmed_on is not None and referral.episode_id is not None:
        return referral  # this confirmation, submitted again
    if not referral.awaits_confirmation:
        raise ValidationError({"referral": "Rujukan ini tidak menunggu konfirmasi."})
    referral.episode = contraception.serve_method(
        actor=actor,
        member=member,
        method=referral.served_method,
        served_on=referral.served_on,
        jalur=referral.served_jalur,
        place=referral.facility.place_code(),
        method_type=referral.served_method_type,
        confirmed=confirmed,
    )
    referral.confirmed_by, referral.confirmed_on = actor, dates.today()
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
    check_date("date", date, member)
    visit = Visit(member=member, kind=kind, outcome=outcome, date=date, note=note, visited_by=actor)
    return once.save_once(visit, ("member", "kind", "date", "outcome"), conflict=None)
