"""The cadre forum's boards and unread marks (pages in ``forum_views.py``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

from impsmart.meetings.models import Thread, ThreadQuerySet, ThreadRead


def threads_for(user: Any) -> ThreadQuerySet:
    """Visible threads with ``last_post`` (newest post id) and ``unread`` (True/False)."""
    seen = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user).values("last_post_id")
    threads = Thread.objects.visible_to(user).annotate(
        last_post=Max("posts__id"), seen=Coalesce(Subquery(seen[:1]), 0)
    )
    return threads


def with_unread(threads: Any) -> list[Thread]:
    found = list(threads)
    for thread in found:
        thread.unread = (thread.last_post or 0) > thread.seen
    return found


def unread_count(user: Any, region_code: str | None = None) -> int:
    threads = threads_for(user)
    if region_code is not None:
        threads = threads.filter(region_code=region_code)
    return sum(1 for t in with_unread(threads) if t.unread)
