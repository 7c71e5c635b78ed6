"""Steps every browser test takes on the phone."""

import pytest
from playwright.sync_api import Page, expect

from tests.base import PASSWORD
from tests.browser.conftest import PHONE_WIDTH

# Every browser test module: ``pytestmark = BROWSER_TEST`` (the live server needs committed
# data; ``problems`` fails a test on console errors and requests to other hosts).
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("problems"),
]


def sign_in(page: Page, live_server, user) -> None:
    login = f"{live_server.url}/accounts/login/"
    if not page.url.startswith(login):
        page.goto(login)
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def sign_out(page: Page) -> None:
    page.click("header .logout button")


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways ({width}px)"


def open_app(page: Page, live_server) -> None:
    """The offline app after its first sync, with no sync left running."""
    page.goto(f"{live_server.url}/luring/")
    expect(page.locator("#sync-state")).to_contain_text("Sinkron terakhir")
    expect(page.locator("body[data-sync=idle]")).to_have_count(1)  # no sync cut by going offline
    page.evaluate("navigator.serviceWorker.ready")


def go_offline(page: Page) -> None:
    """Cut the signal and wait until the page knows it, so no request starts on the way down."""
    page.context.set_offline(True)
    page.wait_for_function("() => !navigator.onLine")


def forget_dropped_requests(problems: list[str]) -> None:
    """A sync cut by the dropped signal, or by the page closing at the test's end, is logged
    by the browser as a failed load: expected for the offline app, so taken off the list."""
    problems[:] = [
        p for p in problems if not ("net::ERR_" in p and ("/luring/" in p or "/api/v1/sync" in p))
    ]
