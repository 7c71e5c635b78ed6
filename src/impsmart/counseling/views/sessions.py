"""One-to-one counselling: find a client, counsel and screen her (WHO MEC), see the result."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.counseling import actions, mec, mec_readable, spacing
from impsmart.counseling.forms import CounselingForm
from impsmart.counseling.models import Counseling, KieTopic, Referral
from impsmart.counseling.visits import lifetime_end
from impsmart.families import codes, search, status
from impsmart.families.contraception import active_episode
from impsmart.families.models import Member
from impsmart.forms_submit import submit

# Postpartum weeks are prefilled from a live birth up to two years ago.
POSTPARTUM_PREFILL_WEEKS = 104


@permission_required("view_personal")
def index(request):
    """Find a PUS in scope to counsel (by name or NIK), and the latest counselling sessions.

    Only a PUS today is offered (``status.pus_on``): a daughter or a woman past 49 is not
    counselled as a mother, nor credited with her family's children.
    """
    query = params.text(request.GET, "q").strip()
    members = Member.objects.visible_to(request.user).select_related("family")
    found = []
    if len(query) >= 2:
        matching = members.filter(search.person_filter(query))
        found = status.pus_on(matching, dates.today()).order_by("name")[:25]
    recent = (
        Counseling.objects.visible_to(request.user)
        .select_related("member__family", "counselor")
        .order_by("-date", "-pk")[:15]
    )
    context = {"query": query, "found": found, "recent": recent}
    if request.headers.get("HX-Request"):
        return render(request, "counseling/_search_results.html", context)
    return render(request, "counseling/index.html", context)


def _initial(member: Member, today: dt.date) -> dict:
    initial = {"age": spacing.age_on(member.birth_date, today)}
    birth = (
        member.pregnancies.filter(outcome=codes.Outcome.LIVE_BIRTH, outcome_date__lte=today)
        .order_by("-outcome_date")
        .values_list("outcome_date", flat=True)
        .first()
    )
    if birth and (today - birth).days < POSTPARTUM_PREFILL_WEEKS * 7:
        initial["postpartum_weeks"] = (today - birth).days // 7
    return initial


def client_context(member: Member, today: dt.date) -> dict:
    episode = active_episode(member)
    end = lifetime_end(episode.method, episode.method_type, episode.start_date) if episode else None
    return {
        "member": member,
        "family": member.family,
        "guidance": spacing.guidance(member, today),
        "episode": episode,
        "episode_end": end,
        "referrals": member.referrals.select_related("facility").order_by("-sent_on")[:5],
    }


@permission_required(actions.PERMISSION)
def counsel(request, member_pk):
    member = get_visible(Member.objects.select_related("family"), request.user, pk=member_pk)
    today = dates.today()
    form = CounselingForm(request.POST or None, initial=_initial(member, today))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        counseling = submit(
            form,
            actions.record_counseling,
            actor=request.user,
            member=member,
            date=data["date"],
            topics=data["topics"],
            intention=data["intention"],
            note=data["note"],
            facts=form.facts(),
        )
        if counseling is not None:
            messages.success(request, _("Konseling tersimpan."))
            return redirect("counseling:detail", counseling.pk)
    context = {"form": form, **client_context(member, today)}
    return render(request, "counseling/counsel_form.html", context)


@permission_required("view_personal")
def counseling_detail(request, pk):
    counseling = get_visible(
        Counseling.objects.select_related("member__family", "counselor"), request.user, pk=pk
    )
    member = counseling.member
    context = {
        "counseling": counseling,
        "screening": mec_readable.screening(counseling.result),
        "attribution": mec.ATTRIBUTION,
        "topics": counseling_topics(counseling),
        "own_referrals": Referral.objects.visible_to(request.user).filter(counseling=counseling),
        **client_context(member, counseling.date),
    }
    return render(request, "counseling/counseling_detail.html", context)


def counseling_topics(counseling: Counseling) -> list[str]:
    return [str(KieTopic(t).label) for t in counseling.topics if t in KieTopic.values]
