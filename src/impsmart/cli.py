"""The `impsmart` command: a thin wrapper over the project's Django management commands."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impsmart.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["impsmart", *sys.argv[1:]])


if __name__ == "__main__":
    main()
