"""A one-line text progress bar for the demo generator (stderr, so stdout stays parseable)."""

import sys
import time


class Progress:
    def __init__(self, total_steps: int, stream=None, width: int = 30):
        self.total, self.done, self.width = total_steps, 0, width
        self.stream = stream or sys.stderr
        self.started = time.monotonic()

    def step(self, label: str) -> None:
        self.done += 1
        filled = round(self.width * self.done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.monotonic() - self.started
        end = "\n" if self.done >= self.total else ""
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {elapsed:5.1f}s {label:<40}{end}")
        self.stream.flush()
