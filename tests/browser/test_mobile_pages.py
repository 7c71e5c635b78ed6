"""The pages as a cadre's phone shows them: Chromium at 360×740 against the live server.

Every test also fails on a console error, a CSP violation, an uncaught script error or a
request to another host (no CDN, no map tiles): see the ``problems`` fixture.
"""

from django.utils import translation
from playwright.sync_api import Page, expect

from impsmart.regions.models import Region
from tests.base import KECAMATAN_A, World
from tests.browser.conftest import PHONE_WIDTH
from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in

pytestmark = BROWSER_TEST
WORLD = World


def test_each_role_signs_in_through_the_form_and_sees_its_home(page: Page, live_server, world):
    kecamatan_a = world.kabupaten.children.get(code=KECAMATAN_A)
    homes = [
        (world.admin, [world.kabupaten]),
        (world.koordinator_a, [kecamatan_a]),
        (world.pkb, [world.desa_a, world.desa_b]),
        (world.ppkbd_a, [world.desa_a]),
        (world.sub_ppkbd_a, [world.dusun_a1]),
        (world.mitra_a, [kecamatan_a]),
        (world.pimpinan, [world.kabupaten]),
    ]
    with translation.override("id"):
        expected = [(u, str(u.get_role_display()), [str(r) for r in rs]) for u, rs in homes]
    for user, role_label, region_labels in expected:
        sign_in(page, live_server, user)
        main = page.locator("main")
        expect(main.locator("h1")).to_contain_text(f"Selamat datang, {user.first_name}")
        expect(main).to_contain_text(role_label)
        for label in region_labels:
            expect(main).to_contain_text(label)
        fits_the_phone(page)
        page.get_by_role("button", name="Keluar").click()
        page.wait_for_url("**/accounts/login/")


def test_a_ppkbd_opening_another_desa_gets_the_not_found_page(
    page: Page, live_server, world, problems
):
    sign_in(page, live_server, world.ppkbd_a)
    own = page.goto(f"{live_server.url}/wilayah/{world.desa_a.code}/")
    assert own.status == 200
    fits_the_phone(page)

    response = page.goto(f"{live_server.url}/wilayah/{world.desa_c.code}/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Halaman tidak ditemukan")
    expect(page.locator("main")).not_to_contain_text(world.desa_c.name)
    fits_the_phone(page)
    # Chromium logs the page's own 404 status as a console error: that one is expected.
    problems[:] = [p for p in problems if "status of 404" not in p]


def test_a_kecamatan_page_draws_its_map_from_our_own_geojson(page: Page, live_server, world):
    desa = Region.objects.filter(parent_id=KECAMATAN_A).exclude(boundary=None).count()
    assert desa > 0, "Gowa ships desa boundaries"
    sign_in(page, live_server, world.koordinator_a)
    page.goto(f"{live_server.url}/wilayah/{KECAMATAN_A}/")
    map_ = page.wait_for_selector("#map[data-ready]", timeout=10_000)
    assert map_.get_attribute("data-ready") == str(desa)
    assert page.locator("#map path.leaflet-interactive").count() == desa
    assert page.locator("#map .leaflet-tile").count() == 0
    box = map_.bounding_box()
    assert box["width"] <= PHONE_WIDTH and box["height"] > 100
    fits_the_phone(page)


def test_the_footer_language_switch_turns_the_ui_to_english(page: Page, live_server, world):
    sign_in(page, live_server, world.ppkbd_a)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.locator("footer").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Welcome, ppkbd_a")
    expect(page.locator("nav")).to_contain_text("Home")
    expect(page.locator("main")).to_contain_text("PPKBD (village cadre)")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    fits_the_phone(page)

    page.locator("footer").get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator("h1")).to_have_text("Selamat datang, ppkbd_a")
