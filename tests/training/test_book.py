import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from impsmart.training import book, booklet
from impsmart.training.models import QuizResult
from tests.base import World

ALL_USERS = ("admin", "pimpinan", "koordinator_a", "mitra_a", "pkb", "ppkbd_a", "sub_ppkbd_a")


class BookContentTests(World):
    def test_both_languages_hold_the_same_fifteen_chapters_with_sources_and_quizzes(self):
        slugs = [c.slug for c in book.chapters("id")]
        self.assertEqual(len(slugs), 15)
        self.assertEqual(slugs, [c.slug for c in book.chapters("en")])
        for lang in book.LANGUAGES:
            for chapter in book.chapters(lang):
                self.assertIn('id="sumber"' if lang == "id" else 'id="sources"', chapter.html)
                self.assertEqual(len(chapter.questions), 3, chapter.slug)
                for q in chapter.questions:
                    self.assertLess(q.answer, len(q.choices))

    def test_the_facts_the_programme_relies_on(self):
        pup = book.chapter("id", "09-pup").plain
        self.assertIn("21 tahun bagi perempuan dan 25 tahun bagi laki-laki", pup)
        self.assertIn("19 tahun", pup)
        self.assertIn("16 Tahun 2019", pup)
        mkjp = book.chapter("id", "07-metode-kontrasepsi").plain
        self.assertIn("IUD (AKDR), implan, MOW (tubektomi) dan MOP (vasektomi)", mkjp)

    def test_search_needs_every_word(self):
        hits = [c.slug for c, _ in book.search("id", "kondom HIV")]
        self.assertEqual(hits, ["07-metode-kontrasepsi", "11-hiv-ims"])
        self.assertEqual(book.search("en", "vasectomy")[0][0].slug, "07-metode-kontrasepsi")
        self.assertEqual(book.search("id", "   "), [])

    def test_the_renderer_escapes_html(self):
        self.assertEqual(book.render("a <b> **c**"), "<p>a &lt;b&gt; <strong>c</strong></p>")


class BookPageTests(World):
    def test_every_signed_in_user_reads_the_book_and_anonymous_users_sign_in(self):
        users = [getattr(self, name) for name in ALL_USERS]
        chapter = reverse("training:chapter", args=["id", "09-pup"])
        for url in (reverse("training:book", args=["id"]), chapter, reverse("training:book_sw")):
            self.assertVisible(url, users)
            self.assertNotVisible(url, [None])
        self.assertNotVisible(
            reverse("training:chapter", args=["id", "99-tidak-ada"]), [self.admin]
        )

    def test_contents_search_version_and_english(self):
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(
            reverse("training:book", args=["id"]), {"q": "kondom"}
        ).content.decode()
        self.assertIn(f"Buku Pintar versi {book.VERSION}", page)
        self.assertIn("9. Pendewasaan Usia Perkawinan (PUP)", page)  # the contents
        self.assertIn("2 bab memuat", page)
        english = self.client.get(
            reverse("training:chapter", args=["en", "09-pup"])
        ).content.decode()
        self.assertIn("minimum age of marriage is 19", english)
        self.assertIn('lang="en"', english)

    def test_the_self_quiz_scores_and_explains(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("training:chapter", args=["id", "09-pup"])
        data = {"q_09a": 2, "q_09b": 1, "q_09c": 0}
        page = self.client.post(url, data).content.decode()
        self.assertIn("2 dari 3 benar.", page)
        self.assertIn("Terlalu dekat: jarak kurang dari 2 tahun.", page)
        result = QuizResult.objects.get()
        self.assertEqual(
            (result.user, result.correct, result.region_code), (self.ppkbd_a, 2, self.desa_a.code)
        )

    def test_the_service_worker_is_scoped_to_the_book_and_names_the_version(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(reverse("training:book_sw"))
        self.assertEqual(response["Content-Type"], "application/javascript")
        script = response.content.decode()
        self.assertIn(f'var CACHE = "smartbook-{book.VERSION}"', script)
        self.assertIn('var SCOPE = "/pelatihan/buku/"', script)


class BookletTests(World):
    def test_the_pdf_booklet_has_a_table_of_contents_and_a_bookmark_per_chapter(self):
        html = booklet.html("id")
        self.assertIn("target-counter(attr(href), page)", html)
        document = booklet.document("id")
        titles = [label for label, *_rest in document.make_bookmark_tree()]
        self.assertEqual(titles, [c.title for c in book.chapters("id")])
        self.assertGreater(len(document.pages), 17)  # cover, contents, a page per chapter

    def test_cli_writes_the_booklet_and_the_page_serves_it(self):
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / "buku.pdf"
            err = StringIO()
            call_command("smartbook", "--format", "pdf", "--output", str(output), stderr=err)
            self.assertTrue(output.read_bytes().startswith(b"%PDF"))
            self.assertIn(book.VERSION, err.getvalue())
        url = reverse("training:booklet", args=["en"])
        self.assertVisible(url, [self.sub_ppkbd_a])
        self.assertNotVisible(url, [None])
        json.dumps(book.titles())  # titles are plain strings
