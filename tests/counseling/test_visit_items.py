"""``{% visit_items %}`` writes the visit list's items as the template loop it replaced did,
byte for byte: every state and kind, with and without a last visit, on the home and the list
page, in Indonesian and English."""

import datetime as dt
import re
from pathlib import Path

from django.middleware.csrf import get_token
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import format_html_join

from impsmart.counseling.models import Visit
from impsmart.counseling.visits import Item
from tests.families.world import FamilyWorld

# The loop as counseling/_visit_list.html wrote it before (its words and tags as they were).
LOOP = (Path(__file__).parent / "visit_items_loop.html").read_text()
TAG = "{% load visit_items %}{% visit_items %}"
TODAY = dt.date(2026, 11, 18)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="\w{64}"')


class VisitItemsTests(FamilyWorld):
    def _items(self) -> list[Item]:
        due = TODAY - dt.timedelta(days=3)
        wife, other = self.wife_a, self.husband_a
        wife.family.address = 'Jl. "Poros" <Malino> & 3'
        return [
            Item("confirm", wife, TODAY, "konfirmasi", "Rujukan IUD", referral_id=7),
            Item("referral", other, due, "berisiko", "Rujukan <b>", 8, due, "Dilayani", days=1),
            Item("suntik3", wife, due, "berisiko", "Suntik 3 bulan", None, due, "", days=40),
            Item("resupply", other, due, "terlambat", "Pil sejak 01-10-2026", days=3),
            Item("suntik1", wife, due, "terlambat", "Pil", None, None, "", days=1),
            Item("mkjp_end", wife, TODAY + dt.timedelta(days=9), "jatuh_tempo", "Implan", days=-9),
            Item("mkjp_end", other, TODAY + dt.timedelta(days=1), "jatuh_tempo", "", days=-1),
            Item("unmet", wife, TODAY, "jatuh_tempo", "IAT", None, TODAY, "Tidak bertemu"),
        ]

    def _render(self, source: str, items: list[Item], home: bool, language: str) -> str:
        request = RequestFactory().get("/konseling/kunjungan/?page=2&jenis=resupply")
        request.user = self.ppkbd_a
        get_token(request)
        context = {
            "items": items,
            "home": home,
            "today": TODAY,
            "outcome_options": format_html_join(
                "", '<option value="{}">{}</option>', Visit.Outcome.choices
            ),
        }
        with translation.override(language):
            html = engines["django"].from_string(source).render(context, request)
        # Each render masks the request's CSRF secret anew.
        return CSRF.sub('name="csrfmiddlewaretoken" value="…"', html)

    def test_the_items_are_the_loops_byte_for_byte(self):
        for language in ("id", "en"):
            for home in (True, False):
                for items in (self._items(), self._items()[2:3], []):
                    with self.subTest(language=language, home=home, items=len(items)):
                        expected = self._render(LOOP, items, home, language)
                        self.assertEqual(self._render(TAG, items, home, language), expected)
        english = self._render(TAG, self._items(), False, "en")
        for words in ("AWAITING YOUR CONFIRMATION", "AT RISK · 40 days late", "LATE 1 day"):
            self.assertIn(words, english)
        self.assertIn("&lt;Malino&gt;", english)
        self.assertEqual(english.count('name="csrfmiddlewaretoken" value="…"'), 7)
