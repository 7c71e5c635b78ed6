"""On a 360×740 phone a cadre records a husband's death and a new KK number."""

from playwright.sync_api import Page, expect

from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in
from tests.families.world import FamilyWorld

pytestmark = BROWSER_TEST
WORLD = FamilyWorld


def test_a_cadre_records_a_death_and_a_new_kk_on_the_phone(page: Page, live_server, world):
    sign_in(page, live_server, world.ppkbd_a)
    page.goto(f"{live_server.url}/keluarga/{world.family_a.pk}/")
    wife_card = page.locator(f"#anggota-{world.wife_a.pk}")
    wife_card.get_by_role("link", name="Cerai/pisah").click()
    expect(page.locator("h1")).to_have_text("Cerai, meninggal atau pindah")
    fits_the_phone(page)
    page.get_by_label("Cerai mati: suami atau istri meninggal").check()
    page.get_by_label(f"Suami: {world.husband_a.name}").check()
    page.fill("#id_on", "2025-06-10")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("main")).to_contain_text("Cerai mati sejak 10-06-2025")
    expect(wife_card.get_by_role("link", name="Cerai/pisah")).to_have_count(0)
    fits_the_phone(page)

    page.get_by_role("link", name="Ganti nomor KK").click()
    page.fill("#id_kk_number", world.family_c.kk_number)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".errorlist")).to_contain_text("sudah dipakai keluarga lain")
    fits_the_phone(page)
    page.fill("#id_kk_number", "7306061505260003")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("h1")).to_have_text("KK 7306061505260003")
    fits_the_phone(page)
