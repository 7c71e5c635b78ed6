"""The paper forms of the largest kecamatan and of the kabupaten, and how to read a PDF back.

The largest kecamatan is the one with the most desa in Gowa's real regions (tests/base.py
loads all 18 kecamatan and 167 desa); it gets couples spread over its desa, its coordinator
and PPKBD users (whose names sign the forms), a puskesmas and a referral, and in its first desa
a poktan of each kind with a month of sessions (the R/I registers, F/I/Dal figures).
"""

import datetime as dt
import io
import re

import pdfplumber
from django.db.models import Count

from impsmart import paper
from impsmart.accounts.audit import acting_as
from impsmart.accounts.roles import Role
from impsmart.counseling import actions as counseling
from impsmart.counseling.models import Facility
from impsmart.families.models import Member
from impsmart.families.register import build_register
from impsmart.families.register_paper import to_pdf as register_pdf
from impsmart.families.register_paper import write_xlsx as register_xlsx
from impsmart.groups import actions as group_actions
from impsmart.groups import curriculum
from impsmart.groups.models import Attendance, Capital, Group, Kind, Membership, Revenue, Session
from impsmart.regions.models import Level, Region
from impsmart.reports import exports
from impsmart.reports.engine import compute
from tests.base import World, make_user
from tests.families.world import make_couple

MONTH = dt.date(2026, 10, 1)
YEAR = 2026
COUPLES = 60  # enough for a register of more than one page
# Words that are internal keys: snake_case codes and region codes as bare numbers.
INTERNAL = re.compile(r"\w*_\w*|\d{2}\.\d{2}(\.\d{2,4})*")
FOOTER = re.compile(r"Halaman (\d+) dari (\d+)")
PRINTER_EDGE_MM = 5  # what a printer cannot print, at each edge


def largest_kecamatan() -> Region:
    return (
        Region.objects.filter(level=Level.KECAMATAN)
        .annotate(desa=Count("children"))
        .order_by("-desa", "code")
        .first()
    )


class PaperWorld(World):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kecamatan = largest_kecamatan()
        cls.desa = list(Region.objects.filter(parent=cls.kecamatan).order_by("code"))
        cls.koordinator = make_user("andi", Role.KOORDINATOR_KECAMATAN, cls.kecamatan.code)
        cls.ppkbd = make_user("siti", Role.PPKBD, cls.desa[0].code)
        for user, (first, last) in [
            (cls.koordinator, ("Andi", "Makkasau")),
            (cls.ppkbd, ("Siti", "Rahma")),
        ]:
            user.first_name, user.last_name = first, last
            user.save()
        wives = [
            make_couple(cls.admin, cls.desa[i % len(cls.desa)].code, dt.date(1985 + i % 15, 3, 1))[
                1
            ]
            for i in range(COUPLES)
        ]
        cls.wives = wives
        cls.groups = make_groups(cls.admin, cls.desa[0], wives)
        cls.facility = Facility.objects.create(
            name="Puskesmas Uji", kind="puskesmas", region_code=cls.kecamatan.code
        )
        with acting_as(cls.admin):
            cls.referral = counseling.create_referral(
                actor=cls.admin,
                member=wives[0],
                facility=cls.facility,
                reason="Ingin implan",
                sent_on=dt.date(2026, 10, 5),
                method_wanted="IMPLAN",
            )

    def forms(self, region: Region) -> dict[str, tuple]:
        """Each form of ``region``: name → (pdf function, xlsx function) without arguments."""
        found = {}
        dal = "F_I_DAL" if region.level == Level.DESA else "F_II_DAL"
        for form in ("REKAP_PUS", "REKAP_KELUARGA", dal):
            report = compute(form, region.code, MONTH)
            found[form] = (
                lambda r=report: exports.to_pdf(r),
                lambda r=report: exports.to_xlsx(r),
            )
        if region.level != Level.KABUPATEN:
            register = build_register(Member.objects.within(region.code), YEAR)
            period = f"Tahun {YEAR}"

            def write():
                out = io.BytesIO()
                register_xlsx(register, region, period, out)
                return out.getvalue()

            found["REGISTER_PUS"] = (lambda: register_pdf(register, region, period), write)
        return found


def make_groups(actor, desa: Region, wives: list[Member]) -> dict[str, Group]:
    """A group of each kind in ``desa`` with its month: the families of ``wives`` as members
    (written directly: the paper needs the rows, not the eligibility rules), four sessions
    with attendance, capital and revenue for the UPPKA."""
    groups = {}
    families = sorted({w.family_id for w in wives})
    people = {w.family_id: w.pk for w in wives}
    with acting_as(actor):
        for kind in Kind.values:
            name = f"{Kind(kind).label.split()[0]} Anggrek Makmur"
            group = group_actions.create_group(
                actor=actor, kind=kind, region_code=desa.code, name=name,
                ketua="Hj. Nurhayati Daeng Ngai",
            )  # fmt: skip
            members = Membership.objects.bulk_create(
                Membership(
                    group=group, family_id=family, started_on=dt.date(2026, 1, 5),
                    person_id=people[family] if kind == Kind.PIK_R else None,
                    business="Kue tradisional dan jualan pulsa" if kind == Kind.UPPKA else "",
                )
                for family in families
            )  # fmt: skip
            topics = curriculum.TOPICS[kind]
            for n, day in enumerate((2, 9, 16, 23)):
                session = Session.objects.create(
                    group=group, date=dt.date(2026, 10, day), topic=topics[n % len(topics)][0],
                    presenter_kind="pkb", presenter_name="Andi Makkasau, S.Sos.",
                    discussion=True, created_by=actor,
                )  # fmt: skip
                Attendance.objects.bulk_create(
                    Attendance(session=session, membership=m) for m in members[n::2]
                )
            if kind == Kind.UPPKA:
                for m in members[:10]:
                    Capital.objects.create(
                        membership=m, source="koperasi", amount=12_500_000,
                        received_on=dt.date(2026, 10, 3),
                    )  # fmt: skip
                Revenue.objects.create(group=group, month=MONTH, amount=48_750_000)
            groups[kind] = group
    return groups


def read_pdf(data: bytes) -> list[dict]:
    """Per page: its size, its words, and the words of the footer band."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(x_tolerance=1)
            pages.append({"width": page.width, "height": page.height, "words": words})
    return pages


def misplaced(pages: list[dict]) -> list[str]:
    """Words outside the area inside the margins (the footer: inside the printer's edge)."""
    edge = PRINTER_EDGE_MM * paper.MM
    wrong = []
    for number, page in enumerate(pages, start=1):
        left = paper.MARGIN["left"] * paper.MM
        top = paper.MARGIN["top"] * paper.MM
        right = page["width"] - paper.MARGIN["right"] * paper.MM
        bottom = page["height"] - paper.MARGIN["bottom"] * paper.MM
        footer = []
        for word in page["words"]:
            box = (word["x0"], word["top"], word["x1"], word["bottom"])
            if word["top"] >= bottom - 0.5:
                footer.append(word["text"])
                inside = box[0] >= edge and box[2] <= page["width"] - edge
                inside = inside and box[3] <= page["height"] - edge
            else:
                inside = box[0] >= left - 0.5 and box[2] <= right + 0.5 and box[1] >= top - 0.5
            if not inside:
                wrong.append(f"page {number}: {word['text']!r} at {box}")
        if " ".join(footer) != f"Halaman {number} dari {len(pages)}":
            wrong.append(f"page {number}: footer {' '.join(footer)!r}")
    return wrong


def internal_keys(pages: list[dict]) -> set[str]:
    return {w["text"] for page in pages for w in page["words"] if INTERNAL.fullmatch(w["text"])}
