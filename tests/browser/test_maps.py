"""The target map on a cadre's phone: Chromium at 360 px draws the choropleth, no tiles.

Fails on a console error, a CSP violation, an uncaught script error or a request to another
host (map tiles included).
"""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from playwright.sync_api import Page, expect

import impsmart
from impsmart.regions.models import Region
from tests.base import KECAMATAN_A, PASSWORD
from tests.dashboard import MapWorld

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 360


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": PHONE_WIDTH, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "locale": "id-ID",
    }


@pytest.fixture
def world(transactional_db, settings):
    """The map world, committed (the live server reads it from another thread)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not finders.find("choropleth.js"):
        # settings.py lists no STATICFILES_DIRS, so the live server would not find the
        # package's static/ folder (production serves collectstatic's copy).
        settings.STATICFILES_DIRS = [Path(impsmart.__file__).parent / "static"]
    world = type("BrowserMapWorld", (MapWorld,), {})
    world.setUpTestData()
    return world


@pytest.fixture(autouse=True)
def problems(page: Page, live_server):
    found: list[str] = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))"
    )
    page.on(
        "console",
        lambda m: found.append(f"{m.text} ({m.location['url']})") if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: found.append(f"uncaught: {error}"))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((live_server.url, "data:"))
            else found.append(f"off-site request: {r.url}")
        ),
    )
    yield found
    assert found == [], "the browser reported problems"


def sign_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_a_kecamatan_map_draws_its_desa_coloured_at_360_px(page: Page, live_server, world):
    desa = Region.objects.filter(parent_id=KECAMATAN_A).exclude(boundary=None).count()
    sign_in(page, live_server, world.koordinator_a)
    page.get_by_role("link", name="Peta", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Bontomarannu")  # the user's own kecamatan
    page.goto(f"{live_server.url}/peta/{KECAMATAN_A}/?indikator=mcpr&bulan=2025-06")
    map_ = page.wait_for_selector("#peta[data-ready]", timeout=10_000)
    assert map_.get_attribute("data-ready") == str(desa)
    assert page.locator("#peta path.leaflet-interactive").count() == desa
    assert page.locator("#peta .leaflet-tile").count() == 0
    expect(page.locator("#peta-legend")).to_contain_text("mCPR")
    expect(page.locator("table")).to_contain_text("75,0")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH

    page.select_option("#indikator", "unmet")  # the selector submits itself
    page.wait_for_url(re.compile(r"indikator=unmet"))
    page.wait_for_selector("#peta[data-ready]", timeout=10_000)
    expect(page.locator("#peta-legend")).to_contain_text("Unmet need")

    page.locator("#peta path.leaflet-interactive").first.dispatch_event("click")
    page.wait_for_url(re.compile(rf"/peta/{re.escape(KECAMATAN_A)}\.\d+/\?indikator=unmet"))
    page.wait_for_selector("#peta[data-ready]", timeout=10_000)
