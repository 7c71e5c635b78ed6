"""``/api/v1/sync``: a phone sends its outbox and fetches the changes in its scope.

Signed in by the web session (the PWA: cookie and CSRF token) or a bearer token (other
clients). Only the field users who work offline (cadres, PKB/PLKB) sync: a whole kabupaten
does not belong on a phone.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import SessionAuth

from impsmart.accounts.audit import set_actor
from impsmart.api.auth import BearerToken, refuse_until_password_changed
from impsmart.offline import changes, sync
from impsmart.offline.apps import FIELD_USERS


class PhoneSession(SessionAuth):
    """The signed-in browser (CSRF checked on POST), with the bearer token's rules."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            refuse_until_password_changed(user)
            set_actor(user)
        return user


router = Router(tags=["sync"], auth=[PhoneSession(), BearerToken()])
MAX_ENTRIES = 500


class EntryIn(Schema):
    client_id: str = Field(max_length=64)
    kind: str = Field(max_length=30)
    payload: dict[str, Any]


class Outbox(Schema):
    entries: list[EntryIn] = Field(max_length=MAX_ENTRIES)


class ResultOut(Schema):
    client_id: str
    status: str
    message: str


class Results(Schema):
    results: list[ResultOut]


def _field_user(user) -> None:
    if user.role not in FIELD_USERS or not user.may("edit_register"):
        raise HttpError(403, _("Sinkron tanpa sinyal hanya untuk kader dan PKB/PLKB."))


@router.post("", response=Results)
def send_outbox(request, outbox: Outbox):
    """Apply each entry once: ``applied``, ``duplicate``, ``refused`` or ``conflict``."""
    _field_user(request.auth)
    entries = [entry.dict() for entry in outbox.entries]
    return {"results": sync.apply(request.auth, entries)}


@router.get("")
def fetch_changes(request, since: int = Query(0, ge=0, le=2**62)):
    """Families changed since ``since`` (0: all) in scope, the visit list and form lists."""
    _field_user(request.auth)
    return changes.since(request.auth, since)
