"""Apply a phone's outbox: each entry once, in the order sent, through the apps' actions.

Idempotency is the ODK/Kobo model: the phone makes a UUID per entry; the server keeps a
``SyncEntry`` per (user, client id) for every applied entry, in the same transaction as the
write, so the same id sent again (a lost answer, a replayed outbox, two tabs) answers
``duplicate`` and changes nothing. The same id with other data is refused. A refused or
conflicting entry changes nothing and is not kept: the cadre edits it and sends it again.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from impsmart.accounts.audit import acting_as
from impsmart.offline.kinds import HANDLERS, Conflict
from impsmart.offline.models import SyncEntry

APPLIED, DUPLICATE, REFUSED, CONFLICT = "applied", "duplicate", "refused", "conflict"


@dataclass
class Result:
    client_id: str
    status: str
    message: str


def digest(kind: str, payload: dict) -> str:
    text = json.dumps([kind, payload], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(m for messages in error.message_dict.values() for m in messages)
    return " ".join(error.messages)


def _previous(user, client_id: uuid.UUID, kind: str, payload: dict) -> Result | None:
    stored = SyncEntry.objects.filter(user=user, client_id=client_id).first()
    if stored is None:
        return None
    if stored.digest != digest(kind, payload):
        message = _("Id entri ini sudah dipakai untuk data lain; buat entri baru.")
        return Result(str(client_id), REFUSED, message)
    return Result(str(client_id), DUPLICATE, stored.message)


def apply_one(user, client_id: str, kind: str, payload: dict) -> Result:
    try:
        key = uuid.UUID(str(client_id))
    except ValueError:
        return Result(str(client_id), REFUSED, _("Id entri bukan UUID."))
    handler = HANDLERS.get(kind)
    if handler is None or not isinstance(payload, dict):
        return Result(str(key), REFUSED, _("Jenis entri tidak dikenal: %(kind)s.") % {"kind": kind})
    previous = _previous(user, key, kind, payload)
    if previous is not None:
        return previous
    try:
        with transaction.atomic(), acting_as(user):
            message = handler(user, payload)
            SyncEntry.objects.create(
                user=user, client_id=key, kind=kind, digest=digest(kind, payload),
                message=message[:300],
            )  # fmt: skip
    except Conflict as conflict:
        return Result(str(key), CONFLICT, str(conflict))
    except ValidationError as error:
        return Result(str(key), REFUSED, _messages(error))
    except PermissionDenied:
        return Result(str(key), REFUSED, _("Anda tidak boleh mencatat ini di wilayah itu."))
    except IntegrityError:  # the same id applied meanwhile by a parallel request
        return _previous(user, key, kind, payload) or Result(
            str(key), REFUSED, _("Gagal menyimpan; kirim lagi.")
        )
    return Result(str(key), APPLIED, message)


def apply(user, entries: list[dict]) -> list[dict]:
    return [
        asdict(apply_one(user, e.get("client_id", ""), e.get("kind", ""), e.get("payload")))
        for e in entries
    ]
