"""The screening result reads in plain words, on the phone, on the referral and on the slip."""

import csv
import datetime as dt
import itertools
import re
from importlib import resources

from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from impsmart import dates
from impsmart.counseling import mec, mec_labels, mec_readable
from impsmart.counseling.models import Counseling, Referral
from tests.counseling.world import CounselingWorld

TODAY = dates.today()
TABLE = list(
    csv.DictReader(
        resources.files("impsmart.counseling")
        .joinpath("data", "mec_table.csv")
        .read_text("utf-8")
        .splitlines()
    )
)
CONDITION_IDS = sorted({row["condition_id"] for row in TABLE})
ENGINE_TOKENS = ("bf_lt", "CU_IUD", "LNG_IUD", "WHO-FPH", "App.D", "→", "rule:")
# The word beside a method for each category of the table (letters for MOW/MOP and MAL's C).
WORDS = {
    "1": "boleh",
    "2": "boleh, perlu pantau",
    "2/3": "boleh dengan pantauan atau umumnya tidak dianjurkan",
    "3": "umumnya tidak dianjurkan",
    "3/4": "umumnya tidak dianjurkan atau jangan",
    "4": "jangan",
    "NA": "tidak berlaku",
    "A": "A · boleh",
    "C": "C · hati-hati",
    "D": "D · tunda",
    "D/C": "D/C · tunda atau hati-hati",
    "S": "S · di fasilitas khusus",
}
# A breastfeeding smoker of 36, four weeks after birth, with one high blood-pressure reading.
SCREENED = {
    "age": "36",
    "bp": "145/95",
    "smoking": "on",
    "cigarettes_per_day": "20",
    "breastfeeding": "ya",
    "postpartum_weeks": "4",
}


def engine_ids_in(text: str) -> list[str]:
    """Condition ids in the text, except those that are also the plain word (``malaria``)."""
    return [
        cid
        for cid in CONDITION_IDS
        if re.search(rf"\b{cid}\b", text)
        and not re.search(rf"\b{cid}\b", mec_labels.condition_phrase(cid))
    ]


class ReadableResultTests(CounselingWorld):
    def setUp(self):
        self.client.force_login(self.ppkbd_a)
        self.days_back = itertools.count()

    def screen(self, **facts) -> Counseling:
        """One screening a day: a second, different one the same day would be refused."""
        url = reverse("counseling:counsel", args=[self.wife_a.pk])
        day = TODAY - dt.timedelta(days=next(self.days_back))
        response = self.client.post(url, {"date": day.isoformat(), **facts})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return Counseling.objects.latest("pk")

    def assertPlain(self, page, visible_only=False) -> str:
        """No engine ids, method codes, page references or arrows; the source named once."""
        text = page.content.decode()
        if visible_only:  # a form's option values may be codes; its labels may not
            text = re.sub(r"<[^>]*>", " ", text)
        for token in ENGINE_TOKENS:
            self.assertNotIn(token, text)
        self.assertEqual(engine_ids_in(text), [])
        self.assertEqual(text.count("Based on WHO Medical Eligibility Criteria"), 1)
        return text

    def test_every_condition_of_the_table_has_a_translatable_phrase(self):
        for cid in CONDITION_IDS:
            base = cid.split("__")[0]
            self.assertIsInstance(mec_labels.CONDITIONS.get(base), Promise, cid)
            self.assertNotIn("_", mec_labels.condition_phrase(cid), cid)
        labels = [*mec_labels.METHOD_NAMES.values(), *mec_labels.CATEGORY_WORDS.values()]
        labels += [*mec_labels.CATEGORY_MEANINGS.values(), *mec_labels.NOTES.values()]
        self.assertTrue(all(isinstance(label, Promise) for label in labels))
        self.assertEqual(set(mec_labels.METHOD_NAMES), set(mec.METHODS))

    def test_the_result_page_says_it_in_plain_words_summary_first(self):
        counseling = self.screen(**SCREENED)
        page = self.client.get(reverse("counseling:detail", args=[counseling.pk]))
        text = self.assertPlain(page)
        self.assertIn("menyusui, kurang dari 6 minggu setelah melahirkan", text)
        self.assertIn("merokok 15 batang atau lebih sehari, umur 35 tahun atau lebih", text)
        self.assertIn("Tekanan darah tinggi baru diukur sekali", text)  # the engine's note
        self.assertIn("beberapa faktor risiko penyakit jantung", text)
        self.assertIn('<span class="cat cat-no">jangan</span>', text)  # COC < 6 weeks
        self.assertIn("A = boleh, C = hati-hati, D = tunda, S = di fasilitas khusus", text)
        summary, details = text.index('class="mec-groups"'), text.index('id="mec-coc"')
        self.assertLess(summary, details)
        for title in ("<b>Boleh</b>", "<b>Perlu bidan/dokter menilai</b>", "<b>Jangan</b>"):
            self.assertIn(title, text)
        self.assertIn("<details", text[details - 20 :])
        self.assertIn("metode=IUD", text)  # the referral link names the programme method

    def test_english_mode_takes_every_word_from_the_catalog(self):
        counseling = self.screen(**SCREENED)
        self.client.cookies["django_language"] = "en"
        page = self.client.get(reverse("counseling:detail", args=[counseling.pk]))
        self.assertContains(page, '<html lang="en">')
        with translation.override("en"):
            words = [
                mec_readable.GROUPS["no"],
                mec_labels.METHOD_NAMES["COC"],
                mec_labels.CATEGORY_WORDS["4"],
                mec_labels.CONDITIONS["bf_lt6w"],
                mec_labels.NOTES[mec.NOTE_MULTIPLE_CVD_RISK],
            ]
            for word in map(str, words):
                self.assertContains(page, word)

    def test_each_category_has_its_word_and_group(self):
        for category, word in WORDS.items():
            with self.subTest(category=category):
                row = next(
                    r
                    for r in TABLE
                    if r["category"] == category and not r["condition_id"].endswith("__cont")
                )
                cid = row["condition_id"].split("__")[0]
                counseling = self.screen(conditions=cid)
                page = self.client.get(reverse("counseling:detail", args=[counseling.pk]))
                shown = {m.method: m for m in page.context["screening"].methods}
                method = shown[row["method"]]
                self.assertEqual((method.category, method.label), (category, word))
                chip = f'<span class="cat cat-{method.colour}">{word}</span>'
                self.assertContains(page, chip)
                self.assertPlain(page)

    def test_mal_is_not_offered_when_its_conditions_fail(self):
        counseling = self.screen(age="25", breastfeeding="tidak", postpartum_weeks="10")
        page = self.client.get(reverse("counseling:detail", args=[counseling.pk]))
        mal = page.context["screening"].methods[mec.METHODS.index("MAL")]
        self.assertEqual((mal.group, mal.label), ("na", "tidak berlaku"))
        self.assertContains(page, "<b>Tidak berlaku saat ini</b>: MAL (menyusui)")

    def refer(self, counseling: Counseling) -> Referral:
        url = reverse("counseling:refer", args=[self.wife_a.pk])
        data = {
            "facility": self.puskesmas_a.pk,
            "method_wanted": "IMPLAN",
            "reason": "Ingin implan",
            "sent_on": TODAY.isoformat(),
        }
        self.client.post(f"{url}?konseling={counseling.pk}", data)
        return Referral.objects.get(counseling=counseling)

    def assertSummary(self, page) -> None:
        text = self.assertPlain(page, visible_only=True)
        self.assertIn("Hasil penapisan KB", text)
        self.assertIn("menyusui, kurang dari 6 minggu setelah melahirkan", text)
        self.assertIn("Jangan : Pil kombinasi", text)

    def test_the_referral_and_its_slip_carry_the_summary(self):
        referral = self.refer(self.screen(**SCREENED))
        detail = self.client.get(reverse("counseling:referral_detail", args=[referral.pk]))
        self.assertSummary(detail)
        self.assertContains(detail, reverse("counseling:detail", args=[referral.counseling_id]))
        self.assertSummary(self.client.get(reverse("counseling:referral_slip", args=[referral.pk])))

    def test_the_mitra_sees_what_was_screened_where_she_answers(self):
        referral = self.refer(self.screen(**SCREENED))
        self.client.force_login(self.mitra_a)
        answer = self.client.get(reverse("counseling:referral_answer", args=[referral.pk]))
        self.assertSummary(answer)
        detail = self.client.get(reverse("counseling:referral_detail", args=[referral.pk]))
        self.assertSummary(detail)
        self.assertNotContains(detail, reverse("counseling:detail", args=[referral.counseling_id]))

    def test_a_referral_without_screening_shows_no_summary(self):
        counseling = self.screen()
        self.assertEqual(counseling.result, {})
        referral = self.refer(counseling)
        detail = self.client.get(reverse("counseling:referral_detail", args=[referral.pk]))
        self.assertNotContains(detail, "Hasil penapisan KB")
