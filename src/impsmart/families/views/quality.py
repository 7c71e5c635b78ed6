"""Data-quality cases of a desa, each list one set-based query, each case linked to its record.

A case is never fixed silently: the page shows it, and the cadre corrects the record. The page
separates what she can fix (a record is wrong or missing) from what is information only (a
married woman past 49 is simply no longer a PUS). Cases are judged on today, in this month,
never on the month's last day still to come.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    BooleanField,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import render

from impsmart import dates
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.families import actions, codes, status
from impsmart.families.models import ContraceptiveEpisode, Member, Pregnancy
from impsmart.regions.models import Level, Region

LIMIT = 200  # cases per list; a desa with more has a bigger problem than a long page
OPEN_END = Value(dt.date(9999, 12, 31), output_field=DateField())


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def duplicate_niks(members: QuerySet[Member]) -> QuerySet[Member]:
    """Active members whose NIK an active member of another family also holds."""
    twin = Member.objects.filter(nik=OuterRef("nik"), left_on__isnull=True).exclude(
        family_id=OuterRef("family_id")
    )
    return (
        members.filter(Exists(twin), left_on__isnull=True)
        .exclude(nik="")
        .select_related("family")
        .order_by("nik")
    )


def unknown_status(members: QuerySet[Member], day: dt.date) -> QuerySet[Member]:
    """PUS of the month with no method, pregnancy or intention recorded (status ``?``)."""
    rows = status.with_status(members, day).filter(status=status.UNKNOWN)
    return rows.select_related("family").order_by("family__kk_number")


def married_outside_age(members: QuerySet[Member], day: dt.date) -> QuerySet[Member]:
    """Married women living with their husband who are under 15 or over 49: not counted as PUS.

    A wife whose husband left the KK (``actions.separate``) is no case: she is no PUS at all.
    """
    too_young = Q(birth_date__gt=dates.years_before(day, 15))
    too_old = Q(birth_date__lte=dates.years_before(day, 50))
    return (
        members.filter(
            too_young | too_old,
            sex=codes.Sex.FEMALE,
            marital_status=codes.Marital.MARRIED,
            spouse__isnull=False,
            spouse__left_on__isnull=True,
            left_on__isnull=True,
        )
        .annotate(too_young=_flag(too_young))
        .select_related("family")
        .order_by("birth_date")
    )


def wives_without_husband(members: QuerySet[Member], day: dt.date) -> QuerySet[Member]:
    """Married women of PUS age linked to no husband (``actions.needs_husband``): not counted."""
    return (
        members.filter(
            sex=codes.Sex.FEMALE,
            marital_status=codes.Marital.MARRIED,
            spouse__isnull=True,
            left_on__isnull=True,
            family__closed_on__isnull=True,
            birth_date__gt=dates.years_before(day, 50),
            birth_date__lte=dates.years_before(day, 15),
        )
        .select_related("family")
        .order_by("family__kk_number", "birth_date")
    )


def impossible_episodes(episodes: QuerySet[ContraceptiveEpisode]) -> QuerySet:
    """Episodes after MOW/MOP, overlapping another, before birth or after the member left."""
    others = ContraceptiveEpisode.objects.filter(member=OuterRef("member_id")).exclude(
        pk=OuterRef("pk")
    )
    after_permanent = Exists(
        others.filter(method__in=codes.PERMANENT, start_date__lt=OuterRef("start_date"))
    )
    overlaps = Exists(
        others.filter(
            Q(end_date__isnull=True) | Q(end_date__gt=OuterRef("start_date")),
            start_date__lt=Coalesce(OuterRef("end_date"), OPEN_END),
        )
    )
    before_birth = Q(start_date__lt=F("member__birth_date"))
    after_exit = Q(member__left_on__isnull=False, start_date__gte=F("member__left_on"))
    return (
        episodes.annotate(
            after_permanent=after_permanent,
            overlaps=overlaps,
            before_birth=_flag(before_birth),
            after_exit=_flag(after_exit),
        )
        .filter(Q(after_permanent=True) | Q(overlaps=True) | before_birth | after_exit)
        .select_related("member")
        .order_by("member__family_id", "start_date")
    )


def pregnancies_during_use(pregnancies: QuerySet[Pregnancy]) -> QuerySet[Pregnancy]:
    """Pregnancies that overlap a KB episode still in use (the method should have ended)."""
    during = ContraceptiveEpisode.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=OuterRef("start_date")),
        member=OuterRef("member_id"),
        start_date__lt=Coalesce(OuterRef("outcome_date"), OPEN_END),
    )
    return (
        pregnancies.filter(Exists(during))
        .annotate(method=Subquery(during.values("method")[:1]))
        .select_related("member")
        .order_by("member__family_id", "start_date")
    )


@permission_required("view_personal")
def quality(request, desa_code):
    regions = Region.objects.filter(level__in=[Level.DESA, Level.DUSUN])
    region = get_visible(regions, request.user, code=desa_code)
    today = dates.today()
    members = Member.objects.visible_to(request.user).within(region.code)
    episodes = ContraceptiveEpisode.objects.visible_to(request.user).within(region.code)
    pregnancies = Pregnancy.objects.visible_to(request.user).within(region.code)
    outside_age = married_outside_age(members, today)
    context = {
        "region": region,
        "today": today,
        "this_month": dates.this_month(),
        "last_month": dates.latest_complete_month(),
        "limit": LIMIT,
        # to fix
        "duplicates": duplicate_niks(members)[:LIMIT],
        "unknown": unknown_status(members, today)[:LIMIT],
        "too_young": outside_age.filter(too_young=True)[:LIMIT],
        "without_husband": wives_without_husband(members, today)[:LIMIT],
        "can_edit": request.user.may(actions.PERMISSION),
        "episodes": impossible_episodes(episodes)[:LIMIT],
        "pregnancies": pregnancies_during_use(pregnancies)[:LIMIT],
        # information only
        "too_old": outside_age.filter(too_young=False)[:LIMIT],
    }
    return render(request, "families/quality.html", context)
