"""Writes of the poktan: groups, memberships, sessions with attendance, KKA checks, UPPKA money.

Each function is an ``@action`` (atomic, audited as ``actor``). Scope and role are checked here
(403); refusals are Indonesian ``ValidationError`` keyed by the form field, and nothing is
stored when one is raised.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impsmart import dates, once
from impsmart.accounts.audit import action
from impsmart.accounts.scope import require_writable
from impsmart.families.models import Family, Member
from impsmart.groups import curriculum, eligibility, kka
from impsmart.groups.models import (
    Attendance,
    Capital,
    CapitalSource,
    Group,
    Integration,
    Kind,
    Kit,
    KkaCheck,
    Membership,
    Revenue,
    Session,
    SkIssuer,
)
from impsmart.organization.models import Funding
from impsmart.regions.models import Level, Region

PERMISSION = "manage_groups"
GROUP_LEVELS = {Level.DESA, Level.DUSUN}
RULES = {
    Kind.BKB: gettext_lazy("tidak ada anak usia 0–<6 tahun"),
    Kind.BKR: gettext_lazy("tidak ada anggota usia 10–24 tahun"),
    Kind.BKL: gettext_lazy("tidak ada anggota usia 60 tahun ke atas"),
    Kind.UPPKA: gettext_lazy("bukan keluarga akseptor (tidak ada istri yang sedang ber-KB)"),
    Kind.PIK_R: gettext_lazy("bukan remaja usia 10–24 tahun"),
}


def _not_future(field: str, value: dt.date) -> None:
    if value > dates.today():
        raise ValidationError(
            {
                field: _("Tanggal %(date)s belum terjadi; periksa lagi.")
                % {"date": f"{value:%d-%m-%Y}"}
            }
        )


def _writable(actor: Any, group: Group) -> None:
    require_writable(actor, group.region_code, PERMISSION)


def _check_group(group: Group) -> None:
    if group.kind not in Kind.values:
        raise ValidationError({"kind": _("Pilih jenis poktan dari daftar.")})
    if not group.name.strip():
        raise ValidationError({"name": _("Tulis nama kelompok, mis. BKB Mawar.")})
    region = Region.objects.filter(code=group.region_code).first()
    if region is None or region.level not in GROUP_LEVELS:
        raise ValidationError({"region_code": _("Pilih desa/kelurahan atau dusun yang ada.")})
    lists = {
        "funding": Funding.values,
        "integration": Integration.values,
        "kits": Kit.values,
    }
    for field, allowed in lists.items():
        if set(getattr(group, field)) - set(allowed):
            raise ValidationError({field: _("Pilihan tidak dikenal; pilih dari daftar.")})
    if group.sk_issuer and group.sk_issuer not in SkIssuer.values:
        raise ValidationError({"sk_issuer": _("Pilih penerbit SK dari daftar.")})
    if group.sk_date:
        _not_future("sk_date", group.sk_date)


def next_code(kind: str, region_code: str) -> str:
    prefix = f"{kind}-{region_code}-"
    taken = Group.objects.filter(code__startswith=prefix).count()
    return f"{prefix}{taken + 1}"


@action
def create_group(*, actor, kind: str, region_code: str, name: str, **fields: Any) -> Group:
    require_writable(actor, region_code, PERMISSION)
    group = Group(kind=kind, region_code=region_code, name=name.strip(), **fields)
    _check_group(group)
    group.code = next_code(kind, region_code)
    group.save()
    return group


@action
def update_group(*, actor, group: Group, **fields: Any) -> Group:
    """Change the K/0 data; kind and region stay (the members were enrolled by them)."""
    _writable(actor, group)
    for name, value in fields.items():
        setattr(group, name, value)
    _check_group(group)
    group.save()
    return group


@action
def deactivate_group(*, actor, group: Group, on: dt.date) -> Group:
    """Never deleted: the group stops, its history and registers stay."""
    _writable(actor, group)
    _not_future("on", on)
    group.active, group.deactivated_on = False, on
    group.save()
    return group


def _check_eligible(group: Group, family: Family, person: Member | None, day: dt.date) -> None:
    if group.kind == Kind.PIK_R:
        people = eligibility.eligible_people(group, day)
        ok = person is not None and people.filter(pk=person.pk).exists()
        who = person.name if person is not None else f"KK {family.kk_number}"
    else:
        ok = eligibility.eligible_families(group, day).filter(pk=family.pk).exists()
        who = f"KK {family.kk_number}"
    if not ok:
        message = _(
            "%(who)s tidak dapat menjadi anggota %(group)s: %(rule)s di wilayah kelompok "
            "pada %(date)s."
        )
        values = {"who": who, "group": group.name, "rule": RULES[group.kind]}
        raise ValidationError({"family": message % {**values, "date": f"{day:%d-%m-%Y}"}})


@action
def enrol(
    *,
    actor,
    group: Group,
    family: Family,
    started_on: dt.date,
    person: Member | None = None,
    business: str = "",
) -> Membership:
    """Enrol a family (PIK-R: a young person) that meets the group's rule on ``started_on``."""
    _writable(actor, group)
    require_writable(actor, family.region_code, PERMISSION)
    if not group.active:
        raise ValidationError(
            _("Kelompok ini sudah tidak aktif; aktifkan atau pilih kelompok lain.")
        )
    _not_future("started_on", started_on)
    if person is not None and person.family_id != family.pk:
        raise ValidationError({"person": _("Orang ini bukan anggota keluarga tersebut.")})
    _check_eligible(group, family, person, started_on)
    current = eligibility.members_on(group, started_on).filter(family=family, person=person)
    if current.exists():
        raise ValidationError({"family": _("Sudah menjadi anggota kelompok ini.")})
    return Membership.objects.create(
        group=group, family=family, person=person, started_on=started_on, business=business.strip()
    )


@action
def end_membership(
    *, actor, membership: Membership, ended_on: dt.date, reason: str = ""
) -> Membership:
    _writable(actor, membership.group)
    _not_future("ended_on", ended_on)
    if membership.ended_on is not None:
        raise ValidationError({"ended_on": _("Keanggotaan ini sudah berakhir.")})
    if ended_on < membership.started_on:
        raise ValidationError(
            {"ended_on": _("Tanggal berhenti sebelum tanggal mulai; periksa lagi.")}
        )
    membership.ended_on, membership.end_reason = ended_on, reason.strip()
    membership.save()
    return membership


@action
def record_session(
    *,
    actor,
    group: Group,
    date: dt.date,
    topic: str,
    presenter_kind: str,
    presenter_name: str,
    attendees: list[int],
    discussion: bool = False,
) -> Session:
    """A meeting with its attendance; every attendee must be a member on that day."""
    _writable(actor, group)
    _not_future("date", date)
    if topic not in dict(curriculum.TOPICS[group.kind]):
        raise ValidationError({"topic": _("Pilih materi dari kurikulum kelompok ini.")})
    members = eligibility.members_on(group, date).filter(pk__in=attendees)
    if len(set(attendees)) != members.count():
        raise ValidationError(
            {"attendees": _("Yang hadir harus anggota kelompok pada tanggal itu.")}
        )
    session = Session(
        group=group,
        date=date,
        topic=topic,
        presenter_kind=presenter_kind,
        presenter_name=presenter_name.strip(),
        discussion=discussion,
        created_by=actor,
    )
    session.full_clean(exclude=["created_by", "group"], validate_constraints=False)
    conflict = _("Pertemuan dengan materi ini pada tanggal itu sudah tercatat.")
    stored = once.save_once(session, ("group", "date", "topic"), {"date": conflict})
    if stored is session:
        for membership in members:
            Attendance.objects.create(session=session, membership=membership)
    return stored


@action
def record_kka(*, actor, session: Session, child: Member, ticked: list[str]) -> KkaCheck:
    """A child's KKA check at a BKB session; flags referral by the card's red-line rule."""
    _writable(actor, session.group)
    if session.group.kind != Kind.BKB:
        raise ValidationError(_("Kartu Kembang Anak hanya dicatat pada pertemuan BKB."))
    members = eligibility.members_on(session.group, session.date).filter(family_id=child.family_id)
    if not members.exists():
        raise ValidationError({"child": _("Anak ini bukan dari keluarga anggota kelompok.")})
    band = kka.band_of(child.birth_date, session.date)
    if band is None:
        raise ValidationError(
            {"child": _("KKA untuk anak usia 0–<6 tahun; anak ini di luar usia itu.")}
        )
    if set(ticked) - set(kka.codes_of(band)):
        raise ValidationError({"ticked": _("Centang hanya tugas perkembangan kelompok umur anak.")})
    earlier = KkaCheck.objects.filter(child=child, session__date__lt=session.date).order_by(
        "-session__date"
    )
    history = [(c.band, c.ticked) for c in earlier[: kka.MISSED_CHECKS_FOR_REFERRAL]]
    check, _created = KkaCheck.objects.update_or_create(
        session=session,
        child=child,
        defaults={
            "band": band,
            "ticked": sorted(ticked),
            "needs_referral": kka.needs_referral(band, ticked, history),
        },
    )
    return check


def _rupiah(field: str, value: Any) -> int:
    """Whole rupiah from a number or text such as ``1.500.000``; refused otherwise."""
    text = str(value).replace(".", "").replace(" ", "").removeprefix("Rp")
    if not text.isdigit() or int(text) <= 0:
        raise ValidationError(
            {field: _("Tulis jumlah dalam rupiah dengan angka saja, mis. 1500000.")}
        )
    return int(text)


@action
def record_capital(
    *, actor, membership: Membership, source: str, amount: Any, received_on: dt.date
) -> Capital:
    _writable(actor, membership.group)
    if membership.group.kind != Kind.UPPKA:
        raise ValidationError(_("Modal usaha dicatat untuk anggota UPPKA."))
    if source not in CapitalSource.values:
        raise ValidationError({"source": _("Pilih sumber modal dari daftar.")})
    amount = _rupiah("amount", amount)
    _not_future("received_on", received_on)
    return Capital.objects.create(
        membership=membership, source=source, amount=amount, received_on=received_on
    )


@action
def record_revenue(*, actor, group: Group, month: dt.date, amount: Any) -> Revenue:
    """The group's revenue of a month; a second entry for the month corrects the first."""
    _writable(actor, group)
    if group.kind != Kind.UPPKA:
        raise ValidationError(_("Omzet dicatat untuk kelompok UPPKA."))
    amount = _rupiah("amount", amount)
    _not_future("month", month.replace(day=1))
    revenue, _created = Revenue.objects.update_or_create(
        group=group, month=month.replace(day=1), defaults={"amount": amount}
    )
    return revenue
