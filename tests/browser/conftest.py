"""Shared set-up of the browser tests: a cheap Android phone against the live server."""

import pytest
from playwright.sync_api import Page

PHONE_WIDTH = 360
PHONE_HEIGHT = 740


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": PHONE_WIDTH, "height": PHONE_HEIGHT},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        # The phone's language decides the first page's language (LocaleMiddleware).
        "locale": "id-ID",
        "permissions": ["geolocation"],
        "geolocation": {"latitude": -5.21, "longitude": 119.52},
    }


@pytest.fixture
def committed(transactional_db):
    """Builds a test world (a ``tests.base.World`` subclass) committed to the database.

    The live server reads from another thread, so the data must be committed. The world's
    users share one Argon2 hash, computed once per run (``tests.base.password_hash``).
    """

    def build(world_class):
        world = type(f"Browser{world_class.__name__}", (world_class,), {})
        world.setUpTestData()
        return world

    return build


@pytest.fixture
def world(committed, request):
    """The test module's ``WORLD`` (a ``tests.base.World`` subclass), committed."""
    return committed(request.module.WORLD)


@pytest.fixture
def problems(page: Page, live_server):
    """What went wrong in the browser: console errors, CSP violations, uncaught script errors
    and requests to other hosts (no CDN, no map tiles). A test that expects one removes it."""
    found: list[str] = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))"
    )
    page.on(
        "console",
        lambda m: found.append(f"{m.text} ({m.location['url']})") if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: found.append(f"uncaught: {error}"))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((live_server.url, "data:"))
            else found.append(f"off-site request: {r.url}")
        ),
    )
    yield found
    assert found == [], "the browser reported problems"
