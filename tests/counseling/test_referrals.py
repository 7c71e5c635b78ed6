import datetime as dt

from django.urls import reverse

from impsmart import dates
from impsmart.accounts.audit import acting_as
from impsmart.counseling import actions, visits
from impsmart.counseling.models import Counseling, Referral
from impsmart.families.models import ContraceptiveEpisode, Member
from impsmart.families.status import with_status
from tests.counseling.world import CounselingWorld

TODAY = dates.today()


class ReferralFlowTests(CounselingWorld):
    def refer(self, member, facility) -> Referral:
        with acting_as(self.ppkbd_a):
            return actions.create_referral(
                actor=self.ppkbd_a if member == self.wife_a else self.ppkbd_c,
                member=member,
                facility=facility,
                reason="Ingin implan",
                sent_on=TODAY,
                method_wanted="IMPLAN",
            )

    def test_counsel_refer_serve_confirm_puts_the_implant_in_the_register(self):
        self.client.force_login(self.ppkbd_a)
        counsel_url = reverse("counseling:counsel", args=[self.wife_a.pk])
        self.client.post(counsel_url, {"date": TODAY.isoformat(), "age": "30"})
        counseling = Counseling.objects.get()
        refer_url = reverse("counseling:refer", args=[self.wife_a.pk])
        response = self.client.post(
            f"{refer_url}?konseling={counseling.pk}",
            {
                "facility": self.puskesmas_a.pk,
                "method_wanted": "IMPLAN",
                "reason": "Ingin MKJP",
                "sent_on": TODAY.isoformat(),
            },
        )
        referral = Referral.objects.get()
        self.assertRedirects(response, reverse("counseling:referral_detail", args=[referral.pk]))
        self.assertEqual(referral.counseling, counseling)
        slip = self.client.get(reverse("counseling:referral_slip", args=[referral.pk]))
        self.assertContains(slip, self.wife_a.name)
        self.assertContains(slip, "Implan")

        other = self.refer(self.wife_c, self.puskesmas_c)
        self.client.force_login(self.mitra_a)
        home = self.client.get(reverse("dashboard:home"))
        self.assertContains(home, self.wife_a.name)
        self.assertNotContains(home, self.wife_c.name)
        listing = self.client.get(reverse("counseling:referral_list"))
        self.assertEqual(list(listing.context["referrals"]), [referral])
        other_url = reverse("counseling:referral_detail", args=[other.pk])
        self.assertEqual(self.client.get(other_url).status_code, 404)
        family_url = reverse("families:detail", args=[self.family_a.pk])
        self.assertEqual(self.client.get(family_url).status_code, 404)

        answer_url = reverse("counseling:referral_answer", args=[referral.pk])
        response = self.client.post(
            answer_url,
            {
                "served": "1",
                "method": "IMPLAN",
                "served_on": TODAY.isoformat(),
                "jalur": "pemerintah",
            },
        )
        self.assertRedirects(response, reverse("counseling:referral_list"))
        referral.refresh_from_db()
        self.assertEqual((referral.status, referral.served_method), ("served", "IMPLAN"))
        self.assertFalse(ContraceptiveEpisode.objects.exists())  # only after confirmation

        self.client.force_login(self.ppkbd_a)
        detail = self.client.get(reverse("counseling:referral_detail", args=[referral.pk]))
        self.assertContains(detail, "Konfirmasi")
        items = visits.visit_list(self.ppkbd_a)
        self.assertIn(("confirm", self.wife_a.pk), [(i.kind, i.member.pk) for i in items])
        self.client.post(reverse("counseling:referral_confirm", args=[referral.pk]))
        referral.refresh_from_db()
        self.assertEqual(referral.confirmed_by, self.ppkbd_a)
        episode = ContraceptiveEpisode.objects.get(member=self.wife_a)
        self.assertEqual(
            (episode.method, episode.start_date, episode.place), ("IMPLAN", TODAY, "puskesmas")
        )
        status = with_status(Member.objects.filter(pk=self.wife_a.pk), TODAY).get()
        self.assertEqual(status.status, "IMPLAN")
        self.assertEqual(visits.visit_list(self.ppkbd_a), [])
        end = (
            TODAY.replace(year=TODAY.year + 3)
            if (TODAY.month, TODAY.day) != (2, 29)
            else (dt.date(TODAY.year + 3, 2, 28))
        )
        later = visits.visit_list(self.ppkbd_a, today=end - dt.timedelta(days=30))
        self.assertEqual([(i.kind, i.due) for i in later], [("mkjp_end", end)])

    def test_a_facility_answers_not_served_with_a_reason(self):
        referral = self.refer(self.wife_a, self.puskesmas_a)
        self.client.force_login(self.mitra_a)
        url = reverse("counseling:referral_answer", args=[referral.pk])
        response = self.client.post(url, {"served": "0", "reason": ""})
        self.assertContains(response, "Tulis alasan tidak dilayani")
        self.client.post(url, {"served": "0", "reason": "Bidan sedang pelatihan"})
        referral.refresh_from_db()
        self.assertEqual(referral.status, "not_served")
        self.assertFalse(referral.awaits_confirmation)

    def test_a_cadre_may_refer_only_to_facilities_serving_her_region(self):
        self.client.force_login(self.ppkbd_a)
        url = reverse("counseling:refer", args=[self.wife_a.pk])
        choices = self.client.get(url).context["form"].fields["facility"].queryset
        self.assertEqual(list(choices), [self.puskesmas_a])
        data = {"facility": self.puskesmas_c.pk, "reason": "x", "sent_on": TODAY.isoformat()}
        self.assertEqual(self.client.post(url, data).status_code, 200)
        self.assertFalse(Referral.objects.exists())

    def test_scope(self):
        referral = self.refer(self.wife_a, self.puskesmas_a)
        for name in ("referral_detail", "referral_slip", "referral_slip_pdf"):
            url = reverse(f"counseling:{name}", args=[referral.pk])
            self.assertVisible(url, [self.ppkbd_a, self.pkb, self.koordinator_a, self.mitra_a])
            self.assertNotVisible(url, [None, self.ppkbd_c, self.mitra_c, self.pimpinan])
        answer = reverse("counseling:referral_answer", args=[referral.pk])
        self.assertVisible(answer, [self.mitra_a])
        self.assertNotVisible(answer, [None, self.ppkbd_a, self.mitra_c, self.ppkbd_c])
        served = {"served": "1", "method": "PIL", "served_on": TODAY.isoformat()}
        self.assertPostRefused(answer, served, [None, self.ppkbd_a, self.mitra_c])
        confirm = reverse("counseling:referral_confirm", args=[referral.pk])
        self.assertPostRefused(confirm, {}, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        referral.refresh_from_db()
        self.assertEqual(referral.status, "sent")
        listing = reverse("counseling:referral_list")
        self.assertVisible(listing, [self.ppkbd_a, self.mitra_a, self.mitra_c])
        self.assertNotVisible(listing, [None])
        self.client.force_login(self.mitra_c)
        self.assertEqual(list(self.client.get(listing).context["referrals"]), [])
        refer = reverse("counseling:refer", args=[self.wife_a.pk])
        self.assertVisible(refer, [self.ppkbd_a, self.pkb])
        self.assertNotVisible(refer, [None, self.ppkbd_c, self.mitra_a, self.pimpinan])
        data = {"facility": self.puskesmas_a.pk, "reason": "x", "sent_on": TODAY.isoformat()}
        self.assertPostRefused(refer, data, [None, self.ppkbd_c, self.mitra_a])
        self.assertEqual(Referral.objects.count(), 1)
