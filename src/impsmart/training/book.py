"""The Smart Book (*Buku Pintar Kader*): versioned Markdown chapters in ``book/<lang>/``.

Each chapter is ``NN-slug.md`` (the slug is the same in every language: it names the module
that workshops and the competence profile refer to); ``book/<lang>/questions.json`` holds the
item bank, per slug. The text uses a small subset of Markdown (headings, paragraphs, lists,
bold, italic, links), rendered here rather than with a Markdown library.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

BOOK_DIR = Path(__file__).parent / "book"
VERSION = (BOOK_DIR / "VERSION").read_text().strip()
LANGUAGES = ("id", "en")
SNIPPET = 80  # characters either side of a search hit


@dataclass(frozen=True)
class Question:
    id: str
    chapter: str
    text: str
    choices: tuple[str, ...]
    answer: int
    why: str


@dataclass(frozen=True)
class Chapter:
    number: int
    slug: str
    lang: str
    source: str

    @property
    def title(self) -> str:
        return self.source.splitlines()[0].lstrip("# ").strip()

    @cached_property
    def html(self) -> str:
        return render(self.body)

    @property
    def booklet_html(self) -> str:
        """The chapter inside the whole book: its heading anchors prefixed by its slug."""
        return render(self.body, anchor_prefix=f"{self.slug}-")

    @property
    def body(self) -> str:
        return "\n".join(self.source.splitlines()[1:])

    @cached_property
    def plain(self) -> str:
        return re.sub(r"[*#_\[\]]|\(https?://[^)]*\)", "", self.source)

    @property
    def questions(self) -> list[Question]:
        return [q for q in questions(self.lang).values() if q.chapter == self.slug]


@cache
def chapters(lang: str = "id") -> tuple[Chapter, ...]:
    found = []
    for path in sorted((BOOK_DIR / lang).glob("[0-9][0-9]-*.md")):
        number, slug = path.stem.split("-", 1)
        found.append(Chapter(int(number), path.stem, lang, path.read_text(encoding="utf-8")))
    return tuple(found)


def chapter(lang: str, slug: str) -> Chapter | None:
    return next((c for c in chapters(lang) if c.slug == slug), None)


def titles(lang: str = "id") -> dict[str, str]:
    return {c.slug: c.title for c in chapters(lang)}


@cache
def questions(lang: str = "id") -> dict[str, Question]:
    data = json.loads((BOOK_DIR / lang / "questions.json").read_text(encoding="utf-8"))
    return {
        item["id"]: Question(
            item["id"], slug, item["q"], tuple(item["choices"]), item["answer"], item["why"]
        )
        for slug, items in data.items()
        for item in items
    }


def search(lang: str, query: str) -> list[tuple[Chapter, str]]:
    """Chapters holding every word of ``query``, with the text around the first word."""
    words = [w for w in query.lower().split() if w]
    if not words:
        return []
    hits = []
    for chapter_ in chapters(lang):
        text = chapter_.plain
        lowered = text.lower()
        if all(w in lowered for w in words):
            at = lowered.index(words[0])
            snippet = " ".join(text[max(0, at - SNIPPET) : at + SNIPPET].split())
            hits.append((chapter_, snippet))
    return hits


# --- the Markdown subset ------------------------------------------------------------------
_INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"\*(.+?)\*"), r"<em>\1</em>"),
    (re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)"), r'<a href="\2" rel="noopener">\1</a>'),
]
_LIST = {"ul": re.compile(r"^[-*] (.*)"), "ol": re.compile(r"^\d+\. (.*)")}


def inline(text: str) -> str:
    text = html.escape(text, quote=False)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def render(source: str, anchor_prefix: str = "") -> str:
    """HTML for headings (``##``, ``###``), paragraphs, ``-``/``1.`` lists and inline marks."""
    out: list[str] = []
    paragraph: list[str] = []
    open_list = ""

    def flush() -> None:
        nonlocal open_list
        if paragraph:
            out.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if open_list:
            out.append(f"</{open_list}>")
            open_list = ""

    for line in source.splitlines():
        line = line.strip()
        heading = re.match(r"^(#{2,3}) (.*)", line)
        item = next(((k, m) for k, p in _LIST.items() if (m := p.match(line))), None)
        if not line:
            flush()
        elif heading:
            flush()
            level = len(heading.group(1))
            anchor = anchor_prefix + re.sub(r"[^a-z0-9]+", "-", heading.group(2).lower()).strip("-")
            out.append(f'<h{level} id="{anchor}">{inline(heading.group(2))}</h{level}>')
        elif item:
            kind, match = item
            if paragraph:
                out.append(f"<p>{inline(' '.join(paragraph))}</p>")
                paragraph.clear()
            if open_list != kind:
                flush()
                out.append(f"<{kind}>")
                open_list = kind
            out.append(f"<li>{inline(match.group(1))}</li>")
        else:
            paragraph.append(line)
    flush()
    return "\n".join(out)
