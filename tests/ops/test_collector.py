"""The command line and the server's workers collect reference cycles as rarely as each
other (``impsmart.collector``): an import from the CLI or a benchmark runs as on the server."""

import subprocess
import sys

from django.test import SimpleTestCase

from impsmart.collector import THRESHOLD

PRINT_THRESHOLD = "import gc, sys; print(*gc.get_threshold()); sys.exit(0)"


class CollectorTests(SimpleTestCase):
    def threshold_after(self, code: str) -> tuple[int, ...]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
        )
        return tuple(int(n) for n in done.stdout.split()[-3:])

    def test_the_command_line_sets_the_threshold_before_running_a_command(self):
        code = (
            "import sys, django.core.management as m\n"
            f"m.execute_from_command_line = lambda argv: exec({PRINT_THRESHOLD!r})\n"
            "from impsmart.cli import main\n"
            "sys.argv = ['impsmart', 'check']\n"
            "main()\n"
        )
        self.assertEqual(self.threshold_after(code), THRESHOLD)

    def test_a_worker_sets_it_once_the_application_is_loaded(self):
        code = f"import impsmart.wsgi\n{PRINT_THRESHOLD}"
        self.assertEqual(self.threshold_after(code), THRESHOLD)
