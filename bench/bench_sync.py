"""The cadre's offline sync on a slow 3G link: first install and a later sync after 20 entries.

For the desa with the most families, a PPKBD of that desa (made here, rolled back) fetches
``GET /api/v1/sync?since=0`` gzip-compressed, then sends 20 outbox entries (visits marked
*bertemu* to 20 wives) and fetches the changes since the first token. Time on the link is
computed, not measured in a browser: the server's own time, plus one 400 ms round trip per
request (and one for the connection), plus the bytes both ways at 400 kbit/s — Chromium's
``Network.emulateNetworkConditions`` with the same figures throttles the same way.
"""

from __future__ import annotations

import gzip
import json
import time
import uuid

from django.db import transaction
from django.db.models import Count
from django.test import Client

from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.families import codes
from impsmart.families.models import Family, Member
from impsmart.regions.models import Level, Region

BITS_PER_SECOND = 400_000
RTT = 0.4
ENTRIES = 20


def largest_desa() -> str:
    desa = Region.objects.filter(level=Level.DESA).values_list("code", flat=True)
    counts = {code: 0 for code in desa}
    for code, n in Family.objects.values_list("region_code").annotate(n=Count("id")):
        key = ".".join(code.split(".")[:4])
        if key in counts:
            counts[key] += n
    return max(counts, key=counts.get)


def link_seconds(server: float, requests: int, sent: int, received: int) -> float:
    return server + RTT * (requests + 1) + (sent + received) * 8 / BITS_PER_SECOND


def _get(client: Client, path: str) -> tuple[dict, int, float]:
    started = time.perf_counter()
    response = client.get(path, headers={"accept-encoding": "gzip"})
    took = time.perf_counter() - started
    body = response.content
    data = json.loads(gzip.decompress(body) if response.get("Content-Encoding") else body)
    return data, len(body), took


def _entries(desa: str) -> list[dict]:
    wives = Member.objects.filter(
        family__region_code__startswith=desa, sex=codes.Sex.FEMALE,
        marital_status=codes.Marital.MARRIED, left_on__isnull=True,
    ).order_by("pk")[:ENTRIES]  # fmt: skip
    day = dates.today().isoformat()
    return [
        {"client_id": str(uuid.uuid4()), "kind": "visit",
         "payload": {"member": w.pk, "kind": "unmet", "outcome": "bertemu", "date": day}}
        for w in wives
    ]  # fmt: skip


def run(ctx) -> list[dict]:
    desa = largest_desa()
    with transaction.atomic():
        user = User.objects.create(username="bench_sync", role=Role.PPKBD, region_code=desa)
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user)
        first, first_bytes, first_server = _get(client, "/api/v1/sync?since=0")
        body = json.dumps({"entries": _entries(desa)}).encode()
        started = time.perf_counter()
        posted = client.post("/api/v1/sync", body, content_type="application/json")
        post_server = time.perf_counter() - started
        assert posted.status_code == 200, posted.content
        _later, later_bytes, later_server = _get(client, f"/api/v1/sync?since={first['token']}")
        transaction.set_rollback(True)
    first_time = link_seconds(first_server, 2, 0, first_bytes)  # csrf token + the data
    later_time = link_seconds(
        post_server + later_server, 3, len(body), len(posted.content) + later_bytes
    )
    families = len(first["families"])
    return [
        _row(f"sync_first_kb_gzip_{families}_families", first_bytes / 1024, "KB"),
        _row("sync_first_seconds_3g", first_time, "s"),
        _row(f"sync_after_{ENTRIES}_entries_kb", (len(body) + later_bytes) / 1024, "KB"),
        _row(f"sync_after_{ENTRIES}_entries_seconds_3g", later_time, "s"),
    ]


def _row(name: str, value: float, unit: str) -> dict:
    return {"name": name, "value": round(value, 2), "unit": unit, "reference": None, "ratio": None}
