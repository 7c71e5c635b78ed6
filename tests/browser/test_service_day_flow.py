"""A KB service day on a phone (360×740): the cadre invites from the target list and marks
who came, the Puskesmas records the methods, the cadre confirms, and the register and
REKAP_PUS show the new acceptors."""

from playwright.sync_api import Page, expect

from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in, sign_out
from tests.services.world import ServiceWorld

pytestmark = BROWSER_TEST
WORLD = ServiceWorld


def test_targets_attendance_methods_confirmation_on_a_phone(page: Page, live_server, world):
    wife, mother = world.wife_a, world.mother
    sign_in(page, live_server, world.ppkbd_a)
    page.locator("#pelayanan-kb").get_by_role("link", name="Balai desa").click()
    page.get_by_role("link", name="Daftar sasaran").click()
    expect(page.locator("#sasaran")).to_contain_text("Pascapersalinan belum ber-KB")
    expect(page.locator("#sasaran")).not_to_contain_text(world.pill.name)
    page.get_by_label(wife.name).check()
    page.get_by_label(mother.name).check()
    fits_the_phone(page)
    page.get_by_role("button", name="Undang yang dipilih").click()
    expect(page.locator(".msg")).to_contain_text("2 ibu diundang")
    page.get_by_role("link", name="Catat kehadiran").click()
    page.get_by_label(wife.name).check()
    page.get_by_label(mother.name).check()
    page.get_by_role("button", name="Simpan kehadiran").click()
    expect(page.locator("#hari")).to_contain_text("2 hadir")
    sign_out(page)

    sign_in(page, live_server, world.mitra_a)
    page.get_by_role("link", name="Pelayanan KB").first.click()
    page.get_by_role("link", name="Balai desa").first.click()
    page.get_by_role("link", name="Catat metode yang diberikan").click()
    page.get_by_label(wife.name).select_option("PIL")
    fits_the_phone(page)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".errorlist")).to_contain_text("tidak disediakan pada pelayanan ini")
    page.get_by_label(wife.name).select_option("IMPLAN")
    page.get_by_label(mother.name).select_option("SUNTIK3")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".msg")).to_contain_text("Metode yang diberikan tersimpan")
    sign_out(page)

    sign_in(page, live_server, world.ppkbd_a)
    expect(page.locator("#pelayanan-kb")).to_contain_text("2 metode menunggu konfirmasi")
    page.locator("#pelayanan-kb").get_by_role("link", name="Balai desa").click()
    page.locator("#konfirmasi").get_by_role("button", name="Konfirmasi").click()
    expect(page.locator(".msg")).to_contain_text("2 metode KB tercatat di register")
    fits_the_phone(page)
    page.goto(f"{live_server.url}/keluarga/{world.family_a.pk}/")
    expect(page.locator(".status", has_text="Implan")).to_be_visible()

    page.goto(f"{live_server.url}/laporan/?bulan=2026-11")
    page.select_option("#prep-region", world.desa_a.code)
    page.get_by_role("button", name="Hitung dari register").click()
    row = page.locator("tr", has_text="Peserta KB baru (PB) seluruhnya")
    expect(row.locator("td").nth(2)).to_have_text("2")
    fits_the_phone(page)
