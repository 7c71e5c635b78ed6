"""F/I/Dal and F/II/Dal: a desa's figures equal an independent count of its group registers,
institutions, meetings, KIE and the family register; a kecamatan is the sum of its desa."""

import datetime as dt
import json
from collections import Counter
from io import BytesIO, StringIO

import openpyxl
import pdfplumber
from django.core.management import CommandError, call_command
from django.urls import reverse

from impsmart.accounts.audit import acting_as
from impsmart.counseling import actions as counseling
from impsmart.families import contraception
from impsmart.families.models import Member
from impsmart.families.status import with_status
from impsmart.groups import actions
from impsmart.groups.curriculum import TOPICS
from impsmart.groups.models import (
    Attendance,
    Capital,
    Group,
    KkaCheck,
    Membership,
    Revenue,
    Session,
)
from impsmart.meetings import actions as meetings
from impsmart.meetings.models import Meeting
from impsmart.organization import actions as organization
from impsmart.organization.models import Institution
from impsmart.regions.models import Region
from impsmart.reports import actions as reports
from impsmart.reports import dhis2, engine, exports
from impsmart.reports.forms_catalog import F_I_DAL, get_form
from impsmart.reports.models import ImmutableReport, LateReason, Report, Status
from impsmart.reports.views import EXPORTS
from tests.families.world import make_couple
from tests.groups.world import GroupWorld, add_person

MONTH = dt.date(2026, 10, 1)
MONTH_END = dt.date(2026, 10, 31)
KINDS = {"BKB": "bkb", "BKR": "bkr", "BKL": "bkl", "UPPKA": "uppka"}
METHODS = {"IUD", "MOW", "MOP", "IMPLAN", "SUNTIK1", "SUNTIK3", "PIL", "KONDOM", "MAL"}


def values(report: dict) -> dict:
    return {row["code"]: row["value"] for row in report["rows"]}


class DalWorld(GroupWorld):
    """Desa A: BKB, BKR, BKL and UPPKA meeting in October (one member leaving mid-month), a BKB
    that only enrolled, one deactivated before October; a PPKBD and two Sub-PPKBD of which the
    PPKBD and one Sub-PPKBD sent their REKAP_PUS; a rakor, KIE sessions and a counselling.
    Desa B: a BKB meeting in October. Desa C (another kecamatan): a BKB."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.pkb  # works in desa A and B
        cls.family_b, cls.wife_b, _h = make_couple(a, cls.desa_b.code, dt.date(1992, 1, 1))
        add_person(a, cls.family_b, "Dewi", dt.date(2022, 8, 1))
        cls.family_a2, cls.wife_a2, _h = make_couple(a, cls.dusun_a2.code, dt.date(1988, 4, 4))
        add_person(a, cls.family_a2, "Eka", dt.date(2021, 9, 9))
        contraception.start_method(
            actor=a, member=cls.wife_a2, method="SUNTIK3", start_date=dt.date(2025, 6, 1)
        )
        cls.family_a2.ks_stage = "ks1"
        cls.family_a2.save()
        start = dt.date(2026, 1, 5)
        cls.bkr = cls.make_group("BKR", cls.desa_a.code)
        cls.bkl = cls.make_group("BKL", cls.dusun_a1.code)
        cls.uppka = cls.make_group("UPPKA", cls.desa_a.code)
        cls.bkb_idle = cls.make_group("BKB", cls.dusun_a2.code)
        cls.bkb_gone = cls.make_group("BKB", cls.desa_a.code)
        cls.bkb_b = cls.make_group("BKB", cls.desa_b.code, actor=a)
        # Desa B: a BKR with its SK but no members yet (exists), a BKL with neither (not yet).
        with acting_as(a):
            actions.create_group(
                actor=a, kind="BKR", region_code=cls.desa_b.code, name="BKR Melati",
                sk_number="12/SK/2026", sk_date=dt.date(2026, 3, 1),
            )  # fmt: skip
        cls.make_group("BKL", cls.desa_b.code, actor=a)
        enrol = cls.enrol
        bkb_1, bkb_2 = enrol(cls.bkb, cls.family_a, start), enrol(cls.bkb, cls.family_a2, start)
        bkr_1 = enrol(cls.bkr, cls.family_teen, start)
        enrol(cls.bkl, cls.family_old, start)
        uppka_1, uppka_2 = (
            enrol(cls.uppka, cls.family_a, start),
            enrol(cls.uppka, cls.family_a2, start),
        )
        enrol(cls.bkb_idle, cls.family_a2, start)
        enrol(cls.bkb_gone, cls.family_a, start)
        bkb_b = enrol(cls.bkb_b, cls.family_b, start)
        enrol(cls.bkb_c, cls.family_c, start, actor=cls.ppkbd_c)
        actions.deactivate_group(actor=a, group=cls.bkb_gone, on=dt.date(2026, 9, 30))
        cls.bkb_s = cls.session(cls.bkb, [bkb_1, bkb_2], dt.date(2026, 10, 6))
        cls.session(cls.bkb, [bkb_1], dt.date(2026, 10, 20), 1)
        cls.session(cls.bkb, [bkb_1, bkb_2], dt.date(2026, 9, 20))  # not October
        cls.session(cls.bkr, [bkr_1], dt.date(2026, 10, 8))
        cls.session(cls.bkl, [], dt.date(2026, 10, 9))
        cls.session(cls.uppka, [uppka_1, uppka_2], dt.date(2026, 10, 12))
        cls.session(cls.bkb_b, [bkb_b], dt.date(2026, 10, 14))
        actions.end_membership(actor=a, membership=uppka_2, ended_on=dt.date(2026, 10, 15))
        for child in (cls.toddler, Member.objects.get(name="Eka")):
            actions.record_kka(actor=a, session=cls.bkb_s, child=child, ticked=[])
        for membership, amount, day in [
            (uppka_1, 1_500_000, dt.date(2026, 10, 3)),
            (uppka_2, 700_000, dt.date(2026, 10, 4)),
            (uppka_1, 900_000, dt.date(2026, 9, 3)),  # not October
        ]:
            actions.record_capital(
                actor=a, membership=membership, source="koperasi", amount=amount, received_on=day
            )
        actions.record_revenue(actor=a, group=cls.uppka, month=MONTH, amount=2_250_000)
        actions.record_revenue(actor=a, group=cls.uppka, month=dt.date(2026, 9, 1), amount=10)
        cls.institutions_and_activities()

    @classmethod
    def enrol(cls, group, family, day, actor=None):
        return actions.enrol(actor=actor or cls.pkb, group=group, family=family, started_on=day)

    @classmethod
    def session(cls, group, members, day, topic=0):
        return actions.record_session(
            actor=cls.pkb,
            group=group,
            date=day,
            topic=TOPICS[group.kind][topic][0],
            presenter_kind="kader",
            presenter_name="Bu Sari",
            attendees=[m.pk for m in members],
        )

    @classmethod
    def institutions_and_activities(cls):
        admin, founded = cls.admin, dt.date(2025, 1, 1)
        with acting_as(admin):
            ppkbd = organization.create_institution(
                actor=admin, level="ppkbd", name="PPKBD A", region_code=cls.desa_a.code,
                founded_on=founded,
            )  # fmt: skip
            for dusun in (cls.dusun_a1, cls.dusun_a2):
                organization.create_institution(
                    actor=admin, level="sub_ppkbd", name=f"Sub {dusun.name}",
                    region_code=dusun.code, founded_on=founded,
                )  # fmt: skip
            for day in (dt.date(2026, 10, 2), dt.date(2026, 10, 28), dt.date(2026, 11, 2)):
                meetings.schedule_meeting(actor=admin, institution=ppkbd, date=day, place="Balai")
            for n, (kind, kit, leaders) in enumerate([("pkb", True, 3), ("kader", False, 2)]):
                counseling.create_kie_session(
                    actor=admin, region_code=cls.dusun_a1.code, date=dt.date(2026, 10, 10 + n),
                    place="Posyandu", topics=["kb_mkjp"], presenter_kind=kind,
                    presenter_name=f"Penyuluh {n}", kie_kit=kit, leaders_active=leaders,
                )  # fmt: skip
            counseling.record_counseling(
                actor=cls.ppkbd_a, member=cls.wife_a, date=dt.date(2026, 10, 16),
                topics=["kb_mkjp"], facts={},
            )  # fmt: skip
        for code in (cls.desa_a.code, cls.dusun_a1.code):
            level = Region.objects.get(code=code).level
            Report.objects.create(
                form="REKAP_PUS", region_code=code, level=level, month=MONTH,
                status=Status.SUBMITTED, figures={"rows": [], "breakdown": {}},
            )  # fmt: skip


def independent(region_code: str) -> dict[str, int]:
    """The F/I/Dal figures of a region counted by hand from the stored records."""
    first, last = MONTH, MONTH_END
    counts = Counter()

    def inside(code: str) -> bool:
        return code == region_code or code.startswith(region_code + ".")

    # I: institutions founded by the month's end; reporting when their region sent REKAP_PUS.
    sent = set(
        Report.objects.filter(form="REKAP_PUS", month=first).values_list("region_code", flat=True)
    )
    for institution in Institution.objects.all():
        if inside(institution.region_code) and institution.founded_on <= last:
            counts[f"{institution.level}_ada"] += 1
            counts[f"{institution.level}_lapor"] += institution.region_code in sent
    # I, III, IV: groups not deactivated by the month's end that had begun.
    for group in Group.objects.exclude(kind="PIK_R"):
        if not inside(group.region_code):
            continue
        if group.deactivated_on is not None and group.deactivated_on <= last:
            continue
        p = KINDS[group.kind]
        members = [
            m
            for m in Membership.objects.filter(group=group)
            if m.started_on <= last and (m.ended_on is None or m.ended_on > first)
        ]
        begun = [
            group.sk_date is not None and group.sk_date <= last,
            any(m.started_on <= last for m in Membership.objects.filter(group=group)),
            any(s.date <= last for s in Session.objects.filter(group=group)),
        ]
        if not any(begun):
            continue
        sessions = [s for s in Session.objects.filter(group=group) if first <= s.date <= last]
        counts[f"{p}_ada"] += 1
        counts[f"{p}_lapor"] += bool(sessions)
        counts[f"{p}_pertemuan"] += len(sessions)
        came = {a.membership_id for a in Attendance.objects.filter(session__in=sessions)}
        counts[f"{p}_hadir"] += len(came & {m.pk for m in members})
        for m in members:
            counts[f"{p}_anggota"] += 1
            wives = list(with_status(Member.objects.filter(family=m.family), last))
            uses_kb = any(w.status in METHODS for w in wives)
            poor = m.family.ks_stage in ("pra_s", "ks1")
            counts[f"{p}_anggota_pus"] += bool(wives)
            counts[f"{p}_pus_kb"] += uses_kb
            if p == "uppka":
                counts["uppka_pra_ks1"] += poor
                counts["uppka_pus_kb_pra_ks1"] += poor and uses_kb
        checks = KkaCheck.objects.filter(session__in=sessions)
        counts["bkb_kka_anak"] += len({c.child_id for c in checks})
        counts["bkb_kka_rujuk"] += len({c.child_id for c in checks if c.needs_referral})
        money = [
            c.amount
            for c in Capital.objects.filter(membership__in=members)
            if first <= c.received_on <= last
        ]
        counts["uppka_modal_kelompok"] += bool(money)
        counts["uppka_modal_rp"] += sum(money)
        revenue = Revenue.objects.filter(group=group, month=first).first()
        counts["uppka_omzet_rp"] += revenue.amount if revenue else 0
    # II: PPKBD meetings, KIE sessions and counselling of the month.
    for meeting in Meeting.objects.filter(date__gte=first, date__lte=last):
        counts["rakor_desa"] += inside(meeting.region_code) and meeting.institution.level == "ppkbd"
    from impsmart.counseling.models import Counseling, KieSession

    for kie in KieSession.objects.filter(date__gte=first, date__lte=last):
        if inside(kie.region_code):
            counts["kie_pkb" if kie.presenter_kind == "pkb" else "kie_kader"] += 1
            counts["kie_kit"] += kie.kie_kit
            counts["tokoh_kie"] += kie.leaders_active
    for c in Counseling.objects.filter(date__gte=first, date__lte=last):
        counts["konseling"] += inside(c.member.family.region_code)
    return {row.code: counts[row.code] for row in F_I_DAL.rows}


class DalFigureTests(DalWorld):
    def test_a_desa_report_equals_the_independent_count(self):
        for desa in (self.desa_a, self.desa_b, self.desa_c):
            with self.subTest(desa.name):
                self.assertEqual(
                    values(engine.compute("F_I_DAL", desa.code, MONTH)), independent(desa.code)
                )

    def test_a_group_exists_from_its_sk_first_member_or_session(self):
        got = values(engine.compute("F_I_DAL", self.desa_b.code, MONTH))
        self.assertEqual((got["bkr_ada"], got["bkr_lapor"], got["bkl_ada"]), (1, 0, 0))
        self.assertEqual(
            values(engine.compute("F_I_DAL", self.desa_a.code, dt.date(2025, 12, 1)))["bkb_ada"], 0
        )

    def test_the_world_gives_every_section_figures(self):
        got = values(engine.compute("F_I_DAL", self.desa_a.code, MONTH))
        expected = {
            "ppkbd_ada": 1, "ppkbd_lapor": 1, "sub_ppkbd_ada": 2, "sub_ppkbd_lapor": 1,
            "bkb_ada": 2, "bkb_lapor": 1, "bkb_anggota": 3, "bkb_hadir": 2, "bkb_pertemuan": 2,
            "bkb_anggota_pus": 3, "bkb_pus_kb": 3, "bkb_kka_anak": 2, "bkl_anggota_pus": 0,
            "uppka_anggota": 2, "uppka_pra_ks1": 1, "uppka_pus_kb_pra_ks1": 1,
            "uppka_modal_kelompok": 1, "uppka_modal_rp": 2_200_000, "uppka_omzet_rp": 2_250_000,
            "rakor_desa": 2, "kie_pkb": 1, "kie_kader": 1, "kie_kit": 1, "tokoh_kie": 5,
            "konseling": 1,
        }  # fmt: skip
        self.assertEqual({code: got[code] for code in expected}, expected)

    def test_the_kecamatan_recap_is_the_sum_of_its_desa(self):
        recap = engine.compute("F_II_DAL", self.desa_a.parent_id, MONTH)
        desa = Region.objects.filter(parent_id=self.desa_a.parent_id).order_by("code")
        self.assertEqual(list(recap["breakdown"]), [d.code for d in desa])
        total = dict.fromkeys(values(recap), 0)
        for d in desa:
            own = values(engine.compute("F_I_DAL", d.code, MONTH))
            self.assertEqual(recap["breakdown"][d.code], own, d.name)
            total = {code: total[code] + own[code] for code in total}
        self.assertEqual(values(recap), total)
        self.assertGreater(
            total["bkb_anggota"],
            values(engine.compute("F_I_DAL", self.desa_a.code, MONTH))["bkb_anggota"],
        )
        tree = engine.compute_tree("F_II_DAL", "73.06", MONTH, ("desa", "kecamatan", "kabupaten"))
        self.assertEqual(values(tree[self.desa_a.parent_id]), total)
        self.assertEqual(values(tree[self.desa_a.code]), independent(self.desa_a.code))

    def test_yang_lapor_never_exceeds_yang_ada(self):
        tree = engine.compute_tree("F_II_DAL", "73.06", MONTH, ("desa",))
        for code, report in tree.items():
            got = values(report)
            for row in got:
                if row.endswith("_lapor"):
                    self.assertLessEqual(got[row], got[row.replace("_lapor", "_ada")], code)

    def test_forms_are_made_for_their_levels_only(self):
        with self.assertRaisesMessage(engine.ReportError, "tidak dibuat untuk tingkat"):
            engine.compute("F_I_DAL", self.desa_a.parent_id, MONTH)
        with self.assertRaisesMessage(engine.ReportError, "tidak dibuat untuk tingkat"):
            engine.compute("F_II_DAL", self.desa_a.code, MONTH)


class DalWorkflowTests(DalWorld):
    def test_the_desa_report_is_approved_frozen_and_added_up_by_the_kecamatan(self):
        late = LateReason.values[0]
        with acting_as(self.ppkbd_a):
            report = reports.refresh_draft(
                actor=self.ppkbd_a, form="F_I_DAL", region_code=self.desa_a.code, month=MONTH
            )
            report = reports.submit(actor=self.ppkbd_a, report=report, late_reason=late)
            report = reports.verify(actor=self.pkb, report=report)
            report = reports.approve(actor=self.koordinator_a, report=report)
        frozen = values(report.figures)
        self.assertEqual(frozen, independent(self.desa_a.code))
        self.assertEqual(report.title, F_I_DAL.title)
        # Approved is immutable: later register changes leave it, the JSON says what was signed.
        self.session(self.bkl, [], dt.date(2026, 10, 30))
        with self.assertRaises(ImmutableReport):
            reports.refresh_draft(
                actor=self.ppkbd_a, form="F_I_DAL", region_code=self.desa_a.code, month=MONTH
            )
        loaded = engine.load_or_compute("F_I_DAL", self.desa_a.code, MONTH)
        self.assertEqual((loaded["status"], values(loaded)), ("approved", frozen))
        # The kecamatan recap adds up the approved desa reports and names the missing ones.
        recap = reports.refresh_draft(
            actor=self.koordinator_a,
            form="F_II_DAL",
            region_code=self.desa_a.parent_id,
            month=MONTH,
        )
        self.assertEqual(values(recap.figures), frozen)
        self.assertIn("Kecamatan", recap.title)
        from impsmart.reports.completeness import rollup

        summary = rollup("F_II_DAL", self.desa_a.parent_id, MONTH)
        self.assertEqual(summary["included"], [self.desa_a.code])
        self.assertEqual(len(summary["missing"]), summary["expected"] - 1)
        payload = dhis2.data_value_set(report)["dataValues"]
        self.assertEqual(len(payload), len(F_I_DAL.rows))  # every row has a data element
        # The pages and downloads of both, as for REKAP_PUS.
        self.client.force_login(self.koordinator_a)
        for stored in (report, recap):
            page = self.client.get(reverse("reports:detail", args=[stored.pk]))
            self.assertContains(page, "Poktan BKB: jumlah yang lapor")
            self.assertContains(page, "III. Pembinaan ketahanan keluarga")
            self.assertContains(page, stored.title)
            for fmt in EXPORTS:
                url = reverse("reports:download", args=[stored.pk, fmt])
                self.assertEqual(self.client.get(url).status_code, 200, fmt)
        self.assertContains(page, "1 dari 9 desa masuk")
        status = reverse("reports:kecamatan_status", args=[self.desa_a.parent_id])
        for form in ("F_I_DAL", "F_II_DAL"):
            items = self.client.get(f"{status}?bulan=2026-10&form={form}").context["items"]
            states = {item.region.code: item.state for item in items}
            self.assertEqual(states[self.desa_a.code], "terlambat", form)
            self.assertEqual(states[self.desa_b.code], "belum", form)


class DalExportTests(DalWorld):
    def test_csv_and_json_keep_the_row_codes_and_the_paper_form_does_not(self):
        report = engine.compute("F_II_DAL", self.desa_a.parent_id, MONTH)
        csv_lines = exports.to_csv(report).splitlines()
        self.assertTrue(csv_lines[0].startswith("code,label,value,"))
        self.assertTrue(any(line.startswith("bkb_lapor,") for line in csv_lines))
        grid = exports.grid(report)
        labels = [row[1] for row in grid.rows]
        self.assertIn("KEADAAN UMUM", labels)
        self.assertIn("PEMBINAAN KETAHANAN KELUARGA", labels)
        self.assertNotIn("bkb_lapor", " ".join(labels))
        self.assertEqual(len(grid.rows), len(report["rows"]) + 4)  # the four section headings
        self.assertEqual(grid.title, get_form("F_II_DAL").title)

    def test_rupiah_rows_read_with_dots_on_paper_and_screen_and_stay_numbers_in_xlsx(self):
        report = engine.compute("F_II_DAL", self.desa_a.parent_id, MONTH)
        sheet = openpyxl.load_workbook(BytesIO(exports.to_xlsx(report))).active
        cells = {row[1].value: row for row in sheet.iter_rows() if len(row) > 1}
        capital = cells["Jumlah modal yang diakses (Rp)"][-1]
        self.assertEqual((capital.value, capital.number_format), (2_200_000, "#,##0"))
        self.assertEqual(cells["Jumlah pertemuan kelompok"][-1].number_format, "General")
        with pdfplumber.open(BytesIO(exports.to_pdf(report))) as pdf:
            text = "\n".join(page.extract_text() for page in pdf.pages)
        self.assertIn("2.200.000", text)
        self.assertNotIn("2200000", text)
        draft = reports.refresh_draft(
            actor=self.ppkbd_a, form="F_I_DAL", region_code=self.desa_a.code, month=MONTH
        )
        self.client.force_login(self.ppkbd_a)
        page = self.client.get(reverse("reports:detail", args=[draft.pk]))
        self.assertContains(page, "Rp 2.200.000")
        self.assertContains(page, "Rp 2.250.000")

    def test_the_command_prints_the_contract_json_and_refuses_the_wrong_level(self):
        out = StringIO()
        call_command(
            "report", "F_I_DAL", "--region", self.desa_a.code, "--month", "2026-10", stdout=out
        )
        data = json.loads(out.getvalue())
        self.assertEqual(list(data), ["form", "region", "month", "status", "rows", "breakdown"])
        self.assertEqual(values(data), independent(self.desa_a.code))
        out = StringIO()
        call_command(
            "report", "F_II_DAL", "--region", self.desa_a.parent_id, "--month", "2026-10",
            "--format", "csv", stdout=out,
        )  # fmt: skip
        self.assertIn(self.desa_b.code, out.getvalue().splitlines()[0])
        with self.assertRaisesMessage(CommandError, "tidak dibuat untuk tingkat"):
            call_command("report", "F_I_DAL", "--region", "73.06", "--month", "2026-10")
