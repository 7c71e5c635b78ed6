"""A koordinator's phone (360×740): add a polindes (fixing the region), link its bidan."""

from playwright.sync_api import Page, expect

from impsmart.accounts.roles import Role
from tests.base import KECAMATAN_A, make_user
from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in
from tests.counseling.world import CounselingWorld

pytestmark = BROWSER_TEST
WORLD = CounselingWorld


def test_a_koordinator_adds_a_polindes_and_links_its_bidan(page: Page, live_server, world):
    make_user("bidan.bontoa", Role.MITRA, KECAMATAN_A)
    sign_in(page, live_server, world.koordinator_a)
    page.goto(f"{live_server.url}/konseling/")
    page.get_by_role("link", name="Fasilitas kesehatan").click()
    expect(page.locator("main")).to_contain_text("Puskesmas Bontomarannu")
    expect(page.locator("main")).not_to_contain_text("Puskesmas Bontonompo")
    fits_the_phone(page)

    page.get_by_role("link", name="Tambah fasilitas").click()
    page.fill("#id_name", "Polindes Bontoa")
    page.select_option("#id_kind", "polindes")
    page.select_option("#id_region_code", KECAMATAN_A)  # a kecamatan: the wrong level
    fits_the_phone(page)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".errorlist")).to_contain_text("pilih desanya")
    expect(page.locator("#id_name")).to_have_value("Polindes Bontoa")
    page.select_option("#id_region_code", world.desa_a.code)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".msg")).to_contain_text("Polindes Bontoa tersimpan")

    page.select_option("#id_user", label="bidan.bontoa · bidan.bontoa")
    page.get_by_role("button", name="Jadikan petugas").click()
    expect(page.locator("#petugas")).to_contain_text("bidan.bontoa")
    fits_the_phone(page)
