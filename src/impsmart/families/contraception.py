"""Writes to a woman's reproductive history: KB episodes, pregnancies, intentions.

"Mulai KB", "ganti cara" and "berhenti" keep the history consistent: episodes never overlap,
a pregnancy ends the method in use, and a method after MOW/MOP needs confirmation. Dates and
her age on them are checked by ``plausibility.py``; every write takes ``confirmed``. Each event
submitted twice stores once: the repeat answers what the first stored (``impsmart.once``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impsmart import once, quickclean
from impsmart.accounts.audit import action
from impsmart.accounts.scope import require_writable
from impsmart.families import codes
from impsmart.families.actions import PERMISSION
from impsmart.families.models import ContraceptiveEpisode, IntentionRecord, Member, Pregnancy
from impsmart.families.plausibility import (
    Findings,
    childbearing,
    ends_after,
    event_date,
    recent,
)

EPISODE_KEY = ("member", "start_date")
PREGNANCY_KEY = ("member", "start_date")
INTENTION_KEY = ("member", "recorded_on")
OVERLAP = (
    "Tanggal ini bertumpuk dengan riwayat KB yang ada. Pakai 'ganti cara' atau "
    "periksa tanggal berhenti metode sebelumnya."
)
# What a wife's age is checked for (``plausibility.childbearing``): translated only into a
# message that says it, not once per record an import checks.
ON_KB, PREGNANT = gettext_lazy("ber-KB"), gettext_lazy("kehamilan")
WISH = gettext_lazy("keinginan ber-anak")


def _require_pus_woman(actor, member: Member) -> None:
    require_writable(actor, member.family.region_code, PERMISSION)
    check_pus_woman(member)


def check_pus_woman(member: Member) -> None:
    if member.sex != codes.Sex.FEMALE or member.marital_status != codes.Marital.MARRIED:
        raise ValidationError({"member": _("Riwayat KB dicatat pada istri yang berstatus kawin.")})


def active_episode(member: Member, on: dt.date | None = None) -> ContraceptiveEpisode | None:
    if on is None:
        episodes = member.episodes.filter(end_date__isnull=True)
    else:
        episodes = member.episodes.filter(start_date__lte=on).exclude(end_date__lte=on)
    return episodes.order_by("-start_date").first()


def check_new_episode(
    member: Member, method: str, start: dt.date, confirmed: bool, episodes
) -> None:
    """A method begun on ``start``, against her stored ``episodes`` (none for a new woman)."""
    found = Findings()
    event_date(found, "start_date", start, member)
    childbearing(found, "start_date", member, start, ON_KB)
    later = any(e.start_date >= start for e in episodes)
    overlapping = any(
        e.start_date < start and (e.end_date is None or e.end_date > start) for e in episodes
    )
    if later or overlapping:
        found.refuse("start_date", OVERLAP)
    permanent = any(e.method in codes.PERMANENT and e.start_date < start for e in episodes)
    if permanent and method not in codes.PERMANENT:
        found.ask(
            "method",
            "Sudah tercatat MOW/MOP; metode lain sesudahnya jarang terjadi. Pastikan benar.",
        )
    found.enforce(confirmed)


def new_episode(
    *,
    member: Member,
    method: str,
    start_date: dt.date,
    jalur: str = "",
    place: str = "",
    method_type: str = "",
) -> ContraceptiveEpisode:
    """The unsaved episode of ``start_method``, its own fields checked."""
    check_pus_woman(member)
    if method_type and method_type not in codes.METHOD_TYPES[codes.Method(method)]:
        raise ValidationError(
            {
                "method_type": _("Jenis %(type)s bukan bagian dari %(method)s.")
                % {"type": method_type, "method": codes.Method(method).label}
            }
        )
    return ContraceptiveEpisode(
        member=member, method=method, method_type=method_type, start_date=start_date,
        jalur=jalur, place=place,
    )  # fmt: skip


def first_episode(*, confirmed: bool = False, **fields) -> ContraceptiveEpisode:
    """``start_method`` for a woman with no history yet (the import's new members)."""
    episode = new_episode(**fields)
    check_new_episode(episode.member, episode.method, episode.start_date, confirmed, ())
    # Her first: unique.
    quickclean.full_clean(episode, exclude=["member"], validate_constraints=False)
    return episode


@action
def start_method(
    *,
    actor,
    member: Member,
    method: str,
    start_date: dt.date,
    jalur: str = "",
    place: str = "",
    method_type: str = "",
    confirmed: bool = False,
) -> ContraceptiveEpisode:
    """Mulai KB: a new episode for a woman who uses no method on that date."""
    require_writable(actor, member.family.region_code, PERMISSION)
    episode = new_episode(
        member=member, method=method, start_date=start_date, jalur=jalur, place=place,
        method_type=method_type,
    )  # fmt: skip
    return _start(episode, confirmed)


def _start(episode: ContraceptiveEpisode, confirmed: bool) -> ContraceptiveEpisode:
    """``start_method`` after its permission check (``switch_method`` has made it)."""
    member, method, start_date = episode.member, episode.method, episode.start_date
    stored = once.stored(episode, EPISODE_KEY)
    if once.same(stored, episode):
        return stored
    episodes = list(member.episodes.order_by("start_date"))
    check_new_episode(member, method, start_date, confirmed, episodes)
    episode.full_clean(exclude=["member"])
    return once.save_once(episode, EPISODE_KEY, {"start_date": OVERLAP}, found=stored)


@action
def stop_method(*, actor, member: Member, end_date: dt.date, reason: str) -> ContraceptiveEpisode:
    """Berhenti: end the method in use on ``end_date`` (the first day without it)."""
    _require_pus_woman(actor, member)
    episode = active_episode(member)
    if episode is None:
        last = member.episodes.order_by("-start_date").first()
        if last is not None and (last.end_date, last.end_reason) == (end_date, reason):
            return last  # this stop, submitted again
        raise ValidationError({"end_date": _("Tidak ada metode KB yang sedang dipakai.")})
    return _end(episode, end_date, reason)


def _end(episode: ContraceptiveEpisode, end_date: dt.date, reason: str) -> ContraceptiveEpisode:
    """``stop_method`` of ``episode``, the one in use, after its permission check."""
    member = episode.member
    if reason not in codes.EndReason.values:
        raise ValidationError({"reason": _("Pilih alasan berhenti.")})
    found = Findings()
    event_date(found, "end_date", end_date, member)
    ends_after(
        found, "end_date", episode.start_date, end_date, _("Tanggal berhenti"), _("tanggal mulai")
    )
    found.enforce()
    episode.end_date, episode.end_reason = end_date, reason
    episode.save()
    return episode


@action
def switch_method(
    *,
    actor,
    member: Member,
    method: str,
    switch_date: dt.date,
    jalur: str = "",
    place: str = "",
    method_type: str = "",
    confirmed: bool = False,
) -> ContraceptiveEpisode:
    """Ganti cara: end the method in use and start another on the same day."""
    current = active_episode(member)
    if current is None:
        raise ValidationError({"method": _("Belum ada metode yang dipakai; pilih 'mulai KB'.")})
    if (current.method, current.start_date) == (method, switch_date):
        return current  # this switch, submitted again
    if current.method == method:
        raise ValidationError(
            {
                "method": _("%(method)s sudah dipakai sekarang; pilih metode lain.")
                % {"method": codes.Method(method).label}
            }
        )
    # stop_method and start_method without their own savepoints and lookups: one action.
    _require_pus_woman(actor, member)
    _end(current, switch_date, codes.EndReason.SWITCH)
    episode = new_episode(
        member=member, method=method, start_date=switch_date, jalur=jalur, place=place,
        method_type=method_type,
    )  # fmt: skip
    return _start(episode, confirmed)


@action
def serve_method(
    *, actor, member: Member, method: str, served_on: dt.date, **fields
) -> ContraceptiveEpisode:
    """A method a facility gave (a referral, a KB service day), as the cadre confirms it.

    She used nothing: the method starts. She used another: she switches. She used this one
    (an implant or IUD replaced, an injection repeated): her use simply continues.
    """
    current = active_episode(member)
    if current is None:
        return start_method(
            actor=actor, member=member, method=method, start_date=served_on, **fields
        )
    if current.method == method and current.start_date <= served_on:
        return current
    return switch_method(actor=actor, member=member, method=method, switch_date=served_on, **fields)


def check_new_pregnancy(
    member: Member, start_date: dt.date, confirmed: bool, pregnancies, current
) -> None:
    """A pregnancy from ``start_date``, against her stored ``pregnancies`` and the method in
    use (``current``; the pregnancy ends it)."""
    if any(p.outcome_date is None for p in pregnancies):
        raise ValidationError({"start_date": _("Kehamilan sebelumnya belum dicatat hasilnya.")})
    found = Findings()
    event_date(found, "start_date", start_date, member)
    childbearing(found, "start_date", member, start_date, PREGNANT)
    if any(p.outcome_date is not None and p.outcome_date > start_date for p in pregnancies):
        found.refuse("start_date", "Tanggal bertumpuk dengan kehamilan sebelumnya.")
    if current is not None and start_date <= current.start_date:
        found.refuse("start_date", "Tanggal hamil sebelum mulai metode KB ini.")
    found.enforce(confirmed)


def first_pregnancy(
    *, member: Member, start_date: dt.date, current, confirmed: bool = False
) -> Pregnancy:
    """``record_pregnancy`` for a woman whose only history is ``current`` (None or the
    episode this import starts), which it ends in memory."""
    check_pus_woman(member)
    check_new_pregnancy(member, start_date, confirmed, (), current)
    if current is not None:
        current.end_date, current.end_reason = start_date, codes.EndReason.FAILURE
    return Pregnancy(member=member, start_date=start_date)


@action
def record_pregnancy(
    *, actor, member: Member, start_date: dt.date, confirmed: bool = False
) -> Pregnancy:
    """A pregnancy ends the method in use (reason: pregnant while using)."""
    _require_pus_woman(actor, member)
    pregnancy = Pregnancy(member=member, start_date=start_date)
    stored = once.stored(pregnancy, PREGNANCY_KEY)
    if once.same(stored, pregnancy):
        return stored
    current = active_episode(member)
    pregnancies = list(member.pregnancies.order_by("start_date"))
    check_new_pregnancy(member, start_date, confirmed, pregnancies, current)
    if current is not None:
        current.end_date, current.end_reason = start_date, codes.EndReason.FAILURE
        current.save()
    conflict = {"start_date": "Kehamilan dengan tanggal ini sudah tercatat."}
    return once.save_once(pregnancy, PREGNANCY_KEY, conflict, found=stored)


@action
def record_outcome(
    *, actor, pregnancy: Pregnancy, outcome_date: dt.date, outcome: str
) -> Pregnancy:
    require_writable(actor, pregnancy.member.family.region_code, PERMISSION)
    if outcome not in codes.Outcome.values:
        raise ValidationError({"outcome": _("Pilih hasil kehamilan.")})
    found = Findings()
    event_date(found, "outcome_date", outcome_date, pregnancy.member)
    ends_after(
        found, "outcome_date", pregnancy.start_date, outcome_date,
        _("Tanggal persalinan/keguguran"), _("mulai hamil"),
    )  # fmt: skip
    found.enforce()
    pregnancy.outcome_date, pregnancy.outcome = outcome_date, outcome
    pregnancy.save()
    return pregnancy


def new_intention(
    *, member: Member, intention: str, recorded_on: dt.date, confirmed: bool = False
) -> IntentionRecord:
    """The unsaved wish of ``record_intention``, checked."""
    check_pus_woman(member)
    if intention not in codes.Intention.values:
        raise ValidationError({"intention": _("Pilih IAS, IAT atau TIAL.")})
    found = Findings()
    event_date(found, "recorded_on", recorded_on, member)
    childbearing(found, "recorded_on", member, recorded_on, WISH)
    recent(found, "recorded_on", recorded_on, _("Keinginan ber-anak"))
    found.enforce(confirmed)
    return IntentionRecord(member=member, intention=intention, recorded_on=recorded_on)


@action
def record_intention(
    *, actor, member: Member, intention: str, recorded_on: dt.date, confirmed: bool = False
) -> IntentionRecord:
    """Her wish on that day; a second entry of the same day corrects the first."""
    require_writable(actor, member.family.region_code, PERMISSION)
    new = new_intention(
        member=member, intention=intention, recorded_on=recorded_on, confirmed=confirmed
    )
    record = once.save_once(new, INTENTION_KEY, conflict=None)
    if record.intention != intention:
        record.intention = intention
        record.save()
    return record
