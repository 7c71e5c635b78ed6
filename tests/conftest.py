"""Test-wide wiring: Debian's Chromium for Playwright, and the route scope-coverage check."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import TransactionTestCase
from django.urls import URLPattern, URLResolver, get_resolver

from impsmart import compiled

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The suite's "today" (impsmart.dates), whatever the machine's clock says; subprocesses inherit it.
TODAY = "2026-11-18"
os.environ["IMPSMART_TODAY"] = TODAY
settings.IMPSMART_TODAY = TODAY  # pytest-django configured the settings before this file ran

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}

# Routes that are public by design (no data behind them).
PUBLIC_ROUTES = {
    "accounts:login",
    "accounts:logout",
    "set_language",
    "api:openapi-json",
    "api:openapi-view",
    "api:issue_token",
    "api:api-root",
    "certificate_verify",  # reveals only name, event and date (tests/training)
    "offline:manifest",  # the installable app's name and icons (tests/offline)
    "offline:sw",  # the service worker script: file names only
    "offline:mec",  # the published WHO MEC table
}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Kept home blocks are keyed by the data version, which a rolled-back test can reuse;
    compiled queries by user ids, which another test's world reuses."""
    cache.clear()
    compiled.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


def runs_here(item: pytest.Item) -> bool:
    """On SQLite: all but PostgreSQL's own checks. On PostgreSQL: what touches the database
    and is not about SQLite itself (the rest already ran on SQLite)."""
    if connection.vendor == "sqlite":
        return item.get_closest_marker("postgresql_only") is None
    once = ("sqlite_only", "layout_only")
    return uses_database(item) and not any(item.get_closest_marker(m) for m in once)


def uses_database(item: pytest.Item) -> bool:
    if item.cls is not None and issubclass(item.cls, TransactionTestCase):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """Each database runs what concerns it (``runs_here``); the rest is deselected."""
    skipped = [item for item in items if not runs_here(item)]
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = [item for item in items if runs_here(item)]


def all_route_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= all_route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def pytest_sessionfinish(session, exitstatus):
    """Fail a full run when a route has no scope test (ZU's 'untested patterns' check)."""
    full_run = (
        not session.config.option.keyword
        and all(a.rstrip("/") == "tests" for a in session.config.args)
        and session.testscollected > 0
    )
    if not full_run or exitstatus != 0:
        return
    from tests.base import CHECKED_ROUTES

    missing = sorted(all_route_names() - CHECKED_ROUTES - PUBLIC_ROUTES)
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line(
            f"FAILED scope coverage: routes without a scope test: {missing}", red=True
        )
        session.exitstatus = 1
