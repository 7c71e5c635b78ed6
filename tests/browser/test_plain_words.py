"""Every role's pages speak the user's words and pass axe-core (issue 10).

Each role signs in, walks its menu and its main pages (a cadre on a 360 px phone, the admin
on a 1366 px laptop) and on each page checks that no engine word shows (form row codes, WHO
MEC type codes, ``None``, region codes outside ``<small>``/``.code``, English button words)
and that axe-core finds no serious or critical accessibility violation.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from impsmart.accounts.audit import acting_as
from impsmart.counseling import actions as counseling
from impsmart.reports import actions as reports
from tests.base import KECAMATAN_A
from tests.browser.phone import BROWSER_TEST, sign_in, sign_out
from tests.counseling.world import CounselingWorld
from tests.reports import ReportWorld

pytestmark = BROWSER_TEST

AXE = next((Path(__file__).parent / "vendor").glob("axe-core-*.min.js"))
AXE_URL = "/static/__tests__/axe-core.min.js"  # served by the test itself: CSP 'self' holds
TOKENS = ["pa_", "pb_", "CU_IUD", "LNG_IUD", "bf_lt", "__init", "status_unknown", "_total", "pct_"]
WORDS = re.compile(
    r"\b(None|Submit|Delete|Edit|Save|Search|Next|Previous|Cancel|Back|Download|Upload)\b"
)
REGION_CODE = re.compile(r"\b73\.06(\.\d+)*\b")
LAPTOP = {"width": 1366, "height": 768}
JUNE = dt.date(2026, 6, 1)

# Visible text of the page: all of it, and the part outside <small>/.code (where a region
# code may stand second, after the name). Options of a closed <select> count as visible.
VISIBLE_TEXT = """() => {
  const all = [], plain = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
    if (!text || el.closest('script, style, template')) continue;
    if (!el.checkVisibility() && !el.closest('select')) continue;
    all.push(text);
    if (!el.closest('small, .code')) plain.push(text);
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
    for (const name of ['placeholder', 'aria-label', 'title']) {
      const value = el.getAttribute(name);
      if (value) { all.push(value); plain.push(value); }
    }
  }
  return {all: all.join('\\n'), plain: plain.join('\\n')};
}"""
# Controls smaller than 44×44 px (links inside sentences are exempt, WCAG 2.5.5).
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, a.button, select, input:not([type=hidden], [type=checkbox], [type=radio]),'
    + ' nav.menu a, ul.plain li > a, .crumbs a, summary')]
  .filter(el => el.checkVisibility())
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.height < 43.5 || box.width < 43.5)
  .map(([el, box]) => `target ${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}"`
    + ` is ${Math.round(box.width)}×${Math.round(box.height)} px`)"""
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    resultTypes: ['violations'], rules: {'target-size': {enabled: true}}});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target).join(' | ')}`);
}"""


class PlainWordsWorld(ReportWorld, CounselingWorld):
    """June 2026 in desa A (every PUS status), the Puskesmas, a report, KIE and a referral."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actor = cls.ppkbd_a
        with acting_as(actor):
            cls.report = reports.refresh_draft(
                actor=actor, form="REKAP_PUS", region_code=cls.desa_a.code, month=JUNE
            )
            cls.kie = counseling.create_kie_session(
                actor=actor,
                region_code=cls.dusun_a1.code,
                date=dt.date(2026, 11, 2),
                place="Posyandu Bontoa",
                topics=["kb_mkjp"],
                presenter_kind="kader",
                presenter_name="Ibu Rahma",
                audience_20_49_p=12,
            )
            cls.referral = counseling.create_referral(
                actor=actor,
                member=cls.w_ias,
                facility=cls.puskesmas_a,
                reason="Ingin implan",
                sent_on=dt.date(2026, 11, 10),
                method_wanted="IMPLAN",
            )


WORLD = PlainWordsWorld


def _pages(world) -> dict:
    """The main pages beyond the menu, by role (paths; the menu links are added)."""
    desa, dusun, family = world.desa_a.code, world.dusun_a1.code, world.w_first.family_id
    field = [
        "/keluarga/",
        f"/keluarga/{family}/",
        f"/register/{desa}/?tahun=2026",
        f"/laporan/{world.report.pk}/",
        "/laporan/?bulan=2026-06",
        f"/konseling/kie/{world.kie.pk}/",
        f"/keluarga/kualitas/{desa}/",
        "/impor/",
    ]
    wife, family_ias = world.w_ias.pk, world.w_ias.family_id
    forms = [
        "/keluarga/tambah/",
        f"/keluarga/{family_ias}/ks/",
        f"/keluarga/anggota/{wife}/ubah/",
        f"/keluarga/anggota/{wife}/mulai/",
        f"/keluarga/anggota/{wife}/keinginan/",
        "/konseling/kie/tambah/",
    ]
    return {
        world.ppkbd_a: [*field, *forms],
        world.sub_ppkbd_a: ["/keluarga/", f"/keluarga/{family}/", f"/register/{dusun}/"],
        world.pkb: [*field, "/konseling/faskes/", f"/peta/{desa}/"],
        world.koordinator_a: [
            *field,
            f"/wilayah/{KECAMATAN_A}/",
            f"/peta/{KECAMATAN_A}/",
            f"/laporan/kelengkapan/{KECAMATAN_A}/",
            f"/konseling/faskes/{world.puskesmas_a.pk}/",
            "/konseling/faskes/tambah/",
        ],
        world.mitra_a: ["/konseling/rujukan/"],
        world.pimpinan: [
            f"/laporan/{world.report.pk}/",
            "/peta/73.06/",
            "/laporan/ketepatan/73.06/",
            "/wilayah/73.06/",
        ],
        world.admin: [
            *field,
            f"/laporan/{world.report.pk}/telusur/pus/",
            "/peta/73.06/",
            f"/accounts/pengguna/{world.ppkbd_a.pk}/",
            "/accounts/pengguna/baru/",
        ],
    }


def _problems(page: Page) -> list[str]:
    found = []
    text = page.evaluate(VISIBLE_TEXT)
    found += [f"shows {t!r}" for t in TOKENS if t in text["all"]]
    found += [f"shows {m.group(0)!r}" for m in WORDS.finditer(text["all"])]
    found += [f"shows region code {m.group(0)!r}" for m in REGION_CODE.finditer(text["plain"])]
    found += page.evaluate(SMALL_TARGETS)
    page.add_script_tag(url=AXE_URL)
    found += page.evaluate(AXE_RUN)
    return found


def _focus_shows(page: Page) -> bool:
    """The first control a keyboard reaches is drawn with a focus ring."""
    page.keyboard.press("Tab")
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def _walk(page: Page, base: str, user, extra: list[str]) -> list[str]:
    menu = page.locator("nav.menu a").evaluate_all("links => links.map(a => a.pathname)")
    found = [] if _focus_shows(page) else [f"{user}: no visible keyboard focus"]
    for path in dict.fromkeys([*menu, *extra]):
        response = page.goto(base + path)
        if response.status != 200:
            found.append(f"{user}: {path} answered {response.status}")
            continue
        found += [f"{user}: {path} {p}" for p in dict.fromkeys(_problems(page))]
    return found


@pytest.fixture(scope="module")
def browser_context_args(browser_context_args):
    """No service worker (the offline app's would fetch axe past the test's route)."""
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture
def axe(page: Page, live_server):
    page.route(f"{live_server.url}{AXE_URL}", lambda r: r.fulfill(path=AXE))


@pytest.mark.usefixtures("axe")
def test_every_role_reads_names_and_passes_axe(page: Page, live_server, world):
    page.goto(f"{live_server.url}/accounts/login/")
    found = [f"login: {p}" for p in _problems(page)]
    for user, extra in _pages(world).items():
        if user == world.admin:
            page.set_viewport_size(LAPTOP)
        sign_in(page, live_server, user)
        found += _walk(page, live_server.url, user, extra)
        sign_out(page)
    assert found == [], "\n".join(found)
