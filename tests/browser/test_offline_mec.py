"""The eligibility screen on the phone gives the server engine's answer: every cell of the
MEC table (each condition alone, all methods), pairs of conditions, and the screen itself
offline."""

import itertools
import random

import pytest
from playwright.sync_api import Page, expect

from impsmart.counseling import mec
from tests.browser.phone import BROWSER_TEST, forget_dropped_requests, go_offline, open_app, sign_in
from tests.offline.world import OfflineWorld

pytestmark = BROWSER_TEST


@pytest.fixture(autouse=True)
def dropped_requests_are_expected(problems):
    yield
    forget_dropped_requests(problems)


WORLD = OfflineWorld
EVALUATE = """async (cases) => {
    const spec = await (await fetch('/luring/mec.json')).json();
    return cases.map((conditions) => window.impMec.clash(spec, conditions)
        ? null : window.impMec.evaluate(spec, conditions));
}"""


def server(conditions: list[str]) -> dict | None:
    try:
        return mec.evaluate({"conditions": conditions})["methods"]
    except mec.MecInputError:
        return None


def test_every_cell_and_pairs_combine_as_on_the_server(page: Page, live_server, world):
    sign_in(page, live_server, world.ppkbd_a)
    page.goto(f"{live_server.url}/luring/")
    ids = sorted(mec.load_table())
    pairs = random.Random(16).sample(list(itertools.combinations(ids, 2)), 1500)
    cases = [[cid] for cid in ids] + [list(pair) for pair in pairs]
    phone = page.evaluate(EVALUATE, cases)
    cells = sum(len(mec.load_table()[cid]) for cid in ids)
    assert cells == 1480  # every (condition, method) cell of mec_table.csv is in a single case
    differ = [(c, p, server(c)) for c, p in zip(cases, phone, strict=True) if p != server(c)]
    assert differ == []


def test_the_counselling_screen_offline_shows_the_server_result(page: Page, live_server, world):
    sign_in(page, live_server, world.ppkbd_a)
    open_app(page, live_server)
    go_offline(page)
    page.reload()
    page.evaluate(f"location.hash = '#/form/counseling/{world.wife_a.pk}'")
    conditions = ["age_40_45", "smoking_35plus_lt15"]
    for cid in conditions:
        page.locator(f"[name=conditions][value='{cid}']").check()
    expected = server(conditions)
    for method, category in expected.items():
        cell = page.locator(f"#mec-result tr[data-method={method}] td")
        expect(cell).to_contain_text(category)
    page.context.set_offline(False)
