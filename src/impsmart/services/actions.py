"""Writes of KB service days, calon pengantin and PUP mentoring (audited ``@action``s).

A service day's flow: the cadre (``edit_register``) plans it with a facility and invites
women from its target list (``targets.py``); on the day the cadre or the facility's mitra
marks who came; the mitra records the method each received (one of the methods offered);
the cadre confirms, and only then does the register get the episodes. Every step refuses
the whole submission with an Indonesian message when any part is wrong: nothing half-stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from impsmart import dates, once
from impsmart.accounts.audit import action
from impsmart.accounts.scope import code_within, require_writable
from impsmart.counseling import actions as counseling_actions
from impsmart.counseling import facilities
from impsmart.counseling.models import AGE_GROUPS, Facility, KieSession
from impsmart.dates import age_on
from impsmart.families import codes, contraception
from impsmart.families.models import Member
from impsmart.families.plausibility import check_date
from impsmart.regions.models import Level, Region
from impsmart.services import pup, targets
from impsmart.services.models import Couple, Invitation, Mentee, ServiceDay

PERMISSION = "edit_register"
PAST_DAYS = 90  # a day planned or recorded further back makes no sense
AHEAD_DAYS = 183  # nor one planned more than half a year ahead
DAY_LEVELS = {Level.KECAMATAN, Level.DESA, Level.DUSUN}


def _check_day_date(date: dt.date) -> None:
    today = dates.today()
    if date < today - dt.timedelta(days=PAST_DAYS):
        raise ValidationError(
            {
                "date": _(
                    "Tanggal %(date)s sudah lebih dari %(days)d hari yang lalu. Pelayanan KB "
                    "serentak dicatat sebelum atau segera sesudah hari pelayanan; periksa "
                    "tahunnya."
                )
                % {"date": f"{date:%d-%m-%Y}", "days": PAST_DAYS}
            }
        )
    if date > today + dt.timedelta(days=AHEAD_DAYS):
        raise ValidationError(
            {
                "date": _("Tanggal %(date)s lebih dari enam bulan lagi; periksa tahunnya.")
                % {"date": f"{date:%d-%m-%Y}"}
            }
        )


def _check_facility(actor: Any, facility: Facility, region_code: str) -> None:
    serves = code_within(region_code, facility.region_code) or code_within(
        facility.region_code, region_code
    )
    if not serves or not facilities.referral_choices(actor).filter(pk=facility.pk).exists():
        raise ValidationError(
            {"facility": _("%(name)s tidak melayani wilayah ini.") % {"name": facility.name}}
        )


@action
def create_service_day(
    *,
    actor,
    region_code: str,
    date: dt.date,
    place: str,
    facility: Facility,
    medical_staff: str,
    methods: list[str],
    note: str = "",
) -> ServiceDay:
    require_writable(actor, region_code, PERMISSION)
    region = Region.objects.filter(code=region_code).first()
    if region is None or region.level not in DAY_LEVELS:
        raise ValidationError({"region_code": _("Pilih kecamatan, desa atau dusun yang ada.")})
    _check_day_date(date)
    _check_facility(actor, facility, region_code)
    if not place.strip():
        raise ValidationError({"place": _("Tulis tempat pelayanan, mis. Balai desa.")})
    if not medical_staff.strip():
        raise ValidationError(
            {"medical_staff": _("Tulis tenaga medis yang melayani, mis. Bidan Sari, dr. Andi.")}
        )
    if not methods:
        raise ValidationError({"methods": _("Pilih sedikitnya satu metode yang dilayani.")})
    if set(methods) - set(codes.Method.values):
        raise ValidationError({"methods": _("Metode tidak dikenal.")})
    day = ServiceDay(
        region_code=region_code,
        date=date,
        place=" ".join(place.split()),
        facility=facility,
        medical_staff=medical_staff.strip(),
        methods=[m for m in codes.Method.values if m in methods],
        note=note.strip(),
        created_by=actor,
    )
    conflict = _("Pelayanan di %(place)s pada tanggal ini sudah tercatat.") % {"place": day.place}
    return once.save_once(day, ("region_code", "date", "place"), {"place": conflict})


@action
def invite(*, actor, service_day: ServiceDay, members: Iterable[Member]) -> list[Invitation]:
    """Put women of the day's target list on its invitation list (already invited: kept)."""
    members = list(members)
    if not members:
        raise ValidationError({"members": _("Pilih sedikitnya satu ibu dari daftar sasaran.")})
    if service_day.date < dates.today():
        raise ValidationError(
            {"members": _("Hari pelayanan sudah lewat; undangan tidak bisa ditambah.")}
        )
    for member in members:
        require_writable(actor, member.family.region_code, PERMISSION)
    found = targets.candidates(actor, service_day)
    outside = [m.name for m in members if m.pk not in found]
    if outside:
        raise ValidationError(
            {
                "members": _(
                    "%(names)s bukan sasaran pelayanan ini: sasaran adalah PUS di wilayahnya "
                    "dengan unmet need, implan/IUD yang habis masa pakainya, atau "
                    "pascapersalinan yang belum ber-KB."
                )
                % {"names": ", ".join(outside)}
            }
        )
    stored = []
    for member in members:
        invitation = Invitation(
            service_day=service_day,
            member=member,
            reason=found[member.pk],
            invited_on=dates.today(),
            invited_by=actor,
        )
        stored.append(once.save_once(invitation, ("service_day", "member"), conflict=None))
    return stored


def _writes_register(actor: Any, member: Member) -> bool:
    try:
        require_writable(actor, member.family.region_code, PERMISSION)
    except PermissionDenied:
        return False
    return True


def _may_record(actor: Any, invitation: Invitation) -> bool:
    """The facility's mitra, or field staff who may write the woman's register."""
    if facilities.is_staff_of(actor, invitation.service_day.facility):
        return True
    return _writes_register(actor, invitation.member)


def _day_has_come(service_day: ServiceDay, field: str) -> None:
    if service_day.date > dates.today():
        raise ValidationError(
            {
                field: _(
                    "Pelayanan baru berlangsung pada %(date)s; kehadiran dan metode dicatat "
                    "pada atau sesudah hari itu."
                )
                % {"date": f"{service_day.date:%d-%m-%Y}"}
            }
        )


@action
def record_attendance(*, actor, service_day: ServiceDay, present: Iterable[int]) -> int:
    """Who came: the invitations in ``present`` came, the others the actor may record did not."""
    _day_has_come(service_day, "present")
    present = set(present)
    invitations = list(service_day.invitations.select_related("member__family"))
    known = {i.pk for i in invitations}
    if present - known:
        raise ValidationError({"present": _("Ada ibu yang tidak ada dalam daftar undangan.")})
    mine = [i for i in invitations if _may_record(actor, i)]
    if not mine:
        raise PermissionDenied
    changed = 0
    for invitation in mine:
        came = invitation.pk in present
        if invitation.confirmed_on is not None or invitation.attended == came:
            continue
        if not came and invitation.method:
            raise ValidationError(
                {
                    "present": _(
                        "%(name)s sudah tercatat mendapat %(method)s; ia tidak bisa ditandai "
                        "tidak hadir."
                    )
                    % {"name": invitation.member.name, "method": invitation.get_method_display()}
                }
            )
        invitation.attended = came
        invitation.save()
        changed += 1
    return changed


@action
def record_methods(
    *, actor, service_day: ServiceDay, methods: dict[int, str], jalur: str = ""
) -> int:
    """The facility's record: the method each woman who came received ("" = none)."""
    if not facilities.is_staff_of(actor, service_day.facility):
        raise PermissionDenied
    _day_has_come(service_day, "methods")
    if jalur and jalur not in codes.Jalur.values:
        raise ValidationError({"jalur": _("Pilih jalur pemerintah atau swasta.")})
    invitations = service_day.invitations.select_related("member").in_bulk(list(methods))
    offered = ", ".join(service_day.method_labels())
    changed = 0
    for pk, method in methods.items():
        invitation = invitations.get(pk)
        if invitation is None:
            raise ValidationError({"methods": _("Ada ibu yang tidak ada dalam daftar undangan.")})
        name = invitation.member.name
        if method and method not in service_day.methods:
            raise ValidationError(
                {
                    "methods": _(
                        "%(name)s: metode itu tidak disediakan pada pelayanan ini. Pilih "
                        "salah satu dari: %(offered)s."
                    )
                    % {"name": name, "offered": offered}
                }
            )
        if method and not invitation.attended:
            raise ValidationError(
                {"methods": _("%(name)s tidak tercatat hadir; tandai dulu kehadirannya.") % {
                    "name": name
                }}
            )  # fmt: skip
        if invitation.method == method:
            continue
        if invitation.confirmed_on is not None:
            raise ValidationError(
                {"methods": _("%(name)s sudah dikonfirmasi kader; tidak bisa diubah.") % {
                    "name": name
                }}
            )  # fmt: skip
        invitation.method, invitation.method_type = method, ""
        invitation.jalur = jalur if method else ""
        invitation.served_by = actor if method else None
        invitation.save()
        changed += 1
    return changed


@action
def confirm(*, actor, service_day: ServiceDay, confirmed: bool = False) -> int:
    """The cadre confirms the methods given: each becomes an episode of the register.

    Only the women whose register the actor may write; one refusal refuses them all.
    """
    waiting = [
        i
        for i in service_day.invitations.select_related("member__family")
        if i.awaits_confirmation and _writes_register(actor, i.member)
    ]
    if not waiting:
        raise ValidationError(_("Tidak ada metode yang menunggu konfirmasi Anda."))
    for invitation in waiting:
        try:
            invitation.episode = contraception.serve_method(
                actor=actor,
                member=invitation.member,
                method=invitation.method,
                served_on=service_day.date,
                jalur=invitation.jalur,
                place=service_day.facility.place_code(),
                method_type=invitation.method_type,
                confirmed=confirmed,
            )
        except ValidationError as error:
            raise type(error)(
                [f"{invitation.member.name}: {message}" for message in error.messages]
            ) from error
        invitation.confirmed_by, invitation.confirmed_on = actor, dates.today()
        invitation.save()
    return len(waiting)


# --- PUP: calon pengantin, marriages, mentoring --------------------------------------------
COUPLE_LEVELS = {Level.DESA, Level.DUSUN}
MIN_AGE = 10  # a bride or groom younger on the day makes no sense
PLAN_AHEAD_YEARS = 3


def _person(actor, side: str, member: Member | None, name: str, birth: dt.date | None, sex: str):
    """(member, name, birth date) of a bride or groom, from the register where given."""
    if member is not None:
        require_writable(actor, member.family.region_code, PERMISSION)
        if member.sex != sex:
            wanted = _("perempuan") if sex == codes.Sex.FEMALE else _("laki-laki")
            raise ValidationError(
                {side: _("%(name)s bukan %(sex)s.") % {"name": member.name, "sex": wanted}}
            )
        if member.marital_status == codes.Marital.MARRIED and member.left_on is None:
            raise ValidationError(
                {side: _("%(name)s tercatat sudah kawin.") % {"name": member.name}}
            )
        return member, member.name, member.birth_date
    name = " ".join(name.split())
    if not name:
        raise ValidationError({f"{side}_name": _("Tulis namanya, atau pilih dari register.")})
    if birth is None:
        raise ValidationError({f"{side}_birth_date": _("Isi tanggal lahirnya.")})
    check_date(f"{side}_birth_date", birth)
    return None, name, birth


def _check_couple_ages(couple: Couple, on: dt.date, field: str) -> None:
    bride, groom = pup.ages(couple, on)
    if min(bride, groom) < MIN_AGE:
        raise ValidationError(
            {
                field: _(
                    "Pada %(date)s calon istri berumur %(bride)d dan calon suami %(groom)d "
                    "tahun; periksa tanggal lahir dan tanggalnya."
                )
                % {"date": f"{on:%d-%m-%Y}", "bride": bride, "groom": groom}
            }
        )


@action
def add_couple(
    *,
    actor,
    region_code: str,
    bride: Member | None = None,
    bride_name: str = "",
    bride_birth_date: dt.date | None = None,
    groom: Member | None = None,
    groom_name: str = "",
    groom_birth_date: dt.date | None = None,
    planned_on: dt.date | None = None,
    married_on: dt.date | None = None,
) -> Couple:
    """A couple planning to marry (or, with ``married_on``, one that married)."""
    require_writable(actor, region_code, PERMISSION)
    region = Region.objects.filter(code=region_code).first()
    if region is None or region.level not in COUPLE_LEVELS:
        raise ValidationError({"region_code": _("Pilih desa/kelurahan atau dusun yang ada.")})
    for person in (bride, groom):
        if person is not None and not code_within(person.family.region_code, region_code):
            raise ValidationError(
                {"region_code": _("%(name)s tidak tinggal di wilayah ini.") % {"name": person.name}}
            )
    bride, bride_name, bride_birth = _person(
        actor, "bride", bride, bride_name, bride_birth_date, codes.Sex.FEMALE
    )
    groom, groom_name, groom_birth = _person(
        actor, "groom", groom, groom_name, groom_birth_date, codes.Sex.MALE
    )
    couple = Couple(
        region_code=region_code,
        bride=bride,
        bride_name=bride_name,
        bride_birth_date=bride_birth,
        groom=groom,
        groom_name=groom_name,
        groom_birth_date=groom_birth,
        planned_on=planned_on,
        created_by=actor,
    )
    if planned_on is not None:
        latest = dates.today().replace(year=dates.today().year + PLAN_AHEAD_YEARS)
        if planned_on > latest:
            raise ValidationError(
                {"planned_on": _("Rencana menikah lebih dari tiga tahun lagi; periksa tahunnya.")}
            )
        _check_couple_ages(couple, planned_on, "planned_on")
    if married_on is not None:
        _set_married(couple, married_on)
    conflict = _("Pasangan %(couple)s sudah tercatat di wilayah ini.") % {"couple": couple}
    return once.save_once(couple, ("region_code", "bride_name", "groom_name"), {"bride": conflict})


def _set_married(couple: Couple, married_on: dt.date) -> None:
    check_date("married_on", married_on)
    _check_couple_ages(couple, married_on, "married_on")
    couple.married_on = married_on
    couple.bride_age, couple.groom_age = pup.ages(couple, married_on)


@action
def record_marriage(*, actor, couple: Couple, married_on: dt.date) -> Couple:
    """The calon pengantin married on ``married_on`` (counted in that month's PUP figures)."""
    require_writable(actor, couple.region_code, PERMISSION)
    if couple.married_on is not None:
        if couple.married_on == married_on:
            return couple  # this marriage, submitted again
        raise ValidationError({"married_on": _("Pernikahan pasangan ini sudah tercatat.")})
    _set_married(couple, married_on)
    couple.save()
    return couple


def audience(people: list[tuple[str, dt.date]], on: dt.date) -> dict[str, int]:
    """KIE audience cells from (sex, birth date) of each participant."""
    cells = {f"audience_{g}_{s}": 0 for g, _label in AGE_GROUPS for s in "lp"}
    for sex, birth in people:
        age = age_on(birth, on)
        group = "lt20" if age < 20 else "20_49" if age < 50 else "50plus"
        cells[f"audience_{group}_{'p' if sex == codes.Sex.FEMALE else 'l'}"] += 1
    return cells


@action
def record_mentoring(
    *,
    actor,
    region_code: str,
    date: dt.date,
    people: Iterable[Member] = (),
    couples: Iterable[Couple] = (),
    **session: Any,
) -> KieSession:
    """A PUP mentoring session: a KIE session whose audience is the people and couples named.

    Every participant must be young (10–24 on the day) in the region, or a couple recorded
    there; the audience cells of the KIE session are counted from them.
    """
    people, couples = list(people), list(couples)
    if not people and not couples:
        raise ValidationError({"people": _("Pilih sedikitnya satu remaja atau pasangan.")})
    topics = session.get("topics") or []
    if set(topics) - set(pup.MENTORING_TOPICS):
        raise ValidationError({"topics": _("Pilih materi PUP, kespro, HIV/AIDS atau NAPZA.")})
    check_date("date", date)
    young = set(
        pup.youth(Member.objects.all(), region_code, date)
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    outside = [p.name for p in people if p.pk not in young]
    outside += [str(c) for c in couples if not code_within(c.region_code, region_code)]
    if outside:
        raise ValidationError(
            {
                "people": _(
                    "%(names)s bukan remaja 10–24 tahun atau calon pengantin di wilayah ini "
                    "pada tanggal itu."
                )
                % {"names": ", ".join(outside)}
            }
        )
    for person in people:
        require_writable(actor, person.family.region_code, PERMISSION)
    faces = [(p.sex, p.birth_date) for p in people]
    for couple in couples:
        faces += [
            (codes.Sex.FEMALE, couple.bride_birth_date),
            (codes.Sex.MALE, couple.groom_birth_date),
        ]
    kie = counseling_actions.create_kie_session(
        actor=actor, region_code=region_code, date=date, **session, **audience(faces, date)
    )
    for person in people:
        once.save_once(Mentee(session=kie, person=person), ("session", "person"), conflict=None)
    for couple in couples:
        once.save_once(Mentee(session=kie, couple=couple), ("session", "couple"), conflict=None)
    return kie
