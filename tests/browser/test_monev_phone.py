"""A leader (pimpinan) on a 360 px phone: the kabupaten's key figures, the replication
scorecard and the 24-month trends, on the home page and on Monev, without any personal data
and without sideways scrolling."""

import re

from playwright.sync_api import Page, expect

from impsmart.families.models import Member
from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in
from tests.dashboard import MapWorld

pytestmark = BROWSER_TEST
WORLD = MapWorld
SIXTEEN_DIGITS = re.compile(r"\d{16}")  # a NIK or a Nomor KK


def assert_no_personal_data(page: Page, members: list[tuple[str, str]]) -> None:
    text = page.locator("body").inner_text()
    for name, nik in members:
        assert name not in text, f"{page.url} shows the name {name!r}"
        assert not nik or nik not in text, f"{page.url} shows a NIK"
    assert not SIXTEEN_DIGITS.search(text), f"{page.url} shows a NIK or Nomor KK"


def test_pimpinan_sees_figures_scorecard_and_trends_on_the_phone(page: Page, live_server, world):
    members = list(Member.objects.values_list("name", "nik"))
    assert len(members) >= 8
    sign_in(page, live_server, world.pimpinan)

    home = page.locator("main")
    expect(home.locator("#angka-kunci .key-figures li").first).to_be_visible()
    expect(home.locator("#monev-ringkas")).to_contain_text("T1 Institusi dan pengurus")
    expect(home.locator("#monev-ringkas .monev-status")).to_have_count(9)
    fits_the_phone(page)
    assert_no_personal_data(page, members)

    home.get_by_role("link", name="Monev: tren 24 bulan dan target per wilayah").click()
    page.wait_for_url(f"**/monev/{world.kabupaten.code}/")
    card = page.locator("#target-replikasi")
    expect(card).to_contain_text("Notulen pertemuan ≥ 10 dari 12 bulan")
    expect(card.locator("tbody tr").first).to_be_visible()
    trends = page.locator("#tren")
    expect(trends.locator("svg polyline")).to_have_count(15)
    expect(trends).to_contain_text("Peserta KB aktif")
    trends.locator("details summary").first.click()  # the numbers, one tap away
    expect(trends.locator("details[open] td").first).to_be_visible()
    fits_the_phone(page)
    assert_no_personal_data(page, members)
