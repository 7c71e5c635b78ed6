"""A cadre's phone (360×740): counsel, refer, the Puskesmas serves an implant, she confirms."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE_HEIGHT
from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in, sign_out
from tests.counseling.world import CounselingWorld

pytestmark = BROWSER_TEST
WORLD = CounselingWorld


def test_counsel_refer_serve_confirm_on_a_phone(page: Page, live_server, world):
    wife = world.wife_a
    sign_in(page, live_server, world.ppkbd_a)
    page.goto(f"{live_server.url}/konseling/?q={wife.name}")
    page.get_by_role("link", name="Konseling", exact=True).first.click()
    page.get_by_label("KB dan MKJP").check()
    page.fill("#id_bp", "120/80")
    fits_the_phone(page)
    page.get_by_role("button", name="Simpan dan lihat hasil").click()
    expect(page.locator("#mec-implant .cat")).to_have_text("boleh")
    expect(page.locator(".mec-groups")).to_be_in_viewport()  # the summary comes first
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3 * PHONE_HEIGHT, f"the result scrolls {height}px"  # it was 4,500
    page.locator("#mec-implant summary").click()
    expect(page.locator("#mec-implant")).to_contain_text("oleh bidan/dokter")
    fits_the_phone(page)

    page.get_by_role("link", name="Rujuk ke fasilitas").click()
    page.select_option("#id_facility", label="Puskesmas Bontomarannu")
    page.select_option("#id_method_wanted", "IMPLAN")
    page.fill("#id_reason", "Ingin implan")
    page.get_by_role("button", name="Kirim rujukan").click()
    expect(page.locator("#status h2")).to_contain_text("Dikirim")
    expect(page.locator(".slip")).to_contain_text("Hasil penapisan KB")
    page.get_by_role("link", name="Surat rujukan (cetak/bagikan)").click()
    expect(page.locator(".slip")).to_contain_text(wife.name)
    fits_the_phone(page)
    sign_out(page)

    sign_in(page, live_server, world.mitra_a)
    page.locator("#rujukan-masuk").get_by_role("link", name=wife.name).click()
    page.get_by_label("Dilayani", exact=True).check()
    page.select_option("#id_method", "IMPLAN")
    fits_the_phone(page)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".msg")).to_contain_text("Jawaban rujukan tersimpan")
    sign_out(page)

    sign_in(page, live_server, world.ppkbd_a)
    page.locator("#kunjungan").get_by_role("link", name="Konfirmasi").click()
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.locator(".msg")).to_contain_text("Terkonfirmasi")
    page.goto(f"{live_server.url}/keluarga/{world.family_a.pk}/")
    expect(page.locator(".status", has_text="Implan")).to_be_visible()
    fits_the_phone(page)
