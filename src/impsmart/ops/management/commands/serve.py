import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Gunicorn's rule of thumb, (2 × cores) + 1 processes: while one waits on the database another
# computes; each holds THREADS threads (for requests that wait, e.g. on SQLite's write lock).
THREADS = 2


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
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
        str(THREADS),
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
            "--workers", type=int, default=default_workers(), help="default: 2 × cores + 1"
        )

    def handle(self, *args, port, host, workers, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"IMP Smart: http://{host}:{port}/ (berhenti: Ctrl+C)")
        self.stdout.flush()
        os.execv(sys.executable, gunicorn_argv(host, port, workers))
