"""A server error leaves its traceback in the log: in tests, and on gunicorn's standard error."""

import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.test import SimpleTestCase, override_settings
from django.urls import path

import impsmart
from impsmart.ops.management.commands.serve import gunicorn_argv


def broken(request):
    raise ZeroDivisionError("register rusak")


urlpatterns = [path("rusak/", broken)]  # a route that fails, for these tests only


@override_settings(ROOT_URLCONF=__name__)
class ErrorLogTests(SimpleTestCase):
    def test_a_view_raising_logs_the_error_with_its_traceback(self):
        self.client.raise_request_exception = False
        with self.assertLogs("django.request", "ERROR") as logs:
            response = self.client.get("/rusak/")
        self.assertEqual(response.status_code, 500)
        [record] = logs.records
        self.assertIs(record.exc_info[0], ZeroDivisionError)
        self.assertIn("Traceback (most recent call last)", logs.output[0])
        self.assertIn("ZeroDivisionError: register rusak", logs.output[0])


def test_the_error_reaches_pytests_caplog_through_the_root_logger(caplog, client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    assert client.get("/rusak/").status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "ERROR"
    assert record.exc_info[0] is ZeroDivisionError


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_status(url: str, deadline: float) -> int:
    request = urllib.request.Request(url, headers={"Authorization": "Bearer tidak-ada"})
    while True:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class ServeLogTests(SimpleTestCase):
    def test_gunicorn_writes_the_traceback_of_a_server_error_to_standard_error(self):
        """``impsmart serve``'s gunicorn on a database without tables explains the API's 500."""
        port = free_port()
        with tempfile.TemporaryDirectory() as home:
            env = {
                **os.environ,
                "IMPSMART_HOME": home,
                "IMPSMART_SECRET_KEY": "uji-log",
                "DATABASE_URL": f"sqlite:///{Path(home) / 'kosong.sqlite3'}",
                "PYTHONPATH": str(Path(impsmart.__file__).parents[1]),
            }
            server = subprocess.Popen(
                gunicorn_argv("127.0.0.1", port, 1),
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            try:
                status = get_status(f"http://127.0.0.1:{port}/api/v1/me", time.monotonic() + 30)
            finally:
                server.terminate()
                out, err = server.communicate(timeout=30)
        self.assertEqual(status, 500)
        self.assertIn('"GET /api/v1/me HTTP/1.1" 500', out)  # the access log
        self.assertIn("ERROR django.request: Internal Server Error: /api/v1/me", err)
        self.assertIn("Traceback (most recent call last)", err)
        self.assertIn("no such table: accounts_apitoken", err)
