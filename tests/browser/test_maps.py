"""The target map on a cadre's phone: Chromium at 360 px draws the choropleth, no tiles.

Fails on a console error, a CSP violation, an uncaught script error or a request to another
host (map tiles included).
"""

import re

from playwright.sync_api import Page, expect

from impsmart.regions.models import Region
from tests.base import KECAMATAN_A
from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in
from tests.dashboard import MapWorld

pytestmark = BROWSER_TEST
WORLD = MapWorld


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
    assert page.locator("#peta .region-label").count() == desa  # each area named
    expect(page.locator("#peta-legend")).to_contain_text("mCPR")
    expect(page.locator("table")).to_contain_text("75,0")
    fits_the_phone(page)
    table = page.locator(".table-wrap").first
    assert table.evaluate("wrap => wrap.scrollWidth <= wrap.clientWidth")  # no sideways scroll

    page.select_option("#indikator", "unmet")  # the selector submits itself
    page.wait_for_url(re.compile(r"indikator=unmet"))
    page.wait_for_selector("#peta[data-ready]", timeout=10_000)
    expect(page.locator("#peta-legend")).to_contain_text("Unmet need")

    page.locator("#peta path.leaflet-interactive").first.dispatch_event("click")
    page.wait_for_url(re.compile(rf"/peta/{re.escape(KECAMATAN_A)}\.\d+/\?indikator=unmet"))
    page.wait_for_selector("#peta[data-ready]", timeout=10_000)
