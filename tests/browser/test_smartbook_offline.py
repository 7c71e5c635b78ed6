"""A cadre's phone (360 px): she opens the Smart Book and two chapters, loses signal, and
still reads both chapters and searches them."""

from playwright.sync_api import Page, expect

from impsmart.training import book
from tests.base import World
from tests.browser.phone import BROWSER_TEST, fits_the_phone, go_offline, sign_in

pytestmark = BROWSER_TEST
WORLD = World


def test_the_book_opens_offline_after_its_chapters_were_opened(page: Page, live_server, world):
    sign_in(page, live_server, world.ppkbd_a)
    base = f"{live_server.url}/pelatihan/buku/id/"
    page.goto(base)
    expect(page.locator(".book-version")).to_have_text(f"Buku Pintar versi {book.VERSION}")
    page.wait_for_function(
        "navigator.serviceWorker.controller !== null || "
        "navigator.serviceWorker.ready.then(() => true)"
    )
    page.evaluate("navigator.serviceWorker.ready")
    fits_the_phone(page)
    for slug in ("09-pup", "11-hiv-ims"):
        page.goto(f"{base}{slug}/")
        expect(page.locator("#offline-state")).to_have_text("tersimpan untuk dibaca tanpa sinyal")
        fits_the_phone(page)
    page.goto(base)
    expect(page.locator("#offline-state")).not_to_be_empty()

    go_offline(page)
    response = page.reload()
    assert response.from_service_worker
    expect(page.locator("h1")).to_have_text("Buku Pintar Kader IMP")
    for slug, text in (("09-pup", "Undang-Undang Nomor 16 Tahun 2019"), ("11-hiv-ims", "ARV")):
        response = page.goto(f"{base}{slug}/")
        assert response.from_service_worker
        expect(page.locator(".chapter")).to_contain_text(text)
    page.goto(base)
    page.fill("#id_q", "kondom")
    page.get_by_role("button", name="Cari", exact=True).click()
    results = page.locator("#offline-results")
    expect(results).to_be_visible()
    expect(results.locator("a")).to_have_text(["11. HIV/AIDS dan infeksi menular seksual (IMS)"])
    fits_the_phone(page)
    page.context.set_offline(False)
