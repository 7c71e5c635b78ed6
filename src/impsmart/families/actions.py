"""Writes to the family register. Views, the API, imports and the CLI all come through here.

Each function checks scope and role (403), validates with messages in Indonesian that say what
to fix (``ValidationError`` keyed by field), and runs atomically. Contradictions the user may
knowingly keep (a NIK that disagrees with the birth date, a method after MOW/MOP) raise
``ConfirmationRequired`` until the caller passes ``confirmed=True``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from impsmart.accounts.audit import action
from impsmart.accounts.scope import require_writable
from impsmart.families import codes
from impsmart.families.identity import IdentityError, clean_kk, clean_nik, nik_warnings
from impsmart.families.ks import derive_stage
from impsmart.families.models import (
    Family,
    Member,
)
from impsmart.regions.models import Level, Region

PERMISSION = "edit_register"
FAMILY_LEVELS = {Level.DESA, Level.DUSUN, Level.RW, Level.RT}


class ConfirmationRequired(ValidationError):
    """Warnings the user must confirm before the write goes through."""


def _not_future(field: str, value: dt.date | None) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError({field: f"Tanggal {value:%d-%m-%Y} belum terjadi; periksa lagi."})


def _family_region(region_code: str) -> Region:
    region = Region.objects.filter(code=region_code).first()
    if region is None or region.level not in FAMILY_LEVELS:
        raise ValidationError({"region_code": "Pilih desa/kelurahan, dusun, RW atau RT yang ada."})
    return region


@action
def create_family(
    *, actor, region_code: str, kk_number: str, registered_on: dt.date, **fields
) -> Family:
    require_writable(actor, region_code, PERMISSION)
    _family_region(region_code)
    try:
        kk_number = clean_kk(kk_number)
    except IdentityError as error:
        raise ValidationError({"kk_number": str(error)}) from error
    if Family.objects.filter(kk_number=kk_number).exists():
        raise ValidationError({"kk_number": f"Nomor KK {kk_number} sudah terdaftar."})
    _not_future("registered_on", registered_on)
    answers = fields.pop("ks_answers", None) or {}
    family = Family(
        region_code=region_code,
        kk_number=kk_number,
        registered_on=registered_on,
        ks_answers=answers,
        ks_stage=derive_stage(answers) if answers else "",
        **fields,
    )
    family.save()
    return family


@action
def update_family(*, actor, family: Family, **fields) -> Family:
    require_writable(actor, family.region_code, PERMISSION)
    if "region_code" in fields:  # moving the family: the new place must be in scope too
        require_writable(actor, fields["region_code"], PERMISSION)
        _family_region(fields["region_code"])
    if "ks_answers" in fields:
        fields["ks_stage"] = derive_stage(fields["ks_answers"])
    for name, value in fields.items():
        setattr(family, name, value)
    family.save()
    return family


def _check_nik(nik: str, member_pk: int | None, birth_date, sex, confirmed: bool) -> str:
    if not nik:
        return ""
    try:
        nik = clean_nik(nik)
    except IdentityError as error:
        raise ValidationError({"nik": str(error)}) from error
    warnings = nik_warnings(nik, birth_date, sex)
    if Member.objects.filter(nik=nik, left_on__isnull=True).exclude(pk=member_pk).exists():
        warnings.append(f"NIK {nik} sudah tercatat di keluarga lain: kasus data ganda.")
    if warnings and not confirmed:
        raise ConfirmationRequired({"nik": warnings})
    return nik


@action
def add_member(
    *,
    actor,
    family: Family,
    name: str,
    sex: str,
    birth_date: dt.date,
    relation: str,
    marital_status: str,
    nik: str = "",
    confirmed: bool = False,
    **fields,
) -> Member:
    require_writable(actor, family.region_code, PERMISSION)
    _not_future("birth_date", birth_date)
    if not name.strip():
        raise ValidationError({"name": "Isi nama anggota keluarga."})
    nik = _check_nik(nik, None, birth_date, sex, confirmed)
    member = Member(
        family=family,
        name=name.strip(),
        sex=sex,
        birth_date=birth_date,
        relation=relation,
        marital_status=marital_status,
        nik=nik,
        nik_mismatch_confirmed=bool(nik and confirmed),
        **fields,
    )
    member.full_clean(exclude=["family", "spouse"])
    member.save()
    return member


@action
def update_member(*, actor, member: Member, confirmed: bool = False, **fields) -> Member:
    require_writable(actor, member.family.region_code, PERMISSION)
    for name, value in fields.items():
        setattr(member, name, value)
    _not_future("birth_date", member.birth_date)
    member.nik = _check_nik(member.nik, member.pk, member.birth_date, member.sex, confirmed)
    member.nik_mismatch_confirmed = member.nik_mismatch_confirmed or bool(member.nik and confirmed)
    member.full_clean(exclude=["family", "spouse"])
    member.save()
    return member


@action
def marry(*, actor, wife: Member, husband: Member) -> None:
    """Link a married couple of one family, which makes the wife a PUS while 15–49."""
    require_writable(actor, wife.family.region_code, PERMISSION)
    if wife.family_id != husband.family_id:
        raise ValidationError({"spouse": "Suami dan istri harus dalam satu Kartu Keluarga."})
    if (wife.sex, husband.sex) != (codes.Sex.FEMALE, codes.Sex.MALE):
        raise ValidationError({"spouse": "Pilih istri (perempuan) dan suami (laki-laki)."})
    for person in (wife, husband):
        person.marital_status = codes.Marital.MARRIED
    wife.spouse, husband.spouse = husband, wife
    wife.save()
    husband.save()


@action
def record_exit(*, actor, member: Member, left_on: dt.date, reason: str) -> Member:
    """Mutasi of one member: died, moved, or married into another family."""
    require_writable(actor, member.family.region_code, PERMISSION)
    _not_future("left_on", left_on)
    if left_on < member.birth_date:
        raise ValidationError({"left_on": "Tanggal keluar sebelum tanggal lahir."})
    member.left_on, member.left_reason = left_on, reason
    member.save()
    return member
