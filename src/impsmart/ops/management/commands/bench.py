"""``impsmart bench``: build a throwaway demo database, then run every bench_*.py.

The command re-executes itself with ``DATABASE_URL`` pointing at a throwaway database (a
SQLite file in ``var/bench/``, or, when ``DATABASE_URL`` names PostgreSQL, a new database on
that server, dropped afterwards) so that the benchmarks never touch the real one; the child
generates the demo (timed) and runs the modules of ``bench/`` (see ``bench/README.md``).
``--database URL`` reuses an existing database instead (no demo is generated; ``bench_load``
leaves its writes there).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

CHILD = "IMPSMART_BENCH_CHILD"
REUSE = "reuse"
REPO = Path(__file__).resolve().parents[5]


class Command(BaseCommand):
    help = "Run the benchmarks of bench/ on a fresh demo database (full Gowa by default)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--families", type=int, default=200000, help="demo size; smaller is faster"
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--kabupaten", default="73.06")
        parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best kept)")
        parser.add_argument("--only", nargs="*", help="module names, e.g. bench_import")
        parser.add_argument("--load", action="store_true", help="only the load run (bench_load)")
        parser.add_argument("--load-clients", type=int, default=50, help="concurrent cadres")
        parser.add_argument("--load-seconds", type=float, default=60.0, help="load run length")
        parser.add_argument("--database", default="", help="reuse this database URL (no demo)")
        parser.add_argument("--password", default="", help="the accounts' password (--database)")

    def handle(self, *args, **options):
        if options["families"] < 1:
            raise CommandError("--families harus 1 atau lebih.")
        if options["load"]:
            options["only"] = ["bench_load"]
        if os.environ.get(CHILD):
            return self.child(**options)
        if options["database"]:
            return self.run_child(options, options["database"], REUSE)
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            return self.on_postgresql(options, url)
        folder = Path(settings.VAR_DIR) / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        database = folder / f"bench-{os.getpid()}.sqlite3"
        try:
            self.run_child(options, f"sqlite:///{database}", str(database))
        finally:
            for path in folder.glob(f"{database.name}*"):
                path.unlink()

    def on_postgresql(self, options, url: str) -> None:
        """A database of its own on the same server, dropped afterwards."""
        import psycopg

        name = f"impsmart_bench_{os.getpid()}"
        parsed = dj_database_url.parse(url)
        server = psycopg.connect(
            dbname=parsed["NAME"], user=parsed["USER"], password=parsed["PASSWORD"] or None,
            host=parsed["HOST"] or None, port=parsed["PORT"] or None, autocommit=True,
        )  # fmt: skip
        with server:
            server.execute(f'CREATE DATABASE "{name}"')
            try:
                self.run_child(options, url.rsplit("/", 1)[0] + f"/{name}", name)
            finally:
                server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def run_child(self, options, url: str, marker: str) -> None:
        env = {**os.environ, CHILD: marker, "DATABASE_URL": url}
        argv = [sys.executable, "-m", "impsmart.cli", "bench", *self.argv(options)]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        self.stderr.write(done.stderr)
        if done.returncode:
            raise CommandError(f"Benchmark gagal (kode {done.returncode}).")
        self.stdout.write(done.stdout, ending="")

    def argv(self, options) -> list[str]:
        argv = ["--families", str(options["families"]), "--format", options["format"]]
        argv += ["--kabupaten", options["kabupaten"], "--repeat", str(options["repeat"])]
        argv += ["--load-clients", str(options["load_clients"])]
        argv += ["--load-seconds", str(options["load_seconds"])]
        argv += ["--password", options["password"]] if options["password"] else []
        return argv + (["--only", *options["only"]] if options["only"] else [])

    def child(self, *, families, format, kabupaten, repeat, only, **options):
        sys.path.insert(0, str(REPO))
        from bench.runner import Context, run_all

        from impsmart.demo.generator import DEFAULT_PASSWORD, build_demo
        from impsmart.families.models import Family

        started = time.perf_counter()
        password = options["password"] or DEFAULT_PASSWORD
        if os.environ[CHILD] == REUSE:
            families = Family.objects.count()
        else:
            build_demo(
                kabupaten_code=kabupaten, families=families, seed=1, password=DEFAULT_PASSWORD
            )
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        with tempfile.TemporaryDirectory() as workdir:
            ctx = Context(families, kabupaten, Path(workdir), repeat, password)
            ctx.load_clients = options["load_clients"]
            ctx.load_seconds = options["load_seconds"]
            ctx.timings["demo"] = time.perf_counter() - started
            results = run_all(ctx, only)
        if format == "json":
            self.stdout.write(json.dumps({"benchmarks": results, "database": engine}, indent=2))
            return
        self.stdout.write(f"{'benchmark':<40} {'value':>12} {'unit':<12} {'target/ref':>10} ratio")
        for r in results:
            reference = "" if r["reference"] is None else f"{r['reference']:>10}"
            ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
            self.stdout.write(
                f"{r['name']:<40} {r['value']:>12} {r['unit']:<12} {reference:>10} {ratio}"
            )
        self.stdout.write(f"{len(results)} benchmark, {families} keluarga demo, {engine}")
