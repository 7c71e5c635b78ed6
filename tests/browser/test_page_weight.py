"""A cadre's home page loads in at most 60 KB, compressed, on a cold phone cache.

Production gzips HTML with GZipMiddleware and serves static files pre-compressed by WhiteNoise.
Tests serve static files plain, so each referenced file is gzipped here (level 6) to measure it.
"""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.base import World

BUDGET = 60 * 1024
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class References(HTMLParser):
    """The same-origin files a browser fetches with the page: CSS, icons, scripts, images."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and FETCHED_LINKS & set((attrs.get("rel") or "").split()):
            self.add(attrs.get("href"))
        elif tag in ("script", "img"):
            self.add(attrs.get("src"))

    def add(self, url: str | None) -> None:
        if url and is_same_origin(url) and url not in self.urls:
            self.urls.append(url)


def is_same_origin(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver")


def gzipped_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0))


class PageWeightTests(World):
    def fetch(self, url: str) -> bytes:
        path = urlsplit(url).path
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            self.assertIsNotNone(found, f"{path} is referenced but no static file finder has it")
            with open(found, "rb") as f:
                return f.read()
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return b"".join(response) if response.streaming else response.content

    def weigh_files(self, html: str) -> dict[str, int]:
        """Compressed size of every file the HTML pulls in, and of the images its CSS uses."""
        parser = References()
        parser.feed(html)
        queue, sizes = list(parser.urls), {}
        while queue:
            url = queue.pop(0)
            if url in sizes:
                continue
            body = self.fetch(url)
            sizes[url] = gzipped_size(body)
            if urlsplit(url).path.endswith(".css"):
                for ref in CSS_URL.findall(body.decode("utf-8", "replace")):
                    if is_same_origin(ref) and not ref.startswith("data:"):
                        queue.append(urljoin(url, ref))
        return sizes

    def first_load(self, user, url: str) -> tuple[dict[str, int], str]:
        self.client.force_login(user)
        response = self.client.get(url, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.get("Content-Encoding"), "gzip", "HTML must be gzipped")
        html = gzip.decompress(response.content).decode()
        return {url: len(response.content), **self.weigh_files(html)}, html

    def test_a_cadres_home_page_weighs_at_most_60_kb_on_first_load(self):
        sizes, _ = self.first_load(self.ppkbd_a, reverse("dashboard:home"))
        self.assertGreater(len(sizes), 1, "the page's CSS and scripts were found and counted")
        total = sum(sizes.values())
        detail = ", ".join(f"{url} {size / 1024:.1f} KB" for url, size in sizes.items())
        self.assertLessEqual(total, BUDGET, f"{total / 1024:.1f} KB > 60 KB: {detail}")

    def test_the_budget_would_catch_leaflet_on_every_page(self):
        """The measure counts what the page references: Leaflet alone is ~40 KB gzipped."""
        home = reverse("dashboard:home")
        sizes, html = self.first_load(self.ppkbd_a, home)
        leaflet = f"{settings.STATIC_URL}vendor/leaflet-1.9.4/leaflet.js"
        with_leaflet = html.replace("</head>", f'<script src="{leaflet}" defer></script></head>')
        files = self.weigh_files(with_leaflet)
        self.assertIn(leaflet, files)
        self.assertGreater(sizes[home] + sum(files.values()), BUDGET)
