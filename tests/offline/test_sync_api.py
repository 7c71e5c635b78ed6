"""POST/GET /api/v1/sync: each entry applied once through the apps' actions, in scope."""

import json

from impsmart.accounts.models import ApiToken, AuditEvent
from impsmart.counseling.models import Counseling, KieSession, Referral, Visit
from impsmart.families.models import ContraceptiveEpisode, IntentionRecord, Pregnancy
from impsmart.funds.models import LedgerEntry
from impsmart.groups.models import Session
from impsmart.meetings.models import Attendance
from impsmart.offline.models import SyncEntry
from tests.base import CHECKED_ROUTES
from tests.offline.entries import NO_METHOD, entry, ten_entries
from tests.offline.world import OfflineWorld

URL = "/api/v1/sync"


def counts() -> dict[str, int]:
    models = (ContraceptiveEpisode, IntentionRecord, Pregnancy, Counseling, KieSession, Referral,
              Visit, Attendance, Session, LedgerEntry)  # fmt: skip
    return {m.__name__: m.objects.count() for m in models}


class SyncTestCase(OfflineWorld):
    def post(self, user, entries) -> list[dict]:
        token = ApiToken.issue(user)
        response = self.client.post(
            URL, json.dumps({"entries": entries}), content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()["results"]


class TestApplyOnce(SyncTestCase):
    def test_ten_entries_apply_once_and_a_replay_applies_nothing(self):
        before = counts()
        entries = ten_entries(self)
        results = self.post(self.ppkbd_a, entries)
        self.assertEqual([r["status"] for r in results], ["applied"] * 10, results)
        after = counts()
        self.assertEqual(after["Visit"], before["Visit"] + 1)
        self.assertEqual(after["Pregnancy"], before["Pregnancy"] + 1)
        self.assertEqual(after["Session"], before["Session"] + 1)
        self.assertEqual(after["Attendance"], before["Attendance"] + 1)
        self.assertEqual(self.wife_a.episodes.get().end_reason, "ingin_hamil")

        replay = self.post(self.ppkbd_a, entries)
        self.assertEqual([r["status"] for r in replay], ["duplicate"] * 10)
        self.assertEqual(counts(), after)
        self.assertEqual([r["message"] for r in replay], [r["message"] for r in results])

    def test_the_same_id_with_other_data_is_refused(self):
        first = entry("intention", {"member": self.wife_a.pk, "intention": "IAT",
                                    "recorded_on": "2026-11-10"})  # fmt: skip
        self.post(self.ppkbd_a, [first])
        other = {**first, "payload": {**first["payload"], "intention": "TIAL"}}
        [result] = self.post(self.ppkbd_a, [other])
        self.assertEqual(result["status"], "refused")
        self.assertEqual(self.wife_a.intentions.get().intention, "IAT")

    def test_a_refused_entry_comes_back_with_the_indonesian_message_and_can_be_sent_again(self):
        bad = entry("kb_stop", {"member": self.wife_a.pk, "end_date": "2026-11-10",
                                "reason": "", "base": {"episode": ["PIL", "2025-01-05"],
                                                       "pregnancy": None}})  # fmt: skip
        [result] = self.post(self.ppkbd_a, [bad])
        self.assertEqual(
            result, {**result, "status": "refused", "message": "Pilih alasan berhenti."}
        )
        bad["payload"]["reason"] = "efek_samping"
        [result] = self.post(self.ppkbd_a, [bad])
        self.assertEqual(result["status"], "applied")

    def test_applied_entries_are_audited_as_the_cadre(self):
        self.post(self.ppkbd_a, ten_entries(self)[:1])
        event = AuditEvent.objects.filter(model="counseling.Visit").latest("id")
        self.assertEqual(event.actor, self.ppkbd_a)
        self.assertEqual(SyncEntry.objects.get().user, self.ppkbd_a)


class TestConflicts(SyncTestCase):
    def test_a_start_recorded_while_another_device_started_a_method_is_a_conflict(self):
        self.post(self.ppkbd_a, [entry("kb_stop", {
            "member": self.wife_a.pk, "end_date": "2026-11-01", "reason": "efek_samping",
            "base": {"episode": ["PIL", "2025-01-05"], "pregnancy": None}})])  # fmt: skip
        start = {"member": self.wife_a.pk, "start_date": "2026-11-10", "base": NO_METHOD}
        [a] = self.post(self.ppkbd_a, [entry("kb_start", {**start, "method": "SUNTIK3"})])
        [b] = self.post(self.sub_ppkbd_a, [entry("kb_start", {**start, "method": "IMPLAN"})])
        self.assertEqual(a["status"], "applied")
        self.assertEqual(b["status"], "conflict")
        self.assertIn("memakai SUNTIK3 sejak 2026-11-10", b["message"])
        self.assertEqual(self.wife_a.episodes.filter(end_date=None).get().method, "SUNTIK3")

    def test_stopping_an_episode_already_closed_on_the_server_is_a_conflict(self):
        pill = {"episode": ["PIL", "2025-01-05"], "pregnancy": None}
        stop = {"member": self.wife_a.pk, "end_date": "2026-11-10", "reason": "ingin_hamil"}
        self.post(self.pkb, [entry("kb_stop", {**stop, "base": pill})])
        [late] = self.post(self.ppkbd_a, [entry("kb_stop", {**stop, "reason": "akses",
                                                            "base": pill})])  # fmt: skip
        self.assertEqual(late["status"], "conflict")
        self.assertEqual(self.wife_a.episodes.get().end_reason, "ingin_hamil")


class TestScope(SyncTestCase):
    def test_a_cadre_cannot_sync_into_another_desa(self):
        before = counts()
        visit = {"member": self.wife_a.pk, "kind": "unmet", "outcome": "bertemu",
                 "date": "2026-11-10"}  # fmt: skip
        kie = {
            "region_code": self.desa_a.code,
            "date": "2026-11-13",
            "place": "Balai",
            "presenter_kind": "kader",
            "presenter_name": "C",
            "topics": ["kb_mkjp"],
        }
        results = self.post(
            self.ppkbd_c,
            [entry("visit", visit), entry("kie", kie), entry("iuran", {"fund": self.fund.pk})],
        )
        self.assertEqual([r["status"] for r in results], ["refused"] * 3)
        self.assertIn("tidak ditemukan di wilayah Anda", results[0]["message"])
        self.assertEqual(counts(), before)

    def test_changes_hold_only_her_scope_and_later_only_what_changed(self):
        response = self.api_get(f"{URL}?since=0", self.ppkbd_c)
        self.assertEqual({f["id"] for f in response.json()["families"]}, {self.family_c.pk})
        full = self.api_get(f"{URL}?since=0", self.ppkbd_a).json()
        self.assertEqual(len(full["families"]), 3)
        self.post(self.ppkbd_a, ten_entries(self)[:1])
        later = self.api_get(f"{URL}?since={full['token']}", self.ppkbd_a).json()
        self.assertEqual([f["id"] for f in later["families"]], [])  # a visit: no family change
        self.post(self.ppkbd_a, ten_entries(self)[1:2])
        later = self.api_get(f"{URL}?since={full['token']}", self.ppkbd_a).json()
        [family] = later["families"]
        wife = next(m for m in family["m"] if m["id"] == self.wife_a.pk)
        self.assertEqual(wife["episode"], None)

    def test_only_field_users_sync_and_only_signed_in(self):
        CHECKED_ROUTES.add("api:fetch_changes")  # the GET shares its path with the POST
        self.assertEqual(self.api_get(URL, None).status_code, 401)
        for user in (self.admin, self.pimpinan, self.mitra_a):
            self.assertEqual(self.api_get(URL, user).status_code, 403, user)

    def test_the_browser_session_needs_the_csrf_token(self):
        self.client.force_login(self.ppkbd_a)
        self.client.handler.enforce_csrf_checks = True
        response = self.client.post(URL, '{"entries": []}', content_type="application/json")
        self.assertEqual(response.status_code, 403)
