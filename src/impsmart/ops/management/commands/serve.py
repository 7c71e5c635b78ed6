import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


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
        "4",
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
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, port, host, workers, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"IMP Smart: http://{host}:{port}/ (berhenti: Ctrl+C)")
        self.stdout.flush()
        os.execv(sys.executable, gunicorn_argv(host, port, workers))
