"""One line per workshop (the ``impsmart training`` contract and the API)."""

from __future__ import annotations

from typing import Any

from impsmart.training import scoring
from impsmart.training.models import Event, Participant


def event_row(event: Event, user: Any = None) -> dict:
    """Means over the participants ``user`` may see (all of them for the CLI's operator)."""
    participants = Participant.objects.filter(event=event).prefetch_related("attempts")
    if user is not None:
        participants = participants.visible_to(user)
    totals = scoring.summary(scoring.participant_rows(list(participants)))
    return {
        "id": event.pk,
        "event": event.title,
        "kind": event.kind,
        "region_code": event.region_code,
        "date": event.starts_on,
        "participants": totals["participants"],
        "pre_mean": totals["pre_mean"],
        "post_mean": totals["post_mean"],
        "gain": totals["gain"],
    }
