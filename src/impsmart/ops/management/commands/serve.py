import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

# A page is Python work (the database answers in a few ms of it): one process per core and
# one more, which computes while another waits on the database, each answering one request
# at a time. Measured with 50 cadres without pause on two cores (docs/operations.md): 3
# single-threaded workers answered p95 0.7-0.9 s where 5 workers of 2 threads took 1.5 s —
# more requests in progress at once only share the same cores and all finish later.
THREADS = 1


def default_workers() -> int:
    return (os.cpu_count() or 1) + 1


def gunicorn_argv(host: str, port: int, workers: int, threads: int = THREADS) -> list[str]:
    """Requests to the access log, errors and tracebacks to the error log: both on stderr/out."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "impsmart.wsgi",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
    ]


class Command(BaseCommand):
    help = "Serve the current database with gunicorn (static files through WhiteNoise)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--workers", type=int, default=default_workers(), help="default: cores + 1"
        )
        parser.add_argument(
            "--threads", type=int, default=THREADS, help="per worker (default 1: a proxy in "
            "front, e.g. nginx, buffers slow phones)",
        )  # fmt: skip

    def handle(self, *args, port, host, workers, threads, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"IMP Smart: http://{host}:{port}/ (berhenti: Ctrl+C)")
        self.stdout.flush()
        os.execv(sys.executable, gunicorn_argv(host, port, workers, threads))
