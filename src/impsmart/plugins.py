"""What each app adds to the shared parts of the system, declared on its ``AppConfig``.

A domain app plugs in without editing a central list (only ``INSTALLED_APPS`` and the root
``urls.py`` name every app). Its ``AppConfig`` may declare, as class attributes:

- ``permissions``: ``{name: roles}``, the role permissions the app introduces;
- ``menu``: ``MenuEntry`` items for the navigation of every page;
- ``home_blocks``: ``HomeBlock`` items for the home page;
- ``demo_steps``: ``DemoStep`` items for ``impsmart demo``;
- ``api_routers``: ``{prefix: "dotted.path.router"}``, mounted under ``/api/v1/``.

Functions and routers are named by dotted path and imported on first use, so ``apps.py``
imports no models. Contributions are collected in ``INSTALLED_APPS`` order; menu entries,
home blocks and demo steps are then sorted by their ``order`` key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from django.apps import apps
from django.core import checks
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.utils.html import format_html_join
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from impsmart import links


@dataclass(frozen=True)
class Audience:
    """Who sees a contribution: holders of ``permission`` (if any) with a role in ``roles``."""

    permission: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)

    def shown_to(self, user: Any) -> bool:
        if self.permission and not user.may(self.permission):
            return False
        return not self.roles or user.role in self.roles


@dataclass(frozen=True)
class MenuEntry:
    order: int
    label: str
    url_name: str
    audience: Audience = Audience()

    @property
    def url(self) -> str:
        """Reversed once per process: every page's menu reversed each entry (a fifth of a
        page's base layout)."""
        return links.fixed(self.url_name)


@dataclass(frozen=True)
class HomeBlock:
    """A section of the home page: ``template`` rendered with ``context(user)``."""

    order: int
    template: str
    context: str = ""  # dotted path of a function user -> dict
    audience: Audience = Audience()
    head: str = ""  # a template for the page's <head> (its stylesheet)
    # Blocks without a form or per-request state may be kept rendered, per user, language
    # and day: ``cached`` until any write (``audit.data_version``); ``reads`` (model labels:
    # every model the block queries, a test checks) until a write to one of those models.
    cached: bool = False
    reads: tuple[str, ...] = ()

    @property
    def kept(self) -> bool:
        return self.cached or bool(self.reads)

    def context_for(self, user: Any) -> dict:
        return import_string(self.context)(user) if self.context else {}


@dataclass(frozen=True)
class DemoStep:
    """One step of the demo generator; ``run(ctx)`` returns a short summary line."""

    order: int
    label: str
    run: str  # dotted path of a function DemoContext -> str

    @property
    def function(self) -> Callable[[Any], str]:
        return import_string(self.run)


def _declared(attribute: str) -> list[tuple[str, Any]]:
    """(app label, item) for every item the installed apps declare under ``attribute``."""
    found = []
    for config in apps.get_app_configs():
        items = getattr(config, attribute, ())
        found += [(config.label, item) for item in items]
    return found


@cache
def permissions() -> dict[str, frozenset[str]]:
    """Every permission with the roles that hold it."""
    return {
        name: frozenset(config.permissions[name])
        for config in apps.get_app_configs()
        for name in getattr(config, "permissions", {})
    }


@cache
def menu() -> tuple[MenuEntry, ...]:
    return tuple(sorted((e for _label, e in _declared("menu")), key=lambda e: e.order))


@cache
def home_blocks() -> tuple[HomeBlock, ...]:
    return tuple(sorted((b for _label, b in _declared("home_blocks")), key=lambda b: b.order))


@cache
def demo_steps() -> tuple[DemoStep, ...]:
    return tuple(sorted((s for _label, s in _declared("demo_steps")), key=lambda s: s.order))


def api_routers() -> list[tuple[str, str]]:
    """(prefix, dotted path of the router) of every app's API router."""
    return [
        (prefix, path)
        for config in apps.get_app_configs()
        for prefix, path in getattr(config, "api_routers", {}).items()
    ]


def menu_for(user: Any) -> list[MenuEntry]:
    return [entry for entry in menu() if entry.audience.shown_to(user)]


def menu_html(user: Any) -> SafeString:
    """The user's navigation links as HTML: rendered once per set of entries, language and
    address prefix (every page's layout translated and escaped each label)."""
    shown = tuple(i for i, entry in enumerate(menu()) if entry.audience.shown_to(user))
    return _menu_html(shown, get_language(), get_script_prefix())


@lru_cache(maxsize=256)
def _menu_html(shown: tuple[int, ...], _language: str, _prefix: str) -> SafeString:
    """``shown``: the entries' places in ``menu()`` (a lazy label hashes by translating)."""
    entries = [menu()[i] for i in shown]
    return format_html_join("\n", '<a href="{}">{}</a>', ((e.url, e.label) for e in entries))


def home_blocks_for(user: Any) -> list[HomeBlock]:
    return [block for block in home_blocks() if block.audience.shown_to(user)]


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    """Tests that install another app see its contributions."""
    if setting == "INSTALLED_APPS":
        for collected in (permissions, menu, home_blocks, demo_steps, _menu_html):
            collected.cache_clear()


@checks.register()
def contributions_are_consistent(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A permission is declared by one app; menus and home blocks name declared ones."""
    errors = []
    owners: dict[str, str] = {}
    for label, name in _declared("permissions"):
        if name in owners:
            errors.append(
                checks.Error(
                    f"permission {name!r} declared by both {owners[name]} and {label}",
                    id="plugins.E001",
                )
            )
        owners[name] = label
    for label, item in _declared("menu") + _declared("home_blocks"):
        if item.audience.permission and item.audience.permission not in owners:
            errors.append(
                checks.Error(
                    f"{label}: {item} names the undeclared permission {item.audience.permission!r}",
                    id="plugins.E002",
                )
            )
    return errors
