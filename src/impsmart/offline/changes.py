"""What a phone needs to work offline in the user's scope, whole or since a token.

The token is the id of the latest audit event: every write of a family record leaves one
(with the family's region code), so "changed since T" is "a family record with an audit event
after T". A changed family travels whole (its members and each wife's method, pregnancy and
wish), which makes a member who left or a closed family simply replace the phone's copy.
The visit list and the short lists behind the forms (facilities, meetings, poktan, funds) are
small and computed afresh at each sync. Field names are short: this crosses a 3G link.
"""

from __future__ import annotations

from django.db.models import Max

from impsmart import dates
from impsmart.accounts.models import AuditEvent
from impsmart.accounts.scope import code_within, user_scope_codes
from impsmart.counseling import facilities, visits
from impsmart.families import codes
from impsmart.families.models import (
    ContraceptiveEpisode,
    Family,
    IntentionRecord,
    Member,
    Pregnancy,
)
from impsmart.funds.models import Fund
from impsmart.groups import eligibility
from impsmart.groups.models import Group
from impsmart.meetings.models import Meeting
from impsmart.regions.models import Region

FAMILY_RECORDS = {
    "families.Family": None,
    "families.Member": "family_id",
    "families.ContraceptiveEpisode": "member__family_id",
    "families.Pregnancy": "member__family_id",
    "families.IntentionRecord": "member__family_id",
}
MODELS = {
    "families.Member": Member,
    "families.ContraceptiveEpisode": ContraceptiveEpisode,
    "families.Pregnancy": Pregnancy,
    "families.IntentionRecord": IntentionRecord,
}


def token() -> int:
    return AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0


def changed_family_ids(user, since: int) -> set[int]:
    events = AuditEvent.objects.visible_to(user).filter(id__gt=since, model__in=FAMILY_RECORDS)
    by_model: dict[str, set[str]] = {}
    for model, pk in events.values_list("model", "object_pk"):
        by_model.setdefault(model, set()).add(pk)
    ids = {int(pk) for pk in by_model.pop("families.Family", ())}
    for model, pks in by_model.items():
        path = FAMILY_RECORDS[model]
        ids |= set(MODELS[model].objects.filter(pk__in=pks).values_list(path, flat=True))
    return ids


def _states(members) -> dict[int, dict]:
    """Each wife's method in use, open pregnancy and latest wish: three queries in all."""
    episodes = ContraceptiveEpisode.objects.filter(member__in=members, end_date__isnull=True)
    pregnancies = Pregnancy.objects.filter(member__in=members, outcome_date__isnull=True)
    wishes = IntentionRecord.objects.filter(member__in=members).order_by("recorded_on")
    states: dict[int, dict] = {}
    for e in episodes.order_by("start_date"):
        states.setdefault(e.member_id, {})["episode"] = [e.method, e.start_date.isoformat()]
    for p in pregnancies:
        states.setdefault(p.member_id, {})["pregnancy"] = p.start_date.isoformat()
    for w in wishes:
        states.setdefault(w.member_id, {})["wish"] = w.intention
    return states


def families(user, ids: set[int] | None = None) -> list[dict]:
    queryset = Family.objects.visible_to(user)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    rows = {
        f["id"]: {**f, "m": []}
        for f in queryset.values("id", "kk_number", "address", "region_code", "closed_on")
    }
    members = Member.objects.filter(family_id__in=list(rows), left_on__isnull=True)
    wives = members.filter(sex=codes.Sex.FEMALE, marital_status=codes.Marital.MARRIED)
    states = _states(wives.values("pk"))
    fields = ("id", "family_id", "name", "sex", "birth_date", "relation", "marital_status")
    for m in members.order_by("family_id", "birth_date").values_list(*fields):
        pk, family_id, name, sex, birth, relation, marital = m
        person = {"id": pk, "n": name, "s": sex, "b": birth.isoformat(), "r": relation}
        if marital == codes.Marital.MARRIED and sex == codes.Sex.FEMALE:
            person.update({"w": 1, **{"episode": None, "pregnancy": None}, **states.get(pk, {})})
        rows[family_id]["m"].append(person)
    return [
        {"id": r["id"], "kk": r["kk_number"], "a": r["address"], "g": r["region_code"],
         "x": 1 if r["closed_on"] else 0, "m": r["m"]}
        for r in rows.values()
    ]  # fmt: skip


def visit_list(user) -> list[dict]:
    return [
        {"member": i.member.pk, "kind": i.kind, "label": str(visits.KINDS[i.kind]),
         "due": i.due.isoformat(), "state": i.state, "detail": str(i.detail)}
        for i in visits.visit_list(user)
    ]  # fmt: skip


def lists(user) -> dict:
    """The short lists the forms choose from, in her scope."""
    today = dates.today()
    groups = Group.objects.visible_to(user).filter(active=True).order_by("name")
    return {
        "regions": [
            [r.code, r.name]
            for r in Region.objects.filter(level__in=["desa", "dusun"]).order_by("code")
            if any(code_within(r.code, c) for c in user_scope_codes(user))
        ],
        "facilities": [[f.pk, f.name] for f in facilities.referral_choices(user)],
        "meetings": [
            [m.pk, f"{m.date:%d-%m-%Y} {m.place}"]
            for m in Meeting.objects.visible_to(user)
            .filter(finalised_at__isnull=True, date__lte=today)
            .order_by("-date")[:10]
        ],
        "groups": [
            {
                "id": g.pk,
                "n": g.name,
                "k": g.kind,
                "m": [
                    [ms.pk, str(ms.person or ms.family.members.order_by("pk").first() or ms.family)]
                    for ms in eligibility.members_on(g, today).select_related("family", "person")
                ],
            }
            for g in groups
        ],  # fmt: skip
        "funds": [
            {"id": f.pk, "n": f.name, "m": [[m.pk, m.name] for m in f.members.order_by("name")]}
            for f in Fund.objects.visible_to(user).filter(dues_amount__gt=0).order_by("name")
        ],
    }


def since(user, since_token: int) -> dict:
    """Her data changed after ``since_token`` (0: everything), with the token to send next."""
    now = token()
    changed = None if since_token <= 0 else changed_family_ids(user, since_token)
    return {
        "token": now,
        "full": since_token <= 0,
        "families": families(user, changed),
        "visits": visit_list(user),
        "lists": lists(user),
        "today": dates.today().isoformat(),
    }
