"""The heaviest page of each role: server time and gzip weight against the targets.

Every page a role opens must answer within 1 s on the server and weigh under 100 KB
compressed at full Gowa scale (issue 10); a cadre's pages (PPKBD, Sub-PPKBD: home, her
families, one family, her register, the visit list) within 50 ms (issue 17, the month-end
rush). For each role this renders its known heavy pages
(home, lists, register, map) as the demo's account of that role, through the URL resolver and
the view (``RequestFactory``: no network, no middleware), and reports the slowest time and the
largest gzip size among them. ``reference`` is the target (1000 ms, 100 KB) and ``ratio`` the
share of it used: above 1 is over the target. Each page's figures go to stderr.
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import resolve, reverse

from bench.bench_status import PLAIN_STATIC, largest_desa
from bench.runner import figure
from bench.timing import best_seconds
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.families.models import Family

TARGET_MS = 1000.0
CADRE_TARGET_MS = 50.0
TARGET_KB = 100.0
DESA_SEGMENTS = 4


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str
    # "": no argument; "desa", "own": whose code goes in the URL; "family": her first family
    region: str = ""
    query: str = ""  # the query string, where {desa} is the largest desa's code


HOME = Page("home", "dashboard:home")
FAMILIES = Page("families", "families:list")
VISITS = Page("visits", "counseling:visits")
FAMILY = Page("family", "families:detail", "family")
# The live search as a cadre types a name ("nur": Nurmala, Nurhayati … in every desa).
SEARCH = Page("family_search", "families:list", query="q=nur")
REGISTER = Page("register", "register:page", "desa")
OWN_REGISTER = Page("register", "register:page", "own")
USERS = Page("users", "accounts:users")
MAP = Page("map", "dashboard:map", "own")
CADRES = {Role.PPKBD, Role.SUB_PPKBD}
PAGES = {
    Role.ADMIN_KABUPATEN: [
        HOME,
        FAMILIES,
        USERS,
        REGISTER,
        MAP,
        VISITS,
        Page("visits_desa", "counseling:visits", query="wilayah={desa}"),
    ],
    Role.KOORDINATOR_KECAMATAN: [HOME, FAMILIES, USERS, REGISTER, MAP, VISITS],
    Role.PKB: [HOME, FAMILIES, SEARCH, VISITS, REGISTER],
    Role.PPKBD: [HOME, FAMILIES, SEARCH, FAMILY, VISITS, REGISTER],
    Role.SUB_PPKBD: [HOME, FAMILIES, SEARCH, FAMILY, VISITS, OWN_REGISTER],
    Role.MITRA: [HOME, Page("referrals", "counseling:referral_list")],
    Role.PIMPINAN: [HOME, MAP],
}


def account(role: str, desa: str) -> User | None:
    """The demo's account of ``role``, preferably one whose scope holds or lies in the
    largest desa."""
    users = User.objects.filter(role=role, is_active=True).order_by("pk")
    for user in users:
        codes = user.scope_codes
        if any(f"{desa}.".startswith(f"{c}.") or c.startswith(f"{desa}.") for c in codes):
            return user
    return users.first()


def _argument(page: Page, user: User, desa: str) -> list | None:
    """The URL's arguments; None: the page has nothing to show this account (no family)."""
    if page.region == "family":
        family = Family.objects.visible_to(user).order_by("pk").values_list("pk", flat=True)
        return [family[0]] if family else None
    return [{"desa": desa, "own": user.region_code}[page.region]] if page.region else []


def target_ms(role: str) -> float:
    return CADRE_TARGET_MS if role in CADRES else TARGET_MS


def _path(page: Page, user: User, desa: str) -> str | None:
    args = _argument(page, user, desa)
    if args is None:
        return None
    query = page.query.format(desa=desa)
    return reverse(page.url_name, args=args) + (f"?{query}" if query else "")


def measure(path: str, user: User, repeat: int) -> tuple[float, float]:
    """(best server time in ms, gzip size in KB) of one page as ``user``."""
    match = resolve(path.split("?")[0])
    factory = RequestFactory()

    def render() -> bytes:
        request = factory.get(path)
        request.user = user
        response = match.func(request, *match.args, **match.kwargs)
        if response.status_code != 200:
            raise AssertionError(f"{path} as {user.username}: HTTP {response.status_code}")
        return response.content

    seconds, body = best_seconds(render, repeat)
    return seconds * 1000, len(gzip.compress(body)) / 1024


def heaviest(role: str, desa: str, repeat: int) -> list[dict]:
    """The slowest time and the largest weight among the role's pages (none without a user)."""
    user = account(role, desa)
    if user is None:
        return []
    times, weights = [], []
    for page in PAGES[role]:
        path = _path(page, user, desa)
        if path is None:
            continue
        ms, kb = measure(path, user, repeat)
        print(f"  {role:<22} {path:<48} {ms:8.1f} ms {kb:7.1f} KB", file=sys.stderr)
        times.append(ms)
        weights.append(kb)
    return [
        figure(f"page_ms_{role}", max(max(times), 0.01), "ms", target_ms(role)),
        figure(f"page_gzip_kb_{role}", max(max(weights), 0.01), "KB", TARGET_KB),
    ]


def run(ctx: Any) -> list[dict]:
    desa = largest_desa()
    if desa is None:
        return []
    repeat = ctx.get("repeat", 3)
    results: list[dict] = []
    # Static file names do not matter to the server time; the runner need not collectstatic.
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": PLAIN_STATIC}):
        for role in PAGES:
            results += heaviest(role, desa, repeat)
    return results
