"""``{% family_rows %}`` writes the family list's rows as the template loop it replaced did,
byte for byte: with and without a search's named members (one who left), head, address,
Tahapan KS and place, and an empty list with and without a search."""

import datetime as dt
from pathlib import Path

from django.core.paginator import Paginator
from django.template import engines
from django.utils import translation

from impsmart.families.listing import Listed
from tests.families.world import FamilyWorld

# The loop as families/_family_results.html wrote it before (its words and tags as they were).
LOOP = (Path(__file__).parent / "family_rows_loop.html").read_text()
TAG = "{% load family_rows %}{% family_rows %}"


class FamilyRowsTests(FamilyWorld):
    def _rows(self) -> list[Listed]:
        wife, husband = self.wife_a, self.husband_a
        husband.left_on = dt.date(2026, 3, 9)
        return [
            Listed(1, "73.06", "7306010101000001", 'Jl. "A" <b> & c', "KS2", "Ali & Co", 4),
            Listed(2, "73.06", "7306010101000002", "", "", None, 1),
            Listed(3, "73.06", "7306", "Jl. B", "pra_ks", "Sitti", 1, [wife], self.dusun_a1),
            Listed(4, "73.06", "7306", "", "", None, 0, [wife, husband], self.desa_a),
        ]

    def _render(self, source: str, rows: list, query: str, language: str) -> str:
        page = Paginator(rows, 25).get_page(1)
        with translation.override(language):
            return engines["django"].from_string(source).render({"page": page, "query": query})

    def test_the_rows_are_the_loops_byte_for_byte(self):
        for language in ("id", "en"):
            for query in ("", "sit"):
                for rows in (self._rows(), self._rows()[2:3], []):
                    with self.subTest(language=language, query=query, rows=len(rows)):
                        expected = self._render(LOOP, rows, query, language)
                        self.assertEqual(self._render(TAG, rows, query, language), expected)
        english = self._render(TAG, self._rows(), "", "en")
        self.assertIn("left 09-03-2026", english)
        self.assertIn("&lt;b&gt; &amp; c", english)
