"""The cadre's offline sync, measured in Chromium on an emulated slow 3G link.

``impsmart serve`` (gunicorn, as in production) serves the bench database on loopback.
Debian's Chromium, driven by Playwright, signs in as the PPKBD of the desa with the most
families, then gets Chrome's own throttling (CDP ``Network.emulateNetworkConditions``: 400 kbit/s
= 50,000 bytes/s both ways, 400 ms latency) and opens the offline app ``/luring/``, which
installs itself and runs its first sync. Then the link is cut, 20 visits are recorded in the
app's forms (kept in the outbox), and the link comes back: the app sends them and fetches the
changes since. Times are read in the page (``body[data-sync]`` going ``busy`` then ``idle``,
and from the start of the navigation for the whole first install); bytes are what Chrome
counts on the wire (``Network.loadingFinished`` ``encodedDataLength``: compressed, with the
headers), plus the bodies sent. Service workers are blocked, so that every request goes
through the throttled page (the worker's own copy of the shell is not counted). The 20 visits
stay in the database (``ORDER = 1``): a served database cannot roll back.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from bench.bench_load import serve
from bench.runner import figure
from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.counseling.models import Visit
from impsmart.families import codes
from impsmart.families.models import Family, Member
from impsmart.regions.models import Level, Region

ORDER = 1  # after the modules that roll back: the 20 visits it sends stay
ENTRIES = 20
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 50_000,
           "uploadThroughput": 50_000}  # fmt: skip
TARGET_FIRST_KB = 1024.0  # the first install of a desa under 1 MB compressed
TARGET_SECONDS = 60.0  # a desa's sync within 60 s
WAIT_MS = 600_000
# Every change of body[data-sync] (the app sets "busy", then "idle"), with its page time.
WATCH_SYNC = """
window.__syncs = [];
new MutationObserver((changes) => changes.forEach((change) =>
  window.__syncs.push([change.target.dataset.sync, performance.now()])
)).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-sync"]});
"""  # on the document from the start: app.js may mark "busy" before DOMContentLoaded
LAST_SYNC = """() => {
  const marks = window.__syncs;
  const end = marks.findLastIndex(([state]) => state === "idle");
  const start = marks.slice(0, end).findLastIndex(([state]) => state === "busy");
  return start < 0 ? null : [marks[start][1], marks[end][1]];
}"""


@dataclass
class Wire:
    """Bytes on the wire as Chrome counts them, since the last ``reset``."""

    received: int = 0
    sent: int = 0
    urls: dict[str, str] = field(default_factory=dict)
    by_url: dict[str, int] = field(default_factory=dict)

    def reset(self) -> None:
        self.received, self.sent = 0, 0
        self.by_url.clear()

    def request(self, event: dict) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]
        self.sent += len(event["request"].get("postData", "").encode())

    def finished(self, event: dict) -> None:
        size = int(event["encodedDataLength"])
        self.received += size
        url = self.urls.get(event["requestId"], "")
        self.by_url[url] = self.by_url.get(url, 0) + size


def largest_desa() -> str:
    desa = Region.objects.filter(level=Level.DESA).values_list("code", flat=True)
    counts = {code: 0 for code in desa}
    for code, n in Family.objects.values_list("region_code").annotate(n=Count("id")):
        key = ".".join(code.split(".")[:4])
        if key in counts:
            counts[key] += n
    return max(counts, key=counts.get)


def cadre_of(desa: str) -> User:
    user = User.objects.filter(role=Role.PPKBD, region_code=desa, is_active=True).first()
    if user is None:
        raise RuntimeError(f"bench_sync: desa {desa} has no PPKBD account")
    return user


def wives(desa: str) -> list[int]:
    """Women the app's visit form can record today as new visits: a database reused by an
    earlier run (``--database``) already holds that run's visits of the day, stored once."""
    return list(
        Member.objects.filter(
            family__region_code__startswith=desa, sex=codes.Sex.FEMALE,
            marital_status=codes.Marital.MARRIED, left_on__isnull=True,
        ).exclude(visits__date=dates.today()).order_by("pk").values_list("pk", flat=True)[:ENTRIES]
    )  # fmt: skip


def _seconds(page) -> float:
    start, end = page.evaluate(LAST_SYNC)
    return (end - start) / 1000


def _record_visits(page, members: list[int]) -> None:
    for member in members:
        page.evaluate(f"location.hash = '#/form/visit/{member}'")
        form = page.locator("form.offline-form")
        form.locator("button[type=submit]").click()
        form.wait_for(state="detached")


def measure(base: str, username: str, password: str, members: list[int]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    found: dict[str, Any] = {}
    wire = Wire()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, is_mobile=True, locale="id-ID",
            service_workers="block",
        )  # fmt: skip
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.add_init_script(WATCH_SYNC)
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{base}/")
        cdp = context.new_cdp_session(page)
        cdp.on("Network.requestWillBeSent", wire.request)
        cdp.on("Network.loadingFinished", wire.finished)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # a new phone
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)

        wire.reset()
        page.goto(f"{base}/luring/")
        page.locator("#sync-state", has_text="Sinkron terakhir").wait_for()
        page.locator("body[data-sync=idle]").wait_for()
        found["first_seconds"] = _seconds(page)
        found["install_seconds"] = page.evaluate(LAST_SYNC)[1] / 1000
        found["install_bytes"] = wire.received + wire.sent
        found["data_bytes"] = sum(n for u, n in wire.by_url.items() if "/api/v1/sync" in u)
        found["families"] = page.evaluate(
            f"impStore.get('data:{username}').then(d => Object.keys(d.families).length)"
        )

        cdp.send("Network.emulateNetworkConditions", {**SLOW_3G, "offline": True})
        page.wait_for_function("() => !navigator.onLine")
        _record_visits(page, members)
        page.locator("#outbox-count", has_text=f"{len(members)} menunggu dikirim").wait_for()
        page.evaluate("window.__syncs = []")
        wire.reset()
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)  # "online": the app syncs
        page.locator("#outbox-count", has_text="Semua catatan sudah terkirim").wait_for()
        page.locator("body[data-sync=idle]").wait_for()
        found["later_seconds"] = _seconds(page)
        found["later_bytes"] = wire.received + wire.sent
        browser.close()
    return found


def run(ctx) -> list[dict]:
    desa = largest_desa()
    user = cadre_of(desa)
    members = wives(desa)
    password = ctx.get("password") or os.environ.get("IMPSMART_BENCH_PASSWORD", "")
    visits = Visit.objects.filter(member__in=members).count()
    server, base = serve(ctx.workdir)
    try:
        found = measure(base, user.get_username(), password, members)
    finally:
        server.terminate()
        server.wait(timeout=60)
    stored = Visit.objects.filter(member__in=members).count() - visits
    if stored != len(members):
        raise AssertionError(f"bench_sync: {len(members)} visits sent, {stored} stored")
    families = found["families"]
    print(f"  desa {desa}, {families} keluarga, {user.get_username()}, {base}", file=sys.stderr)
    return [
        figure("sync_first_install_kb", found["install_bytes"] / 1024, "KB", TARGET_FIRST_KB),
        figure("sync_first_install_seconds_3g", found["install_seconds"], "s", TARGET_SECONDS),
        figure(f"sync_first_data_kb_gzip_{families}_families", found["data_bytes"] / 1024, "KB"),
        figure("sync_first_seconds_3g", found["first_seconds"], "s", TARGET_SECONDS),
        figure(f"sync_after_{len(members)}_entries_kb", found["later_bytes"] / 1024, "KB"),
        figure(
            f"sync_after_{len(members)}_entries_seconds_3g",
            found["later_seconds"],
            "s",
            TARGET_SECONDS,
        ),  # fmt: skip
    ]
