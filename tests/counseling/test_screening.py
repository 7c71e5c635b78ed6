import datetime as dt

from django.urls import reverse

from impsmart import dates
from impsmart.accounts.audit import acting_as
from impsmart.counseling.models import Counseling
from impsmart.families import contraception
from impsmart.families.models import IntentionRecord
from tests.counseling.world import CounselingWorld

TODAY = dates.today()


def screening(**extra) -> dict:
    data = {"date": TODAY.isoformat(), "topics": ["kb_mkjp"], "age": "30", "bp": "120/80"}
    data.update(extra)
    return data


class ScreeningTests(CounselingWorld):
    def setUp(self):
        self.url = reverse("counseling:counsel", args=[self.wife_a.pk])
        self.client.force_login(self.ppkbd_a)

    def test_the_form_prefills_age_and_weeks_since_her_last_live_birth(self):
        with acting_as(self.ppkbd_a):
            pregnancy = contraception.record_pregnancy(
                actor=self.ppkbd_a, member=self.wife_a, start_date=TODAY - dt.timedelta(days=300)
            )
            contraception.record_outcome(
                actor=self.ppkbd_a,
                pregnancy=pregnancy,
                outcome_date=TODAY - dt.timedelta(days=30),
                outcome="lahir_hidup",
            )
        page = self.client.get(self.url)
        form = page.context["form"]
        self.assertContains(page, "Terlalu dekat")  # 4T: her last birth was under 2 years ago
        age = TODAY.year - 1995 - ((TODAY.month, TODAY.day) < (3, 14))
        self.assertEqual(form.initial["age"], age)
        self.assertEqual(form.initial["postpartum_weeks"], 4)

    def test_screening_stores_the_facts_the_result_and_an_intention(self):
        data = screening(
            breastfeeding="ya",
            postpartum_weeks="4",
            intention="IAT",
            common=["hypertension=controlled"],
            conditions="thalassaemia",
        )
        response = self.client.post(self.url, data)
        counseling = Counseling.objects.get()
        self.assertRedirects(response, reverse("counseling:detail", args=[counseling.pk]))
        self.assertEqual(counseling.facts["postpartum_weeks"], 4)
        self.assertIs(counseling.facts["breastfeeding"], True)
        self.assertEqual(counseling.facts["hypertension"], "controlled")
        self.assertEqual(counseling.facts["conditions"], ["thalassaemia"])
        self.assertEqual(counseling.result["methods"]["COC"], "4")  # breastfeeding < 6 weeks
        self.assertEqual(counseling.counselor, self.ppkbd_a)
        intention = IntentionRecord.objects.get(member=self.wife_a)
        self.assertEqual((intention.intention, intention.recorded_on), ("IAT", TODAY))

    def test_the_result_page_shows_categories_reasons_and_who_may_serve(self):
        self.client.post(self.url, screening(breastfeeding="ya", postpartum_weeks="4"))
        page = self.client.get(reverse("counseling:detail", args=[Counseling.objects.get().pk]))
        methods = {m.method: m for m in page.context["screening"].methods}
        self.assertEqual((methods["COC"].category, methods["COC"].group), ("4", "no"))
        self.assertEqual(
            methods["COC"].reasons, ["menyusui, kurang dari 6 minggu setelah melahirkan"]
        )
        self.assertFalse(methods["KONDOM"].refer)
        self.assertTrue(methods["IMPLANT"].refer)
        self.assertContains(page, "Kader boleh memberi informasi dan melayani")  # condoms
        self.assertContains(page, "pemasangan atau tindakan oleh bidan/dokter")  # implant

    def assertRefusedWith(self, data: dict, message: str) -> None:
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertFalse(Counseling.objects.exists())
        self.assertFalse(IntentionRecord.objects.exists())

    def test_a_negative_age_shows_the_engine_message_and_stores_nothing(self):
        self.assertRefusedWith(screening(age="-3", intention="TIAL"), "age")

    def test_an_unknown_condition_id_is_named_with_a_suggestion(self):
        self.assertRefusedWith(
            screening(conditions="thalasaemia", intention="IAT"),
            "Kode kondisi &#x27;thalasaemia&#x27; tidak ada di tabel MEC",
        )

    def test_contradicting_postpartum_fields_are_refused(self):
        self.assertRefusedWith(
            screening(breastfeeding="ya", intention="IAT"), "lama pascapersalinan"
        )

    def test_the_form_keeps_what_was_typed(self):
        response = self.client.post(self.url, screening(age="-3", bp="135/85"))
        self.assertContains(response, 'value="135/85"')

    def test_scope(self):
        self.client.post(self.url, screening())
        detail = reverse("counseling:detail", args=[Counseling.objects.get().pk])
        self.assertVisible(detail, [self.ppkbd_a, self.sub_ppkbd_a, self.pkb, self.koordinator_a])
        self.assertNotVisible(detail, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        self.assertVisible(self.url, [self.ppkbd_a, self.pkb])
        self.assertNotVisible(self.url, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        self.assertPostRefused(self.url, screening(), [None, self.ppkbd_c, self.mitra_a])
        self.assertEqual(Counseling.objects.count(), 1)
        index = reverse("counseling:index") + "?q=Istri"
        self.assertVisible(index, [self.ppkbd_a])
        self.assertNotVisible(index, [None, self.mitra_a, self.pimpinan])
        self.client.force_login(self.ppkbd_c)
        found = self.client.get(index).context["found"]
        self.assertEqual([m.pk for m in found], [self.wife_c.pk])
