"""The English catalog is complete, compiled, and holds every translatable source string.

After adding or changing a translatable string: `make messages`, translate, and commit both
`django.po` and `django.mo` (the .mo is committed so that `make demo` needs no gettext).
"""

import ast
import contextlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

import impsmart
from impsmart.accounts.roles import Role

PACKAGE = Path(impsmart.__file__).parent
PO_FILE = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete `#~` entries skipped; the header entry included)."""
    entries: list[Entry] = []
    entry, target = Entry(), None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if target is not None:
                entries.append(entry)
            entry, target = Entry(), None
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, target, ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            target = keyword
            if keyword.startswith("msgstr["):
                entry.msgstr[int(keyword[7:-1])] = ""
            elif keyword == "msgstr":
                entry.msgstr[0] = ""
            else:
                setattr(entry, keyword, "")
            _append(entry, target, ast.literal_eval(value))
    return entries


def _append(entry: Entry, target: str, text: str) -> None:
    if target.startswith("msgstr"):
        index = int(target[7:-1]) if "[" in target else 0
        entry.msgstr[index] += text
    else:
        setattr(entry, target, getattr(entry, target) + text)


def messages(path: Path) -> list[Entry]:
    return [e for e in parse_po(path) if e.msgid]


def test_every_string_has_an_english_translation():
    entries = parse_po(PO_FILE)
    header = entries[0]
    assert header.msgid == "" and "fuzzy" not in header.flags, "the header must not be fuzzy"
    untranslated = [e.msgid for e in entries[1:] if not all(e.msgstr.values())]
    fuzzy = [e.msgid for e in entries[1:] if "fuzzy" in e.flags]
    assert not untranslated, f"English translation missing for: {untranslated}"
    assert not fuzzy, f"fuzzy (unchecked) translations: {fuzzy}"


def translated(e: Entry) -> dict[int, str]:
    """What the running catalog answers for an entry, in the shape of ``Entry.msgstr``."""
    if e.msgid_plural is None:
        if e.msgctxt is None:
            return {0: translation.gettext(e.msgid)}
        return {0: translation.pgettext(e.msgctxt, e.msgid)}
    if e.msgctxt is None:
        return {i: translation.ngettext(e.msgid, e.msgid_plural, n) for i, n in ((0, 1), (1, 2))}
    return {
        i: translation.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n) for i, n in ((0, 1), (1, 2))
    }


def test_the_compiled_catalog_matches_the_po():
    """A stale django.mo (the .po edited, `compilemessages` not run) answers the old text."""
    assert MO_FILE.exists(), "run `make messages` to compile django.mo"
    stale = []
    with translation.override("en"):
        for e in messages(PO_FILE):
            if translated(e) != e.msgstr:
                stale.append(e.msgid)
    assert not stale, f"django.mo is older than django.po (run `make messages`): {stale}"


def test_the_ui_speaks_english_when_asked():
    with translation.override("en"):
        assert translation.gettext("Beranda") == "Home"
        assert translation.gettext("Halaman tidak ditemukan") == "Page not found"
        assert str(Role.PPKBD.label).startswith("PPKBD (village")
    with translation.override("id"):
        assert translation.gettext("Beranda") == "Beranda"


def test_the_catalog_holds_every_translatable_source_string(tmp_path):
    """Extract the strings from a copy of the sources, so the real catalog is left untouched."""
    copy = tmp_path / "impsmart"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (copy / "locale").mkdir()
    with override_settings(LOCALE_PATHS=[copy / "locale"]), contextlib.chdir(copy):
        call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)
    extracted = {e.key: e.msgid for e in messages(copy / "locale/en/LC_MESSAGES/django.po")}
    committed = {e.key: e.msgid for e in messages(PO_FILE)}
    new = sorted(extracted[k] for k in extracted.keys() - committed.keys())
    gone = sorted(committed[k] for k in committed.keys() - extracted.keys())
    assert not new, f"strings missing from the catalog (run `make messages`): {new}"
    assert not gone, f"strings no longer in the sources (run `make messages`): {gone}"
