"""A PPKBD's phone (360×740): her month's meeting from the pack to the next month's agenda."""

from playwright.sync_api import Page, expect

from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in
from tests.meetings.world import MeetingsWorld

pytestmark = BROWSER_TEST
WORLD = MeetingsWorld


def test_a_ppkbd_runs_her_month_meeting(page: Page, live_server, world):
    sign_in(page, live_server, world.ppkbd_a)
    page.goto(f"{live_server.url}/pertemuan/institusi/{world.ppkbd_inst_a.pk}/")
    page.fill("#id_date", "2026-11-12")
    page.fill("#id_place", "Balai desa")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#acara")).to_contain_text("Stok kondom habis")
    fits_the_phone(page)
    page.get_by_role("link", name="Bahan pertemuan").click()
    expect(page.locator("#angka")).to_contain_text("Jumlah PUS")
    fits_the_phone(page)
    page.go_back()
    page.select_option("#kehadiran select[name=role]", "tokoh_agama")
    page.fill("#kehadiran input[name=name]", "Ustadz Rahman")
    page.get_by_role("button", name="Catat hadir").click()
    expect(page.locator("#kehadiran")).to_contain_text("Ustadz Rahman")
    for problem in ("Dua PUS drop-out belum dikunjungi", "Laporan dusun terlambat"):
        page.fill("#tindak-lanjut-baru textarea[name=problem]", problem)
        page.fill("#tindak-lanjut-baru input[name=owner_name]", "Ibu Sekretaris")
        page.fill("#tindak-lanjut-baru input[name=due_on]", "2026-12-05")
        page.get_by_role("button", name="Catat tindak lanjut").click()
        expect(page.locator("#tindak-lanjut-baru")).to_contain_text(problem)
    page.fill(f"#result-{world.old_action.pk}", "Kondom sudah diantar")
    page.locator(f"#tl-{world.old_action.pk} button").click()
    page.fill("#id_minutes", "Stok kondom beres.")
    page.check("#id_finalise")
    page.get_by_role("button", name="Simpan notulen").click()
    expect(page.locator("#notulen")).to_contain_text("Difinalkan")
    fits_the_phone(page)
    page.locator(".crumbs a").click()
    page.get_by_role("button", name="Jadwalkan pertemuan bulan berikutnya").click()
    agenda = page.locator("#acara")
    expect(agenda).to_contain_text("Register dusun belum diperbarui")
    expect(agenda).to_contain_text("Laporan dusun terlambat")
    expect(agenda).not_to_contain_text("Stok kondom habis")
    page.get_by_role("link", name="Undangan").click()
    expect(page.locator("#invitation-text")).to_contain_text("Tinjau tindak lanjut bulan lalu")
    fits_the_phone(page)
