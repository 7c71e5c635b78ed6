import datetime as dt

from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.counseling import actions
from impsmart.counseling.kie import kie_counts
from impsmart.counseling.models import KieSession
from tests.counseling.world import CounselingWorld


def kie_post(region_code: str, **extra) -> dict:
    data = {
        "date": "2025-03-10",
        "region_code": region_code,
        "place": "Balai desa",
        "topics": ["kb_mkjp", "4t_stunting"],
        "presenter_kind": "pkb",
        "presenter_name": "Bu Rahma",
        "partners": ["puskesmas", "babinsa"],
        "kie_kit": "on",
        "leaders_active": "2",
        "audience_lt20_l": "1",
        "audience_lt20_p": "3",
        "audience_20_49_l": "4",
        "audience_20_49_p": "12",
        "audience_50plus_l": "0",
        "audience_50plus_p": "2",
    }
    data.update(extra)
    return data


class KieSessionTests(CounselingWorld):
    def session(self, region_code: str, date: dt.date, **fields) -> KieSession:
        defaults = {
            "place": "Posyandu",
            "topics": ["pup"],
            "presenter_kind": "kader",
            "presenter_name": "Kader",
            "audience_20_49_p": 10,
        }
        defaults.update(fields)
        with acting_as(self.ppkbd_a):
            return actions.create_kie_session(
                actor=self.pkb, region_code=region_code, date=date, **defaults
            )

    def test_a_cadre_records_a_session_with_its_audience(self):
        self.client.force_login(self.ppkbd_a)
        response = self.client.post(reverse("counseling:kie_create"), kie_post(self.dusun_a1.code))
        session = KieSession.objects.get()
        self.assertRedirects(response, reverse("counseling:kie_detail", args=[session.pk]))
        self.assertEqual(session.audience_total, 22)
        self.assertEqual(session.topics, ["kb_mkjp", "4t_stunting"])
        self.assertTrue(session.kie_kit)
        self.assertEqual(session.created_by, self.ppkbd_a)
        page = self.client.get(response["Location"])
        self.assertContains(page, "TNI Babinsa")

    def test_the_form_keeps_what_was_typed_and_explains_errors(self):
        self.client.force_login(self.ppkbd_a)
        data = kie_post(self.dusun_a1.code, topics=[], date="2999-01-01", place="Masjid Raya")
        response = self.client.post(reverse("counseling:kie_create"), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Masjid Raya")
        self.assertFalse(KieSession.objects.exists())

    def test_a_future_date_is_refused_in_indonesian(self):
        self.client.force_login(self.ppkbd_a)
        data = kie_post(self.dusun_a1.code, date="2999-01-01")
        response = self.client.post(reverse("counseling:kie_create"), data)
        self.assertContains(response, "belum terjadi")
        self.assertFalse(KieSession.objects.exists())

    def test_counts_group_by_child_region_for_the_month(self):
        march = dt.date(2025, 3, 5)
        self.session(self.dusun_a1.code, march, kie_kit=True, leaders_active=3)
        self.session(self.desa_a.code, march, presenter_kind="pkb")
        self.session(self.desa_b.code, march, audience_lt20_l=5)
        self.session(self.desa_a.code, dt.date(2025, 4, 1))
        counts = kie_counts("73.06.06", "2025-03")
        self.assertEqual(set(counts), {self.desa_a.code, self.desa_b.code})
        a = counts[self.desa_a.code]
        self.assertEqual((a["sessions"], a["by_pkb"], a["with_kit"]), (2, 1, 1))
        self.assertEqual((a["leaders_active"], a["audience"]), (3, 20))
        self.assertEqual(counts[self.desa_b.code]["audience"], 15)
        by_dusun = kie_counts(self.desa_a.code, "2025-03")
        self.assertEqual(by_dusun[self.dusun_a1.code]["sessions"], 1)
        self.assertEqual(by_dusun[self.desa_a.code]["sessions"], 1)

    def test_the_list_shows_the_month_and_its_counts(self):
        self.session(self.dusun_a1.code, dt.date(2025, 3, 5), place="Rumah Pak Dusun")
        url = reverse("counseling:kie_list") + f"?wilayah={self.desa_a.code}&bulan=2025-03"
        self.client.force_login(self.ppkbd_a)
        response = self.client.get(url)
        self.assertContains(response, "Rumah Pak Dusun")
        self.assertEqual(response.context["total"]["sessions"], 1)

    def test_scope(self):
        session = self.session(self.dusun_a1.code, dt.date(2025, 3, 5))
        detail = reverse("counseling:kie_detail", args=[session.pk])
        self.assertVisible(detail, [self.ppkbd_a, self.pkb, self.koordinator_a, self.pimpinan])
        self.assertNotVisible(detail, [None, self.ppkbd_c, self.mitra_a])
        listing = reverse("counseling:kie_list")
        self.assertVisible(listing, [self.ppkbd_a, self.pkb, self.pimpinan])
        self.assertNotVisible(listing, [None, self.mitra_a])
        self.assertNotVisible(listing + f"?wilayah={self.desa_a.code}", [self.ppkbd_c])
        create = reverse("counseling:kie_create")
        self.assertVisible(create, [self.ppkbd_a, self.sub_ppkbd_a])
        self.assertNotVisible(create, [None, self.mitra_a, self.pimpinan])
        data = kie_post(self.dusun_a1.code)
        self.assertPostRefused(create, data, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        self.assertEqual(KieSession.objects.count(), 1)
