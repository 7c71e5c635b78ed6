"""A PKB's phone (360×740): her desa binaan's institution, its grade explained, a new seat."""

from playwright.sync_api import Page, expect

from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in
from tests.organization.world import OrganizationWorld

pytestmark = BROWSER_TEST
WORLD = OrganizationWorld


def test_a_pkb_reads_the_grade_and_fills_a_seat(page: Page, live_server, world):
    sign_in(page, live_server, world.pkb)
    expect(page.locator("#institusi")).to_contain_text("PPKBD A")
    page.get_by_role("link", name="Institusi IMP").first.click()
    expect(page.locator("main")).not_to_contain_text("PPKBD C")
    fits_the_phone(page)
    page.get_by_role("link", name="PPKBD A", exact=True).click()
    expect(page.locator("#klasifikasi")).to_contain_text("Melakukan KIE")
    expect(page.locator("#klasifikasi")).to_contain_text("belum ada data")
    expect(page.locator("#pengurus")).to_contain_text("tunggal")
    fits_the_phone(page)
    page.get_by_role("link", name="Tetapkan pengurus").click()
    page.select_option("#id_seat", "sekretaris")
    page.fill("#id_name", "Ibu Nurhayati")
    fits_the_phone(page)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".msg")).to_contain_text("Ibu Nurhayati")
    expect(page.locator("#pengurus")).to_contain_text("Sekretaris: Ibu Nurhayati")
    fits_the_phone(page)
