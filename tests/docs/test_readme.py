"""The README names every `impsmart` command and every setting (DS `tests/test_docs.py`)."""

import re
from pathlib import Path

import impsmart

PACKAGE = Path(impsmart.__file__).parent
README = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
# Django's own flush, overridden only to empty append-only tables; not a command of ours.
NOT_OURS = {"flush"}


def test_every_command_is_in_the_readme():
    commands = {
        path.stem.replace("_", "-")
        for path in PACKAGE.glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }
    missing = sorted(c for c in commands - NOT_OURS if f"`impsmart {c}" not in README)
    assert missing == []


def test_every_setting_is_in_the_readme():
    source = (PACKAGE / "settings.py").read_text(encoding="utf-8")
    settings = set(re.findall(r'"(IMPSMART_[A-Z_]+)"', source)) | {"DATABASE_URL"}
    missing = sorted(s for s in settings if f"`{s}`" not in README)
    assert missing == []
