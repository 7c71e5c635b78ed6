"""Month-end rush: N cadres at once against the production server, and no write lost.

``impsmart serve`` (gunicorn, its own worker and thread counts) serves the bench database on
127.0.0.1 at a free port. ``ctx.load_clients`` cadres (default 50; the demo's sub-PPKBD, then
PPKBD accounts, each in her own region) log in and loop without pause for
``ctx.load_seconds`` (default 60, after ``WARM_SECONDS`` unmeasured): home, family list, one
of her families, the register of her region, and one write (an intention for one of her PUS
women, on a date no other loop of hers uses). Per page: requests, p50/p95/p99 of the time
the client waited; in all: requests/s and errors (any answer but the page, or 302 after a
write). Afterwards every write answered as stored must be in the database exactly once
(``write_check``); a lost or duplicated write fails the benchmark. Also the largest
worker's resident memory after the run, and the warm-up's requests/s and p95 per window
(printed, not measured: how the server warmed).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.runner import figure
from impsmart import dates
from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.families import codes
from impsmart.families.models import Family, IntentionRecord, Member

ORDER = 1  # after the other modules: its writes stay in the database
CLIENTS = 50
SECONDS = 60.0
# Unmeasured first (at most three quarters of the run): every worker has compiled its
# cadres' queries and kept their home blocks, as a server that has run for a while has. A
# cadre's first visit of her four pages on a worker costs about 200 ms more than the next
# (70 of them compiling her queries): 50 cadres on 3 workers, some 30 s of CPU. Counted
# from the start, the workers' CPU per request fell by 10-second window from 50 ms to
# 38, 25, 18, then stayed at 15-17 (SQLite): the first 15 s were not enough.
WARM_SECONDS = 45.0
PAGES = ("home", "families", "family", "register", "write")
SHARES = {"p50": 0.5, "p95": 0.95, "p99": 0.99}
# This machine's speed can change by half within a minute: the run is also cut into windows
# of this many seconds (a shorter run: in halves), so that a miss can be told from a slow
# stretch of the machine.
WINDOW_SECONDS = 10.0
TARGET_P95_MS = 500.0
TARGET_RSS_MB = 250.0
WOMEN_PER_CADRE = 40
RECENT_DAYS = 28
INTENTIONS = (codes.Intention.IAS, codes.Intention.IAT, codes.Intention.TIAL)
# A write's key as stored: (member id, date, intention).
Key = tuple[int, dt.date, str]


@dataclass
class Cadre:
    username: str
    region_code: str
    families: list[int]
    women: list[int]


@dataclass
class Tally:
    """What the clients saw: times per page, errors, and the writes answered as stored."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    # (when it was answered, on the monotonic clock; how long it took) for every request
    answered: list[tuple[float, float]] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    stored: list[Key] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.times[page].append(seconds)
            self.answered.append((time.monotonic(), seconds))
            if not ok:
                self.errors[page] += 1


class Client:
    """A browser session: its cookies and the CSRF token; a redirect is the answer, not
    followed. HTTP/1.0 on a plain socket, the answer read to its end (the server closes
    the connection): ``urllib`` with a cookie jar cost 1.2 ms of this process's CPU a
    request, ``http.client`` 1.0 ms and this 0.5, taken from the two cores the server has
    (a cadre's phone takes none)."""

    def __init__(self, base: str):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        """(status, content); (0, the error) when the connection failed."""
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head = f"{'GET' if body is None else 'POST'} {path} HTTP/1.0\r\nCookie: {cookie}\r\n"
        if body is not None:
            head += (
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n"
            )
        chunks = []
        try:
            with socket.create_connection((self.host, self.port), timeout=60) as connection:
                connection.sendall(f"{head}Host: {self.host}\r\n\r\n".encode() + (body or b""))
                while chunk := connection.recv(65536):
                    chunks.append(chunk)
        except OSError as failed:
            return 0, str(failed).encode()
        header, _, content = b"".join(chunks).partition(b"\r\n\r\n")
        status, *lines = header.decode("latin-1").split("\r\n")
        version, _, rest = status.partition(" ")
        code = rest[:3]
        if not version.startswith("HTTP/") or not code.isdigit():  # no answer, or not HTTP
            return 0, header
        for line in lines:
            name, _, value = line.partition(":")
            if name.lower() == "set-cookie":
                key, _, rest = value.strip().partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return int(code), content

    def post(self, path: str, data: dict) -> tuple[int, bytes]:
        token = self.cookies["csrftoken"]
        form = {**data, "csrfmiddlewaretoken": token}
        return self.request(path, urllib.parse.urlencode(form, doseq=True).encode())

    def login(self, username: str, password: str) -> None:
        self.request("/accounts/login/")
        status, _body = self.post("/accounts/login/", {"username": username, "password": password})
        if status != 302:
            raise RuntimeError(f"bench_load: {username} cannot log in (HTTP {status})")


def pus_women(region_code: str, today: dt.date) -> list[int]:
    """Married women of her region aged 16–48 (well inside PUS), husband linked."""
    return list(
        Member.objects.filter(
            family__in=Family.objects.within(region_code).values("pk"),
            sex="P",
            marital_status=codes.Marital.MARRIED,
            left_on__isnull=True,
            spouse__isnull=False,
            birth_date__gt=dates.years_before(today, 48),
            birth_date__lt=dates.years_before(today, 16),
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:WOMEN_PER_CADRE]
    )


def cadres(count: int, today: dt.date) -> list[Cadre]:
    """``count`` cadre accounts in distinct regions, each with families and PUS women."""
    found = []
    for role in (Role.SUB_PPKBD, Role.PPKBD):
        for user in User.objects.filter(role=role, is_active=True).order_by("pk"):
            mine = Family.objects.within(user.region_code).order_by("pk")
            families = list(mine.values_list("pk", flat=True)[:20])
            women = pus_women(user.region_code, today)
            if families and women:
                found.append(Cadre(user.username, user.region_code, families, women))
            if len(found) == count:
                return found
    return found


def write_for(cadre: Cadre, n: int, today: dt.date) -> tuple[str, dict, Key]:
    """The n-th write of a cadre: a (woman, day) pair her other loops do not use."""
    rounds, index = divmod(n, len(cadre.women))
    member = cadre.women[index]
    # The last weeks, as at month end (an older date refreshes more stored months); past
    # RECENT_DAYS rounds a pair comes again and corrects the same row, still stored once.
    day = today - dt.timedelta(days=rounds % RECENT_DAYS)
    intention = INTENTIONS[n % len(INTENTIONS)]
    form = {"intention": intention, "recorded_on": day.isoformat()}
    return f"/keluarga/anggota/{member}/keinginan/", form, (member, day, str(intention))


def step(client: Client, cadre: Cadre, k: int, tally: Tally, today: dt.date) -> None:
    """Step ``k`` of a cadre's loop: her home, family list, a family, register, a write."""
    n, page = divmod(k, len(PAGES))
    if PAGES[page] == "write":
        path, form, key = write_for(cadre, n, today)
        started = time.perf_counter()
        status, _body = client.post(path, form)
        tally.add("write", time.perf_counter() - started, status == 302)
        if status == 302:
            with tally.lock:
                tally.stored.append(key)
        return
    family = cadre.families[n % len(cadre.families)]
    path = ("/", "/keluarga/", f"/keluarga/{family}/", f"/register/{cadre.region_code}/")[page]
    started = time.perf_counter()
    status, _body = client.request(path)
    tally.add(PAGES[page], time.perf_counter() - started, status == 200)


def loop(client: Client, cadre: Cadre, deadline: float, tally: Tally, k: int) -> int:
    """Steps from ``k`` until ``deadline``; the next step."""
    today = dates.today()
    while time.monotonic() < deadline:
        step(client, cadre, k, tally, today)
        k += 1
    return k


def warm_then_measure(
    client: Client, cadre: Cadre, start: int, ends: tuple[float, float], tallies: tuple
) -> None:
    """Unmeasured steps until ``ends[0]``, then measured ones until ``ends[1]``. Cadres
    start at different steps of the loop (``start``), as cadres at work are not in step:
    started together, every cadre would ask for the same page at the same time, round after
    round (the server answers in turn), and each page would wait behind fifty of its kind."""
    k = loop(client, cadre, ends[0], tallies[0], start)
    loop(client, cadre, ends[1], tallies[1], k)


def write_check(seen: list[Key], stored: list[Key]) -> dict[str, list[Key]]:
    """Writes answered as stored but absent (``lost``), or present more than once.

    ``seen`` is in the order answered. A (woman, day) pair written again, past
    ``RECENT_DAYS`` rounds of a cadre with few women, corrects the row it wrote before: the
    pair's last write is the one that must be there (a cadre writes one at a time, and her
    women are hers alone, so the last answered is the last written)."""
    counts = Counter((member, day) for member, day, _intention in stored)
    rows = set(stored)
    last = list({key[:2]: key for key in seen}.values())
    return {
        "lost": [key for key in last if key not in rows],
        "duplicated": [key for key in last if counts[key[:2]] > 1],
    }


def stored_rows(seen: list[Key]) -> list[Key]:
    members = {member for member, _day, _intention in seen}
    rows = IntentionRecord.objects.filter(member_id__in=members).values_list(
        "member_id", "recorded_on", "intention"
    )
    days = {(member, day) for member, day, _intention in seen}
    return [row for row in rows if row[:2] in days]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(workdir: Path) -> tuple[subprocess.Popen, str]:
    """`impsmart serve` on the bench database (the environment names it), on loopback."""
    port = _free_port()
    log = (workdir / "serve.log").open("w")
    command = [sys.executable, "-m", "impsmart.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=log, stderr=log)
    for _attempt in range(1200):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return server, f"http://127.0.0.1:{port}"
        if server.poll() is not None:
            break
        time.sleep(0.1)
    server.kill()
    raise RuntimeError((workdir / "serve.log").read_text()[-3000:])


def _workers(master: int) -> list[str]:
    return Path(f"/proc/{master}/task/{master}/children").read_text().split()


def workers_cpu_seconds(master: int) -> float:
    """CPU time (user + system) the gunicorn workers have used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in _workers(master):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / ticks


def workers_rss_mb(master: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    sizes = []
    for pid in _workers(master):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def windows(
    answered: list[tuple[float, float]], start: float, seconds: float, width: float = WINDOW_SECONDS
) -> list[tuple[float, float | None]]:
    """(requests/s, p95 in ms) of each whole ``width`` seconds of the run that began at
    ``start`` and lasted ``seconds``, from the requests answered in it; a window without an
    answer (a stalled server) is (0, None)."""
    count = int(seconds // width)
    found: list[list[float]] = [[] for _ in range(count)]
    for when, took in answered:
        index = int((when - start) // width)
        if 0 <= index < count:
            found[index].append(took)
    return [
        (len(times) / width, percentile(times, 0.95) * 1000 if times else None) for times in found
    ]


def figures(
    tally: Tally, run: tuple[float, float], check: dict, rss: list[float], cpu: tuple[float, float]
) -> list[dict]:
    """``run``: when the measured run began (monotonic clock) and its seconds; ``cpu``:
    seconds of CPU of the workers and of this process's clients in it."""
    start, seconds = run
    every = [t for times in tally.times.values() for t in times]
    results = [figure("load_requests_per_s", len(every) / seconds, "req/s")]
    width = min(WINDOW_SECONDS, seconds / 2)
    stretches = windows(tally.answered, start, seconds, width)
    p95s = [p95 for _rate, p95 in stretches if p95 is not None]
    if p95s:
        spread = "  ".join(f"{rate:.0f}/{p95 or 0:.0f}" for rate, p95 in stretches)
        print(f"  per {width:.0f} s (req/s / p95 ms): {spread}", file=sys.stderr)
        slowest = min(rate for rate, _p95 in stretches)
        results.append(figure("load_requests_per_s_slowest_window", slowest, "req/s"))
        results.append(figure("load_p95_ms_best_window", min(p95s), "ms"))
        results.append(figure("load_p95_ms_worst_window", max(p95s), "ms"))
    # What the queue is made of: 50 clients that never pause wait about
    # clients × (CPU per request) / cores for each answer. The clients run on the same
    # cores (a real cadre's phone does not): their share is printed beside the server's.
    results.append(figure("load_server_cpu_ms_per_request", cpu[0] * 1000 / len(every), "ms"))
    results.append(figure("load_client_cpu_ms_per_request", cpu[1] * 1000 / len(every), "ms"))
    results.append(figure("load_p95_ms_all", percentile(every, 0.95) * 1000, "ms", TARGET_P95_MS))
    for page in PAGES:
        times = tally.times[page]
        ms = {label: percentile(times, share) * 1000 for label, share in SHARES.items()}
        spread = "  ".join(f"{label} {value:7.0f}" for label, value in ms.items())
        print(f"  {page:<9} {len(times):6} req  {spread} ms  errors {tally.errors[page]}",
              file=sys.stderr)  # fmt: skip
        for label, value in ms.items():
            target = TARGET_P95_MS if label == "p95" else None
            results.append(figure(f"load_{label}_ms_{page}", value, "ms", target))
    results += [
        figure("load_errors", sum(tally.errors.values()), "count", 0),
        figure("load_writes_stored", len(tally.stored), "count"),
        figure("load_writes_lost", len(check["lost"]), "count", 0),
        figure("load_writes_duplicated", len(check["duplicated"]), "count", 0),
        figure("load_worker_rss_mb_max", max(rss, default=0), "MB", TARGET_RSS_MB),
    ]
    return results


def run(ctx: Any) -> list[dict]:
    count = ctx.get("load_clients", CLIENTS)
    seconds = ctx.get("load_seconds", SECONDS)
    password = ctx.get("password") or os.environ.get("IMPSMART_BENCH_PASSWORD", "")
    chosen = cadres(count, dates.today())
    if not chosen:
        return []
    server, base = serve(ctx.workdir)
    tally = Tally()
    try:
        clients = [Client(base) for _cadre in chosen]
        for client, cadre in zip(clients, chosen, strict=True):
            client.login(cadre.username, password)
        warming = Tally()
        began = time.monotonic()
        warm = began + min(WARM_SECONDS, seconds * 3 / 4)
        deadline = warm + seconds
        threads = [
            threading.Thread(
                target=warm_then_measure,
                args=(client, cadre, i % len(PAGES), (warm, deadline), (warming, tally)),
            )
            for i, (client, cadre) in enumerate(zip(clients, chosen, strict=True))
        ]
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, warm - time.monotonic()))
        cpu = (workers_cpu_seconds(server.pid), time.process_time())
        started = time.monotonic()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        cpu = (workers_cpu_seconds(server.pid) - cpu[0], time.process_time() - cpu[1])
        rss = workers_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
    print(f"  {len(chosen)} kader, {elapsed:.0f} s, {base}", file=sys.stderr)
    spread = windows(warming.answered, began, started - began, min(WINDOW_SECONDS, elapsed / 2))
    ramp = "  ".join(f"{rate:.0f}/{p95 or 0:.0f}" for rate, p95 in spread)
    print(f"  warm-up, unmeasured (req/s / p95 ms): {ramp}", file=sys.stderr)
    seen = warming.stored + tally.stored
    check = write_check(seen, stored_rows(seen))
    results = figures(tally, (started, elapsed), check, rss, cpu)
    if check["lost"] or check["duplicated"]:
        raise AssertionError(f"bench_load: writes lost or duplicated: {check}")
    return results
