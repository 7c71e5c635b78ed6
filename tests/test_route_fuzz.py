"""Every route, every parameter its view reads, hostile values: never a 5xx.

The parameter names come from the views' source (``params.<reader>(request.GET, "name")``)
and, for the API, from its OpenAPI schema; the routes from the URL resolver, so a new route
without arguments here fails ``test_every_route_is_fuzzed``.
"""

import datetime as dt
import inspect
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import get_resolver, reverse

from impsmart.accounts.audit import acting_as
from impsmart.accounts.models import ApiToken
from impsmart.api.api import api
from impsmart.counseling import actions as counseling_actions
from impsmart.families.views.kb import EVENTS
from impsmart.groups import actions as group_actions
from impsmart.groups.models import Membership, Session
from impsmart.meetings import actions as meeting_actions
from impsmart.organization import actions as organization_actions
from impsmart.reports import actions as report_actions
from impsmart.reports.indicators import INDICATORS
from impsmart.services import actions as service_actions
from impsmart.training import actions as training_actions
from impsmart.training.models import Certificate
from tests.base import KABUPATEN, KECAMATAN_A
from tests.conftest import all_route_names
from tests.counseling.world import CounselingWorld
from tests.funds.world import fund_objects
from tests.organization.world import PDF

HOSTILE = [
    "abc",
    "1-1",
    "9999-12",
    "0000-00",
    "-1",
    "9223372036854775808",
    "\x00",
    "'",
    "<script>",
    "x" * 5000,
    "",
]
# params.<reader>(request.GET, "name") (a variable for the QueryDict may be either), and any
# direct request.GET.get("name") / request.POST["name"] that slipped past params.
READS = [
    re.compile(r"params\.\w+\(\s*([\w.]+),\s*\"(\w+)\""),
    re.compile(r"(request\.(?:GET|POST))(?:\.get\(|\[)\s*\"(\w+)\""),
]
HANDS_REQUEST = re.compile(r"(\w+)\(request\b")
GROUP_ROUTES = [
    "detail", "edit", "deactivate", "enrol", "session_create", "revenue", "register",
    "register_xlsx", "register_pdf",
]  # fmt: skip


class FuzzWorld(CounselingWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = dt.date(2026, 11, 1)
        with acting_as(cls.ppkbd_a):
            cls.counseling = counseling_actions.record_counseling(
                actor=cls.ppkbd_a, member=cls.wife_a, date=today, topics=[], facts={}
            )
            cls.referral = counseling_actions.create_referral(
                actor=cls.ppkbd_a,
                member=cls.wife_a,
                facility=cls.puskesmas_a,
                reason="Ingin implan",
                sent_on=today,
            )
            cls.kie = counseling_actions.create_kie_session(
                actor=cls.ppkbd_a,
                region_code=cls.dusun_a1.code,
                date=today,
                place="Posyandu",
                topics=["pup"],
                presenter_kind="kader",
                presenter_name="Kader",
                audience_20_49_p=10,
            )
            cls.report = report_actions.refresh_draft(
                actor=cls.ppkbd_a, form="REKAP_PUS", region_code=cls.desa_a.code, month=today
            )
            cls.event = training_actions.create_event(
                actor=cls.admin, modules=["09-pup"], kind="workshop", title="Lokakarya",
                region_code=KECAMATAN_A, organiser="dinas", facilitators="Tim", place="Aula",
                starts_on=today, ends_on=today, schedule="",
            )  # fmt: skip
            cls.participant = training_actions.add_participant(
                actor=cls.admin, event=cls.event, username="ppkbd_a", attended=True
            )
            cls.certificate = Certificate.objects.create(
                participant=cls.participant, code="ABCD-2345", issued_on=today
            )
            cls.house = training_actions.create_house(
                actor=cls.admin, region_code=KECAMATAN_A, name="Rumah baca", place="Kantor",
                keeper="Ibu", opening_hours="08-14",
            )  # fmt: skip
            cls.group = group_actions.create_group(
                actor=cls.ppkbd_a, kind="UPPKA", region_code=cls.desa_a.code, name="UPPKA Mawar"
            )
            cls.membership = Membership.objects.create(
                group=cls.group, family=cls.family_a, started_on=today
            )
            cls.session = Session.objects.create(
                group=cls.group, date=today, topic="uppka_usaha", presenter_kind="kader",
                presenter_name="Kader", created_by=cls.ppkbd_a,
            )  # fmt: skip
        with acting_as(cls.admin):
            cls.institution = organization_actions.create_institution(
                actor=cls.admin, level="ppkbd", name="PPKBD A", region_code=cls.desa_a.code
            )
            cls.seat = organization_actions.assign_seat(
                actor=cls.admin, institution=cls.institution, seat="ketua", name="Ibu A",
                started_on=today,
            )  # fmt: skip
            cls.partner = organization_actions.create_partner(
                actor=cls.admin, region_code=KECAMATAN_A, kind="kua", name="KUA A"
            )
            cls.decree = organization_actions.record_decree(
                actor=cls.admin, region_code=KABUPATEN, year=2027, number="1/2026",
                signed_on=today, signatory="Bupati", effective_on=today,
                upload=SimpleUploadedFile("sk.pdf", PDF),
            )  # fmt: skip
            cls.meeting = meeting_actions.schedule_meeting(
                actor=cls.ppkbd_a, institution=cls.institution, date=today, place="Balai"
            )
            cls.action = meeting_actions.raise_action(
                actor=cls.ppkbd_a, meeting=cls.meeting, problem="X", owner_name="Y", due_on=today
            )
            cls.thread = meeting_actions.start_thread(
                actor=cls.ppkbd_a, region_code=KECAMATAN_A, title="T", body="B"
            )
        cls.funds = fund_objects(cls.ppkbd_a, cls.desa_a.code)
        with acting_as(cls.ppkbd_a):
            cls.service_day = service_actions.create_service_day(
                actor=cls.ppkbd_a, region_code=cls.desa_a.code, date=today, place="Balai",
                facility=cls.puskesmas_a, medical_staff="Bidan", methods=["IUD"],
            )  # fmt: skip
            cls.couple = service_actions.add_couple(
                actor=cls.ppkbd_a, region_code=cls.desa_a.code, bride_name="A",
                bride_birth_date=dt.date(2005, 1, 1), groom_name="B",
                groom_birth_date=dt.date(2000, 1, 1),
            )  # fmt: skip

    def route_args(self) -> dict[str, list[tuple]]:
        """Each named route's URL arguments: one world object of the right kind (or several)."""
        desa, wife, report = self.desa_a.code, self.wife_a.pk, self.report.pk
        traced = next(code for code, i in INDICATORS.items() if i.trace is not None)
        plain = [
            "accounts:audit", "accounts:login", "accounts:logout", "accounts:password_change",
            "accounts:user_create",
            "accounts:users", "api:api-root", "api:issue_token", "api:list_families",
            "api:list_regions", "api:list_groups", "api:me", "api:list_funds", "funds:index",
            "api:list_service_days",
            "api:openapi-json", "api:openapi-view",
            "offline:app", "offline:manifest", "offline:sw", "offline:mec", "offline:csrf",
            "api:fetch_changes", "api:send_outbox",
            "counseling:facility_create", "counseling:facility_list", "counseling:index",
            "counseling:kie_create", "counseling:kie_list", "counseling:referral_list",
            "counseling:visit_record", "counseling:visits", "dashboard:home",
            "api:list_institutions", "organization:institution_list",
            "organization:institution_create", "organization:decree_list",
            "organization:decree_record", "organization:partner_list",
            "organization:partner_create",
            "dashboard:map_index", "families:create", "families:list", "imports:upload",
            "regions:index", "reports:list", "reports:prepare", "set_language", "groups:list",
            "groups:create", "services:day_list", "services:day_create", "services:pup",
            "services:youth", "services:couple_create", "services:mentoring_create",
        ]  # fmt: skip
        referral = [(self.referral.pk,)]
        facility = [(self.puskesmas_a.pk,)]
        family = [(self.family_a.pk,)]
        group, membership = [(self.group.pk,)], [(self.membership.pk,)]
        return {
            **{name: [()] for name in plain},
            "accounts:user_edit": [(self.ppkbd_a.pk,)],
            "accounts:user_password_reset": [(self.ppkbd_a.pk,)],
            "api:family": family,
            "api:region": [(KECAMATAN_A,)],
            "counseling:counsel": [(wife,)],
            "counseling:detail": [(self.counseling.pk,)],
            "counseling:refer": [(wife,)],
            "counseling:kie_detail": [(self.kie.pk,)],
            "counseling:referral_detail": referral,
            "counseling:referral_slip": referral,
            "counseling:referral_slip_pdf": referral,
            "counseling:referral_answer": referral,
            "counseling:referral_confirm": referral,
            "counseling:facility_detail": facility,
            "counseling:facility_edit": facility,
            "counseling:facility_delete": facility,
            "counseling:facility_staff_link": facility,
            "counseling:facility_staff_unlink": [(self.puskesmas_a.pk, self.mitra_a.pk)],
            **{name: [(pk,)] for name, pk in self.funds.items()},
            "dashboard:map": [(KECAMATAN_A,)],
            "dashboard:map_data": [(KECAMATAN_A,)],
            "dashboard:map_points": [(desa,)],
            "families:detail": family,
            "families:edit": family,
            "families:ks": family,
            "families:kk_number": family,
            "families:member_create": family,
            "families:member_edit": [(wife,)],
            "families:member_exit": [(wife,)],
            "families:member_link_husband": [(wife,)],
            "families:member_separate": [(wife,)],
            "families:woman_event": [(wife, event) for event in EVENTS],
            "families:quality": [(desa,)],
            "imports:template": [("csv",)],
            **{f"groups:{name}": group for name in GROUP_ROUTES},
            "groups:membership_end": membership,
            "groups:capital": membership,
            "groups:session": [(self.session.pk,)],
            **{
                f"services:{name}": [(self.service_day.pk,)]
                for name in ("day_detail", "targets", "attendance", "methods", "confirm")
            },
            "services:couple_marry": [(self.couple.pk,)],
            "regions:detail": [(desa,)],
            "regions:geojson": [(KECAMATAN_A,)],
            "regions:add_child": [(desa,)],
            "register:page": [(desa,)],
            "register:xlsx": [(desa,)],
            "register:pdf": [(desa,)],
            "register:csv": [(desa,)],
            "reports:detail": [(report,)],
            "reports:step": [(report, "kirim"), (report, "kembalikan")],
            "reports:dhis2": [(report,)],
            "reports:download": [(report, "csv")],
            "reports:trace": [(report, traced)],
            "reports:kecamatan_status": [(KECAMATAN_A,)],
            "reports:kabupaten_heat": [(KABUPATEN,)],
            **{
                name: [()]
                for name in ("monitoring:overview", "monitoring:sites", "monitoring:rules")
            },
            **{name: [()] for name in ("api:get_scorecard", "api:get_trends")},
            **{
                f"monitoring:{name}": [(KABUPATEN,), (KECAMATAN_A,), (desa,)]
                for name in ("region", "compare", "bulletin_text", "bulletin_pdf")
            },
            **{name: [()] for name in ("meetings:index", "forum:index", "api:list_meetings")},
            **{
                f"meetings:{name}": [(self.institution.pk,)]
                for name in ("institution", "schedule", "schedule_next")
            },
            **{
                f"meetings:{name}": [(self.meeting.pk,)]
                for name in (
                    "detail",
                    "edit",
                    "invitation",
                    "pack",
                    "attend",
                    "minutes",
                    "addendum",
                    "action_add",
                )
            },  # fmt: skip
            "meetings:action_close": [(self.meeting.pk, self.action.pk)],
            "forum:board": [(KECAMATAN_A,)],
            "forum:thread": [(self.thread.pk,)],
            "training:index": [()],
            "training:competence": [()],
            "training:book_sw": [()],
            "training:book": [("id",), ("en",)],
            "training:booklet": [("id",)],
            "training:chapter": [("id", "09-pup"), ("en", "01-pengorganisasian")],
            "training:event_create": [()],
            "training:event": [(self.event.pk,)],
            "training:attempt": [(self.participant.pk, "pre"), (self.participant.pk, "post")],
            "training:certificate": [(self.participant.pk,)],
            "training:houses": [()],
            "training:house": [(self.house.pk,)],
            "certificate_verify": [("ABCD-2345",)],
            "api:list_events": [()],
            "api:event": [(self.event.pk,)],
            **{
                f"organization:{name}": [(self.institution.pk,)]
                for name in (
                    "institution_detail",
                    "institution_edit",
                    "institution_deactivate",
                    "seat_assign",
                )
            },  # fmt: skip
            "organization:seat_end": [(self.seat.pk,)],
            "organization:decree_draft": [("docx",), ("pdf",)],
            "organization:decree_detail": [(self.decree.pk,)],
            "organization:decree_file": [(self.decree.pk,)],
            **{
                f"organization:{name}": [(self.partner.pk,)]
                for name in ("partner_detail", "contact_add", "activity_add")
            },
        }


def view_params(name: str, path: str) -> dict[str, set[str]]:
    """{"GET": names, "POST": names} the route's view reads outside forms."""
    if name.startswith("api:"):
        schema = api.get_openapi_schema()["paths"].get(path.rstrip("/"), {})
        return {
            "GET": {p["name"] for op in schema.values() for p in op.get("parameters", [])},
            "POST": set(),
        }
    func = get_resolver().resolve(path).func
    found: dict[str, set[str]] = {"GET": set(), "POST": set()}
    source = view_source(getattr(func, "view_class", func))
    for query, param in (match for read in READS for match in read.findall(source)):
        for method in found:
            if query == f"request.{method}" or not query.startswith("request."):
                found[method].add(param)
    return found


def view_source(view, seen: set | None = None) -> str:
    """The view's source and that of the module's helpers it hands the request to."""
    view = inspect.unwrap(view)
    seen = seen if seen is not None else {view}
    source = inspect.getsource(view)
    module = inspect.getmodule(view)
    for called in HANDS_REQUEST.findall(source):
        helper = getattr(module, called, None)
        if inspect.isfunction(helper) and helper not in seen:
            seen.add(helper)
            source += view_source(helper, seen)
    return source


class RouteFuzzTests(FuzzWorld):
    MITRA_ROUTES = {"counseling:referral_answer", "services:methods"}
    # django-ninja's root answers 404: there is no page at /api/v1/.
    # The fuzz world's ledger entry has no receipt photo.
    EMPTY_ROUTES = {"api:api-root", "funds:receipt"}

    def test_every_route_is_fuzzed(self):
        self.assertEqual(set(self.route_args()), all_route_names())

    def test_hostile_parameters_never_answer_5xx(self):
        for name, arg_lists in sorted(self.route_args().items()):
            for args in arg_lists:
                with self.subTest(route=name, args=args), transaction.atomic():
                    self.fuzz(name, reverse(name, args=args))
                    transaction.set_rollback(True)

    def fuzz(self, name: str, path: str) -> None:
        user = self.mitra_a if name in self.MITRA_ROUTES else self.admin
        if name.startswith("funds:") or name in ("api:fetch_changes", "api:send_outbox"):
            user = self.ppkbd_a  # the treasurer; the cadre who syncs her phone
        self.client.force_login(user)
        headers = {}
        if name.startswith("api:"):
            headers["Authorization"] = f"Bearer {ApiToken.issue(user)}"
        baseline = self.client.get(path, headers=headers)
        reachable = (404,) if name in self.EMPTY_ROUTES else (200, 302, 405)
        self.assertIn(baseline.status_code, reachable, f"{user} should reach {path}")
        names = view_params(name, path)
        method = "POST" if baseline.status_code == 405 else "GET"
        send = self.client.post if method == "POST" else self.client.get
        for param in sorted(names[method]):
            for value in HOSTILE:
                response = send(path, {param: value}, headers=headers)
                self.assertLess(response.status_code, 500, f"{method} {path} {param}={value!r}")
