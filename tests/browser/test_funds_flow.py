"""A treasurer's phone (360×740): a month's dues for ten members, the arisan draw at the
meeting, the payout, and the buku kas to print."""

import datetime as dt

from playwright.sync_api import Page, expect

from impsmart.funds import actions, arisan
from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in
from tests.funds.world import FundWorld

pytestmark = BROWSER_TEST
WORLD = FundWorld


def test_a_treasurer_records_dues_runs_the_draw_pays_out_and_prints(page: Page, live_server, world):
    fund = world.fund
    cycle = actions.create_cycle(
        actor=world.ppkbd_a, fund=fund, contribution=10000, starts_on=dt.date(2026, 11, 1),
        members=world.members,
    )  # fmt: skip
    sign_in(page, live_server, world.ppkbd_a)
    page.goto(f"{live_server.url}/dana/{fund.pk}/")
    page.get_by_role("link", name="Catat iuran").click()
    paid = page.locator("input[name=paid]")
    expect(paid).to_have_count(len(world.members))  # .all() does not wait for the new page
    for checkbox in paid.all():
        checkbox.check()
    fits_the_phone(page)
    page.get_by_role("button", name="Simpan iuran").click()
    expect(page.locator(".msg")).to_contain_text("Iuran 10 anggota tercatat")
    expect(page.locator("#saldo")).to_have_text("Rp 50.000")

    page.goto(f"{live_server.url}/dana/arisan/{cycle.pk}/")
    for member in world.members:
        page.select_option("#id_member", str(member.pk))
        page.get_by_role("button", name="Catat setoran").click()
        expect(page.locator(".msg")).to_contain_text("Setoran tercatat")
    page.fill("#id_commitment", arisan.commitment_of("kelapa-muda-17"))
    page.get_by_role("button", name="Catat komitmen").click()
    page.fill("#id_seed", "kelapa-muda-17")
    fits_the_phone(page)
    page.get_by_role("button", name="Buka benih dan undi").click()
    expect(page.locator(".msg")).to_contain_text("Undian selesai")
    page.get_by_role("button", name="Bayarkan arisan").click()
    expect(page.locator(".msg")).to_contain_text("Arisan dibayarkan")
    page.get_by_role("link", name="Periksa undian").click()
    expect(page.locator("#hasil")).to_contain_text("Semua undian cocok")
    fits_the_phone(page)

    page.goto(f"{live_server.url}/dana/{fund.pk}/")
    page.get_by_role("link", name="Buku kas").click()
    expect(page.locator("main")).to_contain_text("Saldo akhir")
    expect(page.locator("main")).to_contain_text("Bendahara A")
    fits_the_phone(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click(modifiers=["Alt"])
    assert download.value.suggested_filename.endswith(".pdf")
