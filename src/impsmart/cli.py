"""The `impsmart` command: a thin wrapper over the project's Django management commands."""

import os
import sys

from impsmart.collector import collect_rarely


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impsmart.settings")
    collect_rarely()  # as the server's workers: an import or a benchmark allocates millions
    from django.core.management import execute_from_command_line

    argv = sys.argv[1:]
    if argv and not argv[0].startswith("-"):
        # `impsmart import-register` runs the management command `import_register`.
        argv[0] = argv[0].replace("-", "_")
    execute_from_command_line(["impsmart", *argv])


if __name__ == "__main__":
    main()
