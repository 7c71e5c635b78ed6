"""Workshops in the caller's scope, with the knowledge gain of their participants there."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from impsmart.accounts.scope import get_visible
from impsmart.training import summaries
from impsmart.training.models import Event

router = Router(tags=["training"])


class EventOut(Schema):
    id: int
    event: str
    kind: str
    region_code: str
    date: dt.date
    participants: int
    pre_mean: float | None
    post_mean: float | None
    gain: float | None


@router.get("/events", response=list[EventOut])
def list_events(request):
    return [summaries.event_row(e, request.auth) for e in Event.objects.visible_to(request.auth)]


@router.get("/events/{pk}", response=EventOut)
def event(request, pk: int):
    return summaries.event_row(get_visible(Event.objects, request.auth, pk=pk), request.auth)
