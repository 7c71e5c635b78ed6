"""The training index, the home block and the competence pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import CADRES
from impsmart.training import book, competence
from impsmart.training.models import Event, Participant


def _own_participations(user):
    """The user's own enrolments: her tests and certificates (her data, whatever the event)."""
    return (
        Participant.objects.filter(user=user)
        .select_related("event", "certificate")
        .prefetch_related("attempts")
    )


def home_block(user) -> dict:
    open_tests = [
        (p, phase)
        for p in _own_participations(user)
        for phase in ("pre", "post")
        if p.event.is_open(phase) and not any(a.phase == phase for a in p.attempts.all())
    ]
    return {"open_tests": open_tests, "book_version": book.VERSION}


@login_required
def index(request):
    user = request.user
    context = {
        "participations": _own_participations(user),
        "events": Event.objects.visible_to(user)[:50],
        "book_version": book.VERSION,
    }
    return render(request, "training/index.html", context)


@login_required
def competence_view(request):
    """The cadre's own profile; for PKB, koordinator and Dinas the matrix of their cadres."""
    user = request.user
    day = dates.today()
    titles = book.titles()
    context = {"roles": competence.ROLES, "labels": competence.LEVEL_LABELS}
    if user.role in CADRES:
        profile = competence.profiles([user], day)[user.pk]
        context["own"] = [(r, competence.ROLES[r], profile[r]) for r in competence.ROLES]
        context["next"] = [(slug, titles[slug]) for slug in competence.next_modules(profile)]
    if user.may("manage_training"):
        cadres = list(User.objects.visible_to(user).filter(role__in=CADRES, is_active=True))
        profiles = competence.profiles(cadres, day)
        context["matrix"] = [
            (cadre, [profiles[cadre.pk][r] for r in competence.ROLES]) for cadre in cadres
        ]
        context["needs"] = {
            r: sum(profiles[c.pk][r] in ("none", "practising") for c in cadres)
            for r in competence.ROLES
        }
    return render(request, "training/competence.html", context)
