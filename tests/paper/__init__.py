"""The paper forms of the largest kecamatan and of the kabupaten, and how to read a PDF back.

The largest kecamatan is the one with the most desa in Gowa's real regions (tests/base.py
loads all 18 kecamatan and 167 desa); it gets couples spread over its desa, its coordinator
and PPKBD users (whose names sign the forms), a puskesmas and a referral, and in its first desa
a poktan of each kind with a month of sessions (the R/I registers, F/I/Dal figures).
"""

import bisect
import datetime as dt
import io
import os
import pathlib
import re
import subprocess
import tempfile

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


DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "forms"
# Set to refresh the reviewers' pictures of the forms (docs/forms/<form>.png).
WRITE_PNGS = os.environ.get("IMPSMART_FORM_PNGS") == "1"


def keep_png(name: str, data: bytes) -> None:
    """The first page of ``data`` as docs/forms/<name>.png: ``pdftoppm`` (poppler-utils) at
    80 dpi, then 16 greys (Pillow), a few dozen kilobytes a page."""
    if not WRITE_PNGS:
        return
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = pathlib.Path(folder) / "form.pdf"
        source.write_bytes(data)
        page = pathlib.Path(folder) / "page"
        command = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*command, str(source), str(page)], check=True)
        with Image.open(f"{page}.png") as image:
            image.convert("L").quantize(16).save(DOCS / f"{name}.png", optimize=True)


def text_of(page: dict) -> str:
    return " ".join(w["text"] for w in page["words"])


class ReadsPaper:
    """``assertReadable``: every word inside the printable area, no internal key, a picture."""

    def assertReadable(self, name: str, data: bytes, picture: bool = True) -> list[dict]:
        if picture:
            keep_png(name, data)
        pages = read_pdf(data)
        self.assertEqual(misplaced(pages), [], name)
        self.assertEqual(internal_keys(pages), set(), name)
        return pages


def printed_pages(xlsx: bytes) -> int:
    """Pages of ``xlsx`` printed to PDF by headless LibreOffice (tools/system-deps.sh)."""
    return pages_printed({"form": xlsx})["form"]


def pages_printed(workbooks: dict[str, bytes]) -> dict[str, int]:
    """Pages of each workbook printed to PDF by one headless LibreOffice (one Calc start)."""
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for i, (name, xlsx) in enumerate(workbooks.items()):
            source = pathlib.Path(folder) / f"form{i}.xlsx"
            source.write_bytes(xlsx)
            names[name] = source
        profile = pathlib.Path(folder) / "profile"
        command = [
            "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
            "--convert-to", "pdf", "--outdir", folder, *map(str, names.values()),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=600)
        found = {}
        for name, source in names.items():
            with pdfplumber.open(source.with_suffix(".pdf")) as pdf:
                found[name] = len(pdf.pages)
        return found


def largest_kecamatan() -> Region:
    return (
        Region.objects.filter(level=Level.KECAMATAN)
        .annotate(desa=Count("children"))
        .order_by("-desa", "code")
        .first()
    )


class PaperWorld(ReadsPaper, World):
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
        dal = {Level.DESA: ["F_I_DAL"], Level.DUSUN: []}.get(region.level, ["F_II_DAL"])
        for form in ("REKAP_PUS", "REKAP_KELUARGA", *dal):
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
    """Per page: its size, its words, and its vertical rules (cell borders) by x."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(x_tolerance=1)
            rules = sorted(
                (edge["x0"], edge["top"], edge["bottom"])
                for edge in page.edges
                if edge["orientation"] == "v"
            )
            pages.append(
                {"width": page.width, "height": page.height, "words": words, "rules": rules}
            )
    return pages


def crossed(page: dict) -> list[str]:
    """Words that run over a cell border (text wider than its column)."""
    rules = page["rules"]
    xs = [rule[0] for rule in rules]
    wrong = []
    for word in page["words"]:
        first = bisect.bisect_right(xs, word["x0"] + 0.5)
        last = bisect.bisect_left(xs, word["x1"] - 0.5)
        for _x, top, bottom in rules[first:last]:
            if top < word["bottom"] - 1 and bottom > word["top"] + 1:
                wrong.append(f"{word['text']!r} over a border at x {_x:.1f}")
                break
    return wrong


def misplaced(pages: list[dict]) -> list[str]:
    """Words outside the area inside the margins (the footer and a running head in the
    margin bands: inside the printer's edge), and words over a cell border."""
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
            in_band = word["top"] >= bottom - 0.5 or word["bottom"] <= top + 0.5
            if word["top"] >= bottom - 0.5:
                footer.append(word["text"])
            if in_band:
                inside = box[0] >= edge and box[2] <= page["width"] - edge
                inside = inside and box[1] >= edge and box[3] <= page["height"] - edge
            else:
                inside = box[0] >= left - 0.5 and box[2] <= right + 0.5
            if not inside:
                wrong.append(f"page {number}: {word['text']!r} at {box}")
        wrong += [f"page {number}: {problem}" for problem in crossed(page)]
        if " ".join(footer) != f"Halaman {number} dari {len(pages)}":
            wrong.append(f"page {number}: footer {' '.join(footer)!r}")
    return wrong


def internal_keys(pages: list[dict]) -> set[str]:
    return {w["text"] for page in pages for w in page["words"] if INTERNAL.fullmatch(w["text"])}
