"""A cadre's phone (360 px) without a signal: she syncs once, records ten events offline,
closes the app, reopens it, and the signal comes back; the server holds exactly those ten.
Two phones changing one woman's method offline meet a visible conflict."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from impsmart.counseling.models import Visit
from impsmart.families import status
from impsmart.families.models import Member
from impsmart.offline.models import SyncEntry
from impsmart.reports.engine import compute
from tests.browser.phone import (
    BROWSER_TEST,
    fits_the_phone,
    forget_dropped_requests,
    go_offline,
    open_app,
    sign_in,
)
from tests.offline.test_sync_api import counts
from tests.offline.world import OfflineWorld

pytestmark = BROWSER_TEST


@pytest.fixture(autouse=True)
def dropped_requests_are_expected(problems):
    yield
    forget_dropped_requests(problems)


WORLD = OfflineWorld


def record(page: Page, route: str, fields: dict) -> None:
    """Open a form of the offline app, fill it and keep it in the outbox."""
    page.evaluate(f"location.hash = '#/form/{route}'")
    form = page.locator("form.offline-form")
    for name, value in fields.items():
        control = form.locator(f"[name={name}]")
        if isinstance(value, list):
            for v in value:
                form.locator(f"[name={name}][value='{v}']").check()
        elif control.first.evaluate("e => e.tagName") == "SELECT":
            control.select_option(str(value))
        else:
            control.fill(str(value))
    fits_the_phone(page)
    form.get_by_role("button", name="Simpan di ponsel").click()
    expect(form).to_have_count(0)


def ten_events(page: Page, world) -> None:
    wife, group, fund = world.wife_a.pk, world.bkb.pk, world.fund.pk
    record(page, f"visit/{wife}", {"kind": "resupply", "outcome": "dilayani", "date": "2026-11-10"})
    record(page, f"kb_stop/{wife}", {"end_date": "2026-11-10", "reason": "ingin_hamil"})
    record(page, f"intention/{wife}", {"intention": "IAS", "recorded_on": "2026-11-10"})
    record(page, f"pregnancy/{wife}", {"start_date": "2026-11-12"})
    record(page, f"counseling/{wife}", {"date": "2026-11-12", "conditions": ["pregnant"]})
    record(page, f"referral/{wife}", {"facility": world.puskesmas.pk, "reason": "Periksa hamil",
                                      "sent_on": "2026-11-12"})  # fmt: skip
    record(page, "kie", {"region_code": world.desa_a.code, "date": "2026-11-13",
                         "place": "Posyandu", "presenter_name": "Ibu Kader",
                         "topics": ["kb_mkjp"]})  # fmt: skip
    record(page, "meeting_attendance", {"meeting": world.meeting.pk, "name": "Ibu Sari"})
    record(page, "poktan_session", {"group": group, "date": "2026-11-14", "topic": "bkb_gizi",
                                    "presenter_name": "Ibu Kader",
                                    "attendees": [world.membership.pk]})  # fmt: skip
    record(page, "iuran", {"fund": fund, "month": "2026-11", "date": "2026-11-14",
                           "paid": [world.fund_member.pk]})  # fmt: skip


def rekap(world) -> dict[str, float]:
    """The desa's monthly report (REKAP_PUS) for November, computed from the registers."""
    report = compute("REKAP_PUS", world.desa_a.code, dt.date(2026, 11, 30))
    return {row["code"]: row["value"] for row in report["rows"]}


def test_ten_events_recorded_offline_reach_the_server_once(page: Page, live_server, world):
    before, report = counts(), rekap(world)
    sign_in(page, live_server, world.ppkbd_a)
    open_app(page, live_server)
    fits_the_phone(page)
    go_offline(page)
    ten_events(page, world)
    expect(page.locator("#outbox-count")).to_have_text("10 menunggu dikirim")
    kept = page.evaluate("impStore.get('outbox:ppkbd_a')")

    page.close()  # she closes the app; it opens again from the phone, still without signal
    page = page.context.new_page()
    response = page.goto(f"{live_server.url}/luring/")
    assert response.from_service_worker
    expect(page.locator("#outbox-count")).to_have_text("10 menunggu dikirim")
    page.goto(f"{live_server.url}/luring/#/keluarga/{world.family_a.pk}")
    expect(page.locator(".woman").first).to_contain_text("hamil sejak 2026-11-12")

    page.context.set_offline(False)
    page.get_by_role("button", name="Sinkronkan sekarang").click()
    expect(page.locator("#outbox-count")).to_have_text("Semua catatan sudah terkirim")
    after = counts()
    changed = {k: after[k] - before[k] for k in after if after[k] != before[k]}
    # a pregnancy ends no episode here (she stopped first); iuran is a charge and a payment
    assert changed == {"Visit": 1, "IntentionRecord": 1, "Pregnancy": 1, "Counseling": 1,
                       "Referral": 1, "KieSession": 1, "Attendance": 1, "Session": 1,
                       "LedgerEntry": 2}, changed  # fmt: skip
    assert SyncEntry.objects.filter(user=world.ppkbd_a).count() == 10
    wife = status.with_status(Member.objects.filter(pk=world.wife_a.pk), dt.date(2026, 11, 30))
    assert wife.get().status == "H"  # the register's month status: pregnant
    now = rekap(world)  # the report: she left the pill users for the pregnant women
    assert (now["hamil"], now["pa_pil"]) == (report["hamil"] + 1, report["pa_pil"] - 1), now

    replay = page.evaluate(
        """async (entries) => {
            const token = (await (await fetch('/luring/csrf.json')).json()).token;
            const response = await fetch('/api/v1/sync', {method: 'POST',
              headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
              body: JSON.stringify({entries: entries.map(
                ({client_id, kind, payload}) => ({client_id, kind, payload}))})});
            return (await response.json()).results.map(r => r.status);
        }""",
        kept,
    )
    assert replay == ["duplicate"] * 10
    assert counts() == after


def test_two_phones_changing_one_woman_offline_see_a_conflict(page: Page, live_server, world):
    other = page.context.browser.new_context(**_phone(page))
    phone_b = other.new_page()
    for phone, user in ((page, world.ppkbd_a), (phone_b, world.sub_ppkbd_a)):
        sign_in(phone, live_server, user)
        open_app(phone, live_server)
        go_offline(phone)
    change = f"kb_change/{world.wife_a.pk}"
    record(page, change, {"method": "SUNTIK3", "switch_date": "2026-11-10"})
    record(phone_b, change, {"method": "IMPLAN", "switch_date": "2026-11-11"})
    # The first phone back in signal sends its change; the second then meets the conflict.
    page.context.set_offline(False)
    page.get_by_role("button", name="Sinkronkan sekarang").click()
    expect(page.locator("#outbox-count")).to_have_text("Semua catatan sudah terkirim")
    assert world.wife_a.episodes.get(end_date=None).method == "SUNTIK3"
    phone_b.context.set_offline(False)
    phone_b.get_by_role("button", name="Sinkronkan sekarang").click()
    expect(phone_b.locator("#outbox-count")).to_contain_text("1 perlu diperiksa")
    phone_b.evaluate("location.hash = '#/kotak'")
    expect(phone_b.locator(".entry.conflict")).to_contain_text("sudah berubah di server")
    expect(phone_b.locator(".entry.conflict")).to_contain_text("memakai SUNTIK3 sejak 2026-11-10")
    fits_the_phone(phone_b)
    assert world.wife_a.episodes.get(end_date=None).method == "SUNTIK3"
    other.close()


def _phone(page: Page) -> dict:
    size = page.viewport_size
    return {"viewport": size, "is_mobile": True, "has_touch": True, "locale": "id-ID",
            "device_scale_factor": 2}  # fmt: skip


def test_page_forms_without_a_signal_keep_what_she_typed(page: Page, live_server, world):
    """An ordinary form and "Tandai dikunjungi" on a phone that lost its signal: nothing sent,
    what she typed stays with an Indonesian message, the visit waits in the outbox."""
    sign_in(page, live_server, world.ppkbd_a)
    open_app(page, live_server)  # the worker is installed
    wife = world.wife_teen.pk  # no method: wanting to delay makes her an unmet need to visit
    before = counts()
    page.goto(f"{live_server.url}/keluarga/anggota/{wife}/keinginan/")
    form = page.locator("main form.card")
    wish = form.get_by_label("Ingin anak ditunda (IAT)")
    wish.check()
    form.locator("[name=recorded_on]").fill("2026-11-10")
    go_offline(page)
    form.get_by_role("button", name="Simpan").click()
    note = form.locator(".offline-note")
    expect(note).to_contain_text("Tidak ada sinyal: belum terkirim. Isian Anda tetap di sini")
    expect(wish).to_be_checked()
    expect(form.locator("[name=recorded_on]")).to_have_value("2026-11-10")
    offered = note.get_by_role("link").get_attribute("href")
    assert offered.startswith(f"/luring/#/form/intention/{wife}?") and "intention=IAT" in offered
    fits_the_phone(page)
    # The signal drops with the form on its way (the page still thinks it is online): the
    # worker answers that it was not sent, and Back brings the form back as she typed it.
    page.evaluate("Object.defineProperty(navigator, 'onLine', {get: () => true})")
    form.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", name="Belum terkirim")).to_be_visible()
    page.get_by_role("button", name="Kembali ke isian").click()
    expect(note).to_contain_text("belum terkirim")
    expect(wish).to_be_checked()
    expect(form.locator("[name=recorded_on]")).to_have_value("2026-11-10")
    assert counts() == before

    page.context.set_offline(False)
    page.wait_for_function("() => navigator.onLine")
    form.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{live_server.url}/keluarga/{world.family_teen.pk}/")
    assert counts()["IntentionRecord"] == before["IntentionRecord"] + 1

    page.goto(f"{live_server.url}/konseling/kunjungan/")
    item = page.locator(f"#visit-unmet-{wife}")
    item.get_by_text("Tandai dikunjungi").click()
    item.locator("[name=note]").fill("Rumah kosong, tetangga menitip pesan")
    go_offline(page)
    item.get_by_role("button", name="Simpan kunjungan").click()
    expect(item.locator(".offline-note")).to_contain_text("disimpan di ponsel")
    fits_the_phone(page)
    assert counts()["Visit"] == before["Visit"]
    page.context.set_offline(False)
    open_app(page, live_server)  # her next sync sends it
    expect(page.locator("#outbox-count")).to_have_text("Semua catatan sudah terkirim")
    assert counts()["Visit"] == before["Visit"] + 1
    assert Visit.objects.get(member=wife).note == "Rumah kosong, tetangga menitip pesan"
    page.goto(f"{live_server.url}{offered}")  # the offered offline form holds her values
    expect(page.locator("form.offline-form [name=intention]")).to_have_value("IAT")
    expect(page.locator("form.offline-form [name=recorded_on]")).to_have_value("2026-11-10")
