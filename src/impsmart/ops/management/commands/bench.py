"""``impsmart bench``: build a throwaway SQLite demo database, then run every bench_*.py.

The command re-executes itself with ``DATABASE_URL`` pointing at ``var/bench/`` so that the
benchmarks never touch the real database; the child generates the demo (timed) and runs the
modules of ``bench/`` (see ``bench/README.md``).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

CHILD = "IMPSMART_BENCH_CHILD"
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

    def handle(self, *args, **options):
        if options["families"] < 1:
            raise CommandError("--families harus 1 atau lebih.")
        if os.environ.get(CHILD):
            return self.child(**options)
        folder = Path(settings.VAR_DIR) / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        database = folder / f"bench-{os.getpid()}.sqlite3"
        env = {**os.environ, CHILD: str(database), "DATABASE_URL": f"sqlite:///{database}"}
        argv = [sys.executable, "-m", "impsmart.cli", "bench", *self.argv(options)]
        try:
            done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        finally:
            for path in folder.glob(f"{database.name}*"):
                path.unlink()
        self.stderr.write(done.stderr)
        if done.returncode:
            raise CommandError(f"Benchmark gagal (kode {done.returncode}).")
        self.stdout.write(done.stdout, ending="")

    def argv(self, options) -> list[str]:
        argv = ["--families", str(options["families"]), "--format", options["format"]]
        argv += ["--kabupaten", options["kabupaten"], "--repeat", str(options["repeat"])]
        return argv + (["--only", *options["only"]] if options["only"] else [])

    def child(self, *, families, format, kabupaten, repeat, only, **options):
        sys.path.insert(0, str(REPO))
        from bench.runner import Context, run_all

        from impsmart.demo.generator import DEFAULT_PASSWORD, build_demo

        started = time.perf_counter()
        build_demo(kabupaten_code=kabupaten, families=families, seed=1, password=DEFAULT_PASSWORD)
        with tempfile.TemporaryDirectory() as workdir:
            ctx = Context(families, kabupaten, Path(workdir), repeat)
            ctx.timings["demo"] = time.perf_counter() - started
            results = run_all(ctx, only)
        if format == "json":
            self.stdout.write(json.dumps({"benchmarks": results}, indent=2))
            return
        self.stdout.write(f"{'benchmark':<40} {'value':>12} {'unit':<12} {'reference':>10} ratio")
        for r in results:
            reference = "" if r["reference"] is None else f"{r['reference']:>10}"
            ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
            self.stdout.write(
                f"{r['name']:<40} {r['value']:>12} {r['unit']:<12} {reference:>10} {ratio}"
            )
        self.stdout.write(f"{len(results)} benchmark, {families} keluarga demo")
