"""Many cadres writing at once on SQLite: no server error, no lost write, no duplicated row.

`impsmart serve` (gunicorn, its real workers and threads) runs on a throwaway demo database in
a file on 127.0.0.1; 20 client threads post register forms through HTTP for 15 s, pairs of
threads posting the same events (two tabs) and each thread repeating some at once (double
tap). Skipped on PostgreSQL: this is about SQLite's single write lock; the double-submit
rules themselves are tested on both databases (tests/*/test_double_submit.py).
"""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import TODAY

# SQLite's write lock only: runs with the SQLite suite (it serves its own SQLite file).
pytestmark = pytest.mark.sqlite_only
PASSWORD = "uji-beban-2026"
USER = "admin.parepare"
CLIENTS = 20
SECONDS = 15
# Tables with a natural key per event, and that key.
KEYS = {
    "families_intentionrecord": "member_id, recorded_on",
    "families_contraceptiveepisode": "member_id, start_date",
    "families_pregnancy": "member_id, start_date",
    "counseling_kiesession": "region_code, date, place, presenter_name",
    "counseling_counseling": "member_id, date, counselor_id",
    "counseling_referral": "member_id, facility_id, sent_on",
    "counseling_visit": "member_id, kind, date, outcome",
}


class _Keep(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer


class Client:
    """A browser session: cookies, the CSRF token, no redirects followed."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _Keep
        )

    def request(self, path: str, body: bytes | None = None, headers=None) -> tuple[int, str, str]:
        request = urllib.request.Request(self.base + path, body, headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), ""
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode(), answer.headers.get("Location", "")

    def post(self, path: str, data: dict) -> tuple[int, str, str]:
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        form = {**data, "csrfmiddlewaretoken": token}
        return self.request(path, urllib.parse.urlencode(form, doseq=True).encode())

    def login(self) -> None:
        self.request("/accounts/login/")
        status, _body, _location = self.post(
            "/accounts/login/", {"username": USER, "password": PASSWORD}
        )
        assert status == 302, "login failed"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A small demo of Kota Parepare (a tenth of Gowa's regions) in a database file (WAL)."""
    folder = tmp_path_factory.mktemp("beban")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "impsmart.cli",
            "demo",
            "--no-serve",
            "--kabupaten",
            "73.72",
            "--families",
            "40",
        ]
        + ["--password", PASSWORD],
        env=_env(folder),
        check=True,
        capture_output=True,
    )
    return folder


def _env(folder: Path, **extra: str) -> dict:
    return {
        **os.environ,
        "IMPSMART_HOME": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        **extra,
    }


@pytest.fixture
def serve(home):
    """Start `impsmart serve` on the demo database; answers its base URL."""
    started = []

    def start(**extra: str) -> str:
        port = _free_port()
        log = (home / f"serve-{port}.log").open("w")
        command = [sys.executable, "-m", "impsmart.cli", "serve", "--port", str(port)]
        started.append(subprocess.Popen(command, env=_env(home, **extra), stdout=log, stderr=log))
        for _attempt in range(300):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return f"http://127.0.0.1:{port}"
            time.sleep(0.1)
        raise AssertionError((home / f"serve-{port}.log").read_text())

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=30)


def _query(home: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(home / "db.sqlite3") as db:
        return db.execute(sql).fetchall()


def _women(home: Path) -> list[int]:
    return [
        pk
        for (pk,) in _query(
            home,
            # PUS today: married, her husband linked, aged 16–48 (well inside 15–49).
            "SELECT id FROM families_member WHERE sex = 'P' AND marital_status = 'kawin' "
            "AND left_on IS NULL AND spouse_id IS NOT NULL "
            f"AND birth_date > date('{TODAY}', '-48 years') "
            f"AND birth_date < date('{TODAY}', '-16 years') ORDER BY id",
        )
    ]


def _event(women: list[int], desa: list[str], pair: int, n: int) -> tuple[str, dict, tuple]:
    """The n-th write of a pair of clients: (path, form, key as stored)."""
    day = date.fromisoformat(TODAY) - timedelta(days=n)
    if n % 3 == 2:
        place = f"Balai uji {pair}"
        form = {
            "date": day.isoformat(),
            "region_code": desa[pair % len(desa)],
            "place": place,
            "topics": ["kb_mkjp"],
            "presenter_kind": "kader",
            "presenter_name": "Kader Uji",
            "leaders_active": "1",
            **{
                f"audience_{group}_{sex}": "2"
                for group in ("lt20", "20_49", "50plus")
                for sex in "lp"
            },
        }
        key = ("kie", desa[pair % len(desa)], day.isoformat(), place)
        return "/konseling/kie/tambah/", form, key
    mine = women[pair :: CLIENTS // 2]
    member = mine[n % len(mine)]
    form = {"intention": ("IAS", "IAT", "TIAL")[n % 3], "recorded_on": day.isoformat()}
    key = ("intention", member, day.isoformat(), form["intention"])
    return f"/keluarga/anggota/{member}/keinginan/", form, key


def test_twenty_clients_for_fifteen_seconds_lose_nothing_and_store_nothing_twice(home, serve):
    base = serve()
    women = _women(home)
    desa = [
        code for (code,) in _query(home, "SELECT code FROM regions_region WHERE level = 'desa'")
    ]
    statuses: Counter = Counter()
    stored: set = set()
    refused: list = []
    lock = threading.Lock()

    def client(number: int) -> None:
        browser = Client(base)
        browser.login()
        deadline = time.monotonic() + SECONDS
        n = 0
        while time.monotonic() < deadline:
            path, form, key = _event(women, desa, number // 2, n)
            for _attempt in range(2 if n % 4 == 0 else 1):  # a double tap now and then
                status, body, _location = browser.post(path, form)
                with lock:
                    statuses[status] += 1
                    if status == 302:
                        stored.add(key)
                    else:
                        refused.append(
                            (status, path, form, re.findall(r"errorlist[^>]*>(.*?)</", body))
                        )
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert set(statuses) == {302}, (statuses, refused[:5])
    assert sum(statuses.values()) > 2 * CLIENTS, "too few writes to prove anything"
    intentions = set(
        _query(
            home,
            "SELECT 'intention', member_id, recorded_on, intention FROM families_intentionrecord",
        )
    )
    sessions = set(
        _query(
            home,
            "SELECT 'kie', region_code, date, place FROM counseling_kiesession "
            "WHERE presenter_name = 'Kader Uji'",
        )
    )
    assert stored - intentions - sessions == set(), "writes answered as stored are missing"
    for table, key in KEYS.items():
        twice = f"SELECT {key} FROM {table} GROUP BY {key} HAVING COUNT(*) > 1"
        assert _query(home, twice) == [], f"duplicated rows in {table}"
    assert _query(home, "PRAGMA journal_mode") == [("wal",)]


def test_a_lock_held_past_the_timeout_answers_503_and_keeps_what_was_typed(home, serve):
    base = serve(IMPSMART_DB_TIMEOUT="0.5")
    browser = Client(base)
    browser.login()
    member = _women(home)[0]
    path = f"/keluarga/anggota/{member}/keinginan/"
    typed = {"intention": "TIAL", "recorded_on": "2026-09-29"}  # recent: no confirmation asked
    holder = sqlite3.connect(home / "db.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for longer than 0.5 s
    try:
        status, page, _location = browser.post(path, typed)
        assert status == 503
        assert "Sistem sedang sibuk, coba lagi" in page
        assert "Kirim lagi" in page
        api_status, api_body, _location = browser.request(
            "/api/v1/auth/token",
            f'{{"username": "{USER}", "password": "{PASSWORD}"}}'.encode(),
            {"Content-Type": "application/json"},
        )
        assert api_status == 503 and '"detail": "Sistem sedang sibuk' in api_body
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    again = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    assert {k: again[k] for k in typed} == typed and again["csrfmiddlewaretoken"]
    action = re.search(r'<form method="post" action="([^"]+)"', page).group(1)
    status, _body, location = browser.request(action, urllib.parse.urlencode(again).encode())
    assert (status, location) == (302, f"/keluarga/{_family(home, member)}/")
    stored = (
        "SELECT intention FROM families_intentionrecord WHERE member_id = {} AND recorded_on = '{}'"
    )
    assert _query(home, stored.format(member, typed["recorded_on"])) == [("TIAL",)]


def _family(home: Path, member: int) -> int:
    return _query(home, f"SELECT family_id FROM families_member WHERE id = {member}")[0][0]
