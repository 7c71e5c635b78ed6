"""A cadre's phone (360 px): enrol eligible families in a BKB, record a session with attendance
and two KKA checks, and read the month's R/I/BKB (and fetch it as PDF)."""

import datetime as dt

from playwright.sync_api import Page, expect

from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in
from tests.families.world import make_couple
from tests.groups.world import GroupWorld, add_person

pytestmark = BROWSER_TEST


class WORLD(GroupWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.family_b, _wife, _husband = make_couple(
            cls.ppkbd_a, cls.dusun_a2.code, dt.date(1998, 6, 1)
        )
        cls.baby = add_person(cls.ppkbd_a, cls.family_b, "Citra", dt.date(2026, 2, 1))


def test_enrol_meet_check_and_read_the_register_on_a_phone(page: Page, live_server, world):
    sign_in(page, live_server, world.ppkbd_a)
    page.goto(f"{live_server.url}/poktan/")
    page.get_by_role("link", name=world.bkb.name).click()
    section = page.locator("#daftarkan")
    section.get_by_label(f"KK {world.family_a.kk_number}", exact=False).check()
    section.get_by_label(f"KK {world.family_b.kk_number}", exact=False).check()
    fits_the_phone(page)
    section.get_by_role("button", name="Daftarkan").click()
    expect(page.locator(".msg")).to_contain_text("2 anggota didaftarkan")
    expect(page.locator("#anggota .badge")).to_have_text("2")

    page.get_by_role("link", name="Catat pertemuan").click()
    page.select_option("#id_topic", "bkb_tumbuh_kembang")
    page.fill("#id_presenter_name", "Bu Sari")
    page.get_by_label(f"KK {world.family_a.kk_number}").check()
    page.get_by_label(f"KK {world.family_b.kk_number}").check()
    fits_the_phone(page)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#hadir")).to_contain_text("Hadir: 2")

    for child, milestone in [(world.toddler, "Berlari dan naik tangga"), (world.baby, "Tengkurap")]:
        page.select_option("#id_child", str(child.pk))
        page.get_by_label(milestone, exact=False).check()
        fits_the_phone(page)
        page.get_by_role("button", name="Simpan KKA").click()
        expect(page.locator("#kka")).to_contain_text(child.name)
    expect(page.locator("#kka li")).to_have_count(2)

    page.locator(".crumbs a").click()
    page.get_by_role("link", name="Register bulan ini").click()
    expect(page.locator("h1")).to_contain_text("R/I/BKB")
    expect(page.locator("#sesi tbody tr")).to_have_count(1)
    expect(page.locator("#sesi tbody")).to_contain_text("Bu Sari")
    expect(page.locator("#hadir tbody tr")).to_have_count(2)
    fits_the_phone(page)
    # The same register on paper, for the ketua and pembina to sign.
    href = page.get_by_role("link", name="PDF").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.headers["content-type"] == "application/pdf"
