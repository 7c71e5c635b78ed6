"""Writes of institutions, boards, decrees, the grading rule and partners.

Each function is an ``@action``: atomic and audited as ``actor``. Scope and role are checked
here (403 outside the user's scope or role); refusals are Indonesian and keyed by field.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from impsmart import dates
from impsmart.accounts.audit import action
from impsmart.accounts.models import User
from impsmart.accounts.scope import code_within, require_writable
from impsmart.counseling.models import Facility
from impsmart.families.models import Member
from impsmart.organization import grading, uploads
from impsmart.organization.models import (
    BoardSeat,
    Decree,
    Funding,
    GradeRule,
    Institution,
    Level,
    Partner,
    PartnerActivity,
    PartnerContact,
    Seat,
)
from impsmart.regions.models import Level as RegionLevel
from impsmart.regions.models import Region

MANAGE = "manage_institutions"
DECREES = "manage_decrees"
RULE = "manage_grade_rule"
PHONE = re.compile(r"\+?[0-9][0-9 -]{5,18}")
# The region level an institution of each level sits at.
REGION_LEVELS = {
    Level.PPKBD: (RegionLevel.DESA,),
    Level.SUB_PPKBD: (RegionLevel.DUSUN, RegionLevel.RW),
    Level.POK_KB: (RegionLevel.RT,),
    Level.KECAMATAN: (RegionLevel.KECAMATAN,),
    Level.KABUPATEN: (RegionLevel.KABUPATEN,),
    Level.FORUM: (RegionLevel.KABUPATEN,),
}
# Seats held by one person at a time; anggota may be many.
SINGLE_SEATS = set(Seat.values) - {Seat.ANGGOTA}


def _not_future(field: str, value: dt.date | None) -> None:
    if value and value > dates.today():
        raise ValidationError(
            {field: _("Tanggal %(d)s belum terjadi; periksa lagi.") % {"d": f"{value:%d-%m-%Y}"}}
        )


def _check_place(level: str, region_code: str) -> Region:
    region = Region.objects.filter(code=region_code).first()
    if level not in Level.values:
        raise ValidationError({"level": _("Pilih tingkat institusi dari daftar.")})
    if region is None:
        raise ValidationError({"region_code": _("Pilih wilayah yang ada.")})
    if region.level not in REGION_LEVELS[level]:
        raise ValidationError(
            {
                "region_code": _("%(level)s dibentuk di %(where)s; %(region)s bukan wilayah itu.")
                % {
                    "level": Level(level).label,
                    "where": _(" atau ").join(str(x.label) for x in REGION_LEVELS[level]),
                    "region": region,
                }
            }
        )
    return region


def _check_funding(funding: list[str]) -> list[str]:
    unknown = [f for f in funding if f not in Funding.values]
    if unknown:
        raise ValidationError({"funding": _("Pilih sumber dana dari daftar.")})
    return list(dict.fromkeys(funding))


def _check_pembina(pembina: User | None, region_code: str) -> None:
    if pembina is None:
        return
    if pembina.role not in ("pkb", "koordinator_kecamatan") or not any(
        code_within(region_code, c) for c in pembina.scope_codes
    ):
        raise ValidationError(
            {"pembina": _("Pembina harus PKB/PLKB yang membina wilayah institusi ini.")}
        )


def _works_in(user: User, region_code: str) -> bool:
    """A user whose scope holds the region, or lies inside it (a cadre of one of its dusun)."""
    return any(code_within(region_code, c) or code_within(c, region_code) for c in user.scope_codes)


def new_code(level: str, region_code: str) -> str:
    base = f"{level}.{region_code}"
    taken = set(Institution.objects.filter(code__startswith=base).values_list("code", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


@action
def create_institution(
    *,
    actor: Any,
    level: str,
    name: str,
    region_code: str,
    founded_on: dt.date | None = None,
    funding: list[str] | None = None,
    pembina: User | None = None,
) -> Institution:
    require_writable(actor, region_code, MANAGE)
    _check_place(level, region_code)
    if not name.strip():
        raise ValidationError({"name": _("Tulis nama institusi, mis. PPKBD Bontoa.")})
    _not_future("founded_on", founded_on)
    _check_pembina(pembina, region_code)
    return Institution.objects.create(
        code=new_code(level, region_code),
        level=level,
        name=name.strip(),
        region_code=region_code,
        founded_on=founded_on,
        funding=_check_funding(funding or []),
        pembina=pembina,
    )


@action
def update_institution(
    *,
    actor: Any,
    institution: Institution,
    name: str,
    founded_on: dt.date | None = None,
    funding: list[str] | None = None,
    pembina: User | None = None,
) -> Institution:
    require_writable(actor, institution.region_code, MANAGE)
    if not name.strip():
        raise ValidationError({"name": _("Tulis nama institusi, mis. PPKBD Bontoa.")})
    _not_future("founded_on", founded_on)
    _check_pembina(pembina, institution.region_code)
    institution.name = name.strip()
    institution.founded_on = founded_on
    institution.funding = _check_funding(funding or [])
    institution.pembina = pembina
    institution.save()
    return institution


@action
def deactivate_institution(*, actor: Any, institution: Institution) -> Institution:
    """Deactivated, never deleted (as a K/0 card); its running tenures end the same day."""
    require_writable(actor, institution.region_code, MANAGE)
    if not institution.active:
        raise ValidationError(_("Institusi ini sudah nonaktif."))
    today = dates.today()
    for seat in institution.seats.filter(ended_on__isnull=True):
        seat.ended_on = max(today, seat.started_on)
        seat.save()
    institution.active = False
    institution.deactivated_on = today
    institution.save()
    return institution


def _holder_member(actor: Any, institution: Institution, nik: str) -> Member:
    member = (
        Member.objects.visible_to(actor)
        .filter(nik=nik, left_on__isnull=True)
        .filter(
            Q(family__region_code=institution.region_code)
            | Q(family__region_code__startswith=f"{institution.region_code}.")
        )
        .first()
    )
    if member is None:
        raise ValidationError(
            {"member_nik": _("NIK ini tidak ada di register wilayah institusi; periksa lagi.")}
        )
    return member


@action
def assign_seat(
    *,
    actor: Any,
    institution: Institution,
    seat: str,
    started_on: dt.date,
    user: User | None = None,
    member_nik: str = "",
    name: str = "",
) -> BoardSeat:
    """A person takes a seat; the seat's previous holder (one-person seats) ends that day."""
    require_writable(actor, institution.region_code, MANAGE)
    if not institution.active:
        raise ValidationError(_("Institusi nonaktif tidak bisa diberi pengurus."))
    if seat not in Seat.values:
        raise ValidationError({"seat": _("Pilih jabatan dari daftar.")})
    _not_future("started_on", started_on)
    member = _holder_member(actor, institution, member_nik.strip()) if member_nik.strip() else None
    if user is not None and not _works_in(user, institution.region_code):
        raise ValidationError({"user": _("Pengguna ini tidak bekerja di wilayah institusi.")})
    holder = (
        name.strip()
        or (member.name if member else "")
        or (user.get_full_name() or user.username if user else "")
    )
    if not holder:
        raise ValidationError(
            {"name": _("Pilih pengguna, tulis NIK anggota register, atau tulis nama pengurus.")}
        )
    if seat in SINGLE_SEATS:
        for running in institution.seats.filter(seat=seat, ended_on__isnull=True):
            if running.started_on > started_on:
                raise ValidationError(
                    {
                        "started_on": _(
                            "%(name)s menjabat sejak %(d)s; tanggal mulai pengganti tidak "
                            "boleh sebelumnya."
                        )
                        % {"name": running.name, "d": f"{running.started_on:%d-%m-%Y}"}
                    }
                )
            running.ended_on = started_on
            running.save()
    return BoardSeat.objects.create(
        institution=institution,
        seat=seat,
        user=user,
        member=member,
        name=holder,
        started_on=started_on,
    )


@action
def end_seat(*, actor: Any, seat: BoardSeat, ended_on: dt.date) -> BoardSeat:
    require_writable(actor, seat.institution.region_code, MANAGE)
    if seat.ended_on is not None:
        raise ValidationError(_("Masa jabatan ini sudah berakhir."))
    _not_future("ended_on", ended_on)
    if ended_on < seat.started_on:
        raise ValidationError({"ended_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    seat.ended_on = ended_on
    seat.save()
    return seat


# --- decrees -----------------------------------------------------------------------------


DECREE_LEVELS = {RegionLevel.KABUPATEN, RegionLevel.KECAMATAN}


def decree_region(actor: Any, region_code: str) -> Region:
    """The kabupaten or kecamatan of a decree, inside the actor's scope (403 otherwise)."""
    require_writable(actor, region_code, DECREES)
    region = Region.objects.filter(code=region_code, level__in=DECREE_LEVELS).first()
    if region is None:
        raise ValidationError({"region_code": _("SK dibuat untuk kabupaten atau kecamatan.")})
    return region


@action
def record_decree(
    *,
    actor: Any,
    region_code: str,
    year: int,
    number: str,
    signed_on: dt.date,
    signatory: str,
    effective_on: dt.date,
    upload: Any,
) -> Decree:
    """The signed decree: the attachment as it stands, and its boards official from its date."""
    from impsmart.organization.decree import attachment  # the drafting module reads models

    decree_region(actor, region_code)
    data, extension, content_type = uploads.read_checked(upload)
    if not number.strip():
        raise ValidationError({"number": _("Tulis nomor SK seperti tertera pada SK.")})
    if not signatory.strip():
        raise ValidationError({"signatory": _("Tulis nama penandatangan SK.")})
    _not_future("signed_on", signed_on)
    if effective_on < signed_on:
        raise ValidationError({"effective_on": _("SK tidak berlaku sebelum ditandatangani.")})
    if Decree.objects.filter(region_code=region_code, number=number.strip()).exists():
        raise ValidationError({"number": _("SK dengan nomor ini sudah dicatat.")})
    rows = attachment(region_code)
    path, digest = uploads.store(data, "sk", extension)
    decree = Decree.objects.create(
        region_code=region_code,
        year=year,
        number=number.strip(),
        signed_on=signed_on,
        signatory=signatory.strip(),
        effective_on=effective_on,
        attachment=[row.as_data() for row in rows],
        file_path=path,
        file_sha256=digest,
        file_type=content_type,
        file_size=len(data),
        recorded_by=actor,
    )
    decree.institutions.set([row.institution for row in rows])
    for row in rows:
        for seat in row.seats:
            seat.official_since = effective_on
            seat.decree = decree
            seat.save()
    return decree


# --- grading rule ------------------------------------------------------------------------


@action
def save_grade_rule(*, actor: Any, region_code: str, criteria: dict) -> GradeRule:
    require_writable(actor, region_code, RULE)
    if not Region.objects.filter(code=region_code, level=RegionLevel.KABUPATEN).exists():
        raise ValidationError({"region_code": _("Aturan klasifikasi berlaku per kabupaten.")})
    try:
        rule = grading.parse_rule(criteria)
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError({"criteria": _("Aturan tidak sah: %(e)s") % {"e": error}}) from error
    if any(c.threshold < 0 for g in rule.values() for c in g):
        raise ValidationError({"criteria": _("Ambang batas tidak boleh negatif.")})
    stored, _created = GradeRule.objects.update_or_create(
        region_code=region_code, defaults={"criteria": grading.rule_as_data(rule)}
    )
    return stored


# --- partners ----------------------------------------------------------------------------


@action
def create_partner(
    *, actor: Any, region_code: str, kind: str, name: str, facility: Facility | None = None
) -> Partner:
    require_writable(actor, region_code, MANAGE)
    if kind not in Partner.Kind.values:
        raise ValidationError({"kind": _("Pilih jenis mitra dari daftar.")})
    if not name.strip():
        raise ValidationError({"name": _("Tulis nama mitra, mis. Polsek Bontomarannu.")})
    if not Region.objects.filter(code=region_code).exists():
        raise ValidationError({"region_code": _("Pilih wilayah yang ada.")})
    if facility is not None and not (
        code_within(facility.region_code, region_code)
        or code_within(region_code, facility.region_code)
    ):
        raise ValidationError({"facility": _("Fasilitas ini tidak melayani wilayah mitra.")})
    return Partner.objects.create(
        region_code=region_code, kind=kind, name=name.strip(), facility=facility
    )


@action
def add_contact(
    *, actor: Any, partner: Partner, name: str, position: str = "", phone: str = ""
) -> PartnerContact:
    require_writable(actor, partner.region_code, MANAGE)
    if not name.strip():
        raise ValidationError({"name": _("Tulis nama kontak.")})
    if phone and not PHONE.fullmatch(phone):
        raise ValidationError(
            {"phone": _("Tulis nomor telepon dengan angka saja, mis. 0812 3456 789.")}
        )
    return PartnerContact.objects.create(
        partner=partner, name=name.strip(), position=position.strip(), phone=phone.strip()
    )


@action
def record_activity(
    *, actor: Any, partner: Partner, kind: str, date: dt.date, region_code: str, note: str = ""
) -> PartnerActivity:
    require_writable(actor, region_code, MANAGE)
    if kind not in PartnerActivity.Kind.values:
        raise ValidationError({"kind": _("Pilih jenis kegiatan dari daftar.")})
    _not_future("date", date)
    if not Region.objects.filter(code=region_code).exists():
        raise ValidationError({"region_code": _("Pilih wilayah yang ada.")})
    activity, _created = PartnerActivity.objects.get_or_create(
        partner=partner, kind=kind, date=date, region_code=region_code, defaults={"note": note}
    )
    return activity
