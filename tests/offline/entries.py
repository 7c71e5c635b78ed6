"""Outbox entries as the phone builds them: one of each kind for desa A's couple."""

import uuid

NO_METHOD = {"episode": None, "pregnancy": None}


def entry(kind: str, payload: dict, client_id: str | None = None) -> dict:
    return {"client_id": client_id or str(uuid.uuid4()), "kind": kind, "payload": payload}


def ten_entries(world) -> list[dict]:
    """Ten events across the kinds, in an order the server can apply: the wife of family A
    uses a pill (GroupWorld), so she stops, becomes pregnant and gives birth."""
    wife = world.wife_a.pk
    pill = {"episode": ["PIL", "2025-01-05"], "pregnancy": None}
    return [
        entry("visit", {"member": wife, "kind": "resupply", "outcome": "dilayani",
                        "date": "2026-11-10", "note": ""}),
        entry("kb_stop", {"member": wife, "end_date": "2026-11-10", "reason": "ingin_hamil",
                          "base": pill}),
        entry("intention", {"member": wife, "intention": "IAS", "recorded_on": "2026-11-10"}),
        entry("pregnancy", {"member": wife, "start_date": "2026-11-12", "base": NO_METHOD}),
        entry("counseling", {"member": wife, "date": "2026-11-12", "topics": [],
                             "facts": {"conditions": ["pregnant"]}, "note": ""}),
        entry("referral", {"member": wife, "facility": world.puskesmas.pk,
                           "reason": "Periksa kehamilan", "sent_on": "2026-11-12"}),
        entry("kie", {"region_code": world.desa_a.code, "date": "2026-11-13", "place": "Posyandu",
                      "presenter_kind": "kader", "presenter_name": "Ibu Kader",
                      "topics": ["kb_mkjp"], "audience_20_49_p": 12}),
        entry("meeting_attendance", {"meeting": world.meeting.pk, "role": "kader",
                                     "name": "Ibu Sari"}),
        entry("poktan_session", {"group": world.bkb.pk, "date": "2026-11-14",
                                 "topic": "bkb_gizi", "presenter_kind": "kader",
                                 "presenter_name": "Ibu Kader",
                                 "attendees": [world.membership.pk]}),
        entry("iuran", {"fund": world.fund.pk, "month": "2026-11-01", "date": "2026-11-14",
                        "paid": [world.fund_member.pk]}),
    ]  # fmt: skip
