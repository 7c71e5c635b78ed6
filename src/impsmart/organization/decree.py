"""The draft Bupati decree (SK) on IMP institutions and their boards, as docx and PDF.

One text (``draft``) feeds both documents: the considerations (Menimbang), the legal basis
(Mengingat), the decisions (Memutuskan/Menetapkan) with the institutions' purpose, tasks,
functions and six roles, and the attachment listing every active institution of the region
with its board as it stands. The Dinas edits the docx; the legal basis is a proposal to check.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from impsmart import paper
from impsmart.organization.models import BoardSeat, Institution, Seat
from impsmart.regions.models import Region

SEAT_ORDER = {value: i for i, value in enumerate(Seat.values)}


@dataclass
class AttachmentRow:
    institution: Institution
    seats: list[BoardSeat]
    region_name: str = ""

    def as_data(self) -> dict:
        i = self.institution
        return {
            "code": i.code,
            "name": i.name,
            "level": i.level,
            "region_code": i.region_code,
            "board": [{"seat": s.seat, "name": s.name} for s in self.seats],
        }

    @property
    def board_text(self) -> str:
        return "; ".join(f"{s.get_seat_display()}: {s.name}" for s in self.seats) or "—"


def attachment(region_code: str) -> list[AttachmentRow]:
    """Every active institution in the region with its running tenures, in code order."""
    institutions = list(
        Institution.objects.within(region_code)
        .filter(active=True)
        .order_by("region_code", "level", "code")
    )
    seats: dict[int, list[BoardSeat]] = {i.pk: [] for i in institutions}
    running = BoardSeat.objects.filter(institution__in=institutions, ended_on__isnull=True)
    for seat in running.order_by("started_on", "pk"):
        seats[seat.institution_id].append(seat)
    names = _wilayah({i.region_code for i in institutions})
    return [
        AttachmentRow(
            i, sorted(seats[i.pk], key=lambda s: SEAT_ORDER[s.seat]), names.get(i.region_code, "")
        )
        for i in institutions
    ]


def _wilayah(codes: set[str]) -> dict[str, str]:
    """``Desa X, Kecamatan Y`` for each code (the kecamatan and below), in one query."""
    parts = {code: code.split(".") for code in codes}
    wanted = {".".join(p[:n]) for p in parts.values() for n in range(3, len(p) + 1)}
    regions = {r.code: r for r in Region.objects.filter(code__in=wanted).select_related("parent")}
    named = {}
    for code, p in parts.items():
        chain = [regions.get(".".join(p[:n])) for n in range(len(p), 2, -1)]
        named[code] = ", ".join(str(r) for r in chain if r is not None) or code
    return named


ROLES = [
    "Pengorganisasian: membentuk dan mengembangkan institusi serta kepengurusan dari tunggal "
    "menjadi kolektif;",
    "Pertemuan: menyelenggarakan pertemuan rutin yang berkala dan berjenjang bersama PKB/PLKB;",
    "KIE dan konseling: memberikan informasi, edukasi dan konseling KB kepada keluarga;",
    "Pencatatan, pendataan dan pemetaan sasaran: mencatat, memetakan dan melaporkan data setiap "
    "bulan kepada PKB/PLKB;",
    "Pelayanan kegiatan: menggerakkan pelayanan KB, pendewasaan usia perkawinan serta kelompok "
    "BKB, BKR dan BKL;",
    "Kemandirian: menggalang dana sendiri melalui iuran dan/atau arisan.",
]


@dataclass
class Draft:
    region: Region
    year: int
    rows: list[AttachmentRow]
    title: str = ""
    considering: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    decisions: list[tuple[str, str | list[str]]] = field(default_factory=list)


def _kabupaten(region: Region) -> Region:
    return region if region.level == "kabupaten" else region.parent


def _bupati(region: Region) -> str:
    return f"Bupati {_kabupaten(region).name}"


def draft(region: Region, year: int) -> Draft:
    """The draft decree for ``year`` (in force from 1 January) over ``region``'s institutions."""
    kabupaten = _kabupaten(region)
    where = str(kabupaten) if region == kabupaten else f"{region} {kabupaten}"
    d = Draft(region=region, year=year, rows=attachment(region.code))
    d.title = (
        f"TENTANG PEMBENTUKAN DAN KEPENGURUSAN INSTITUSI MASYARAKAT PEDESAAN/PERKOTAAN (IMP) "
        f"KADER IMP SMART {where.upper()} TAHUN {year}"
    )
    d.considering = [
        "bahwa untuk meningkatkan kesertaan ber-KB, menurunkan kebutuhan ber-KB yang tidak "
        "terlayani dan membangun keluarga berkualitas diperlukan peran serta masyarakat melalui "
        "Institusi Masyarakat Pedesaan/Perkotaan (IMP);",
        "bahwa kader IMP perlu bekerja secara melembaga dengan kepengurusan yang kolektif, "
        "pertemuan rutin dan data yang sahih, bukan secara perorangan;",
        f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
        f"menetapkan Keputusan Bupati tentang Pembentukan dan Kepengurusan IMP {where} "
        f"Tahun {year};",
    ]
    d.basis = [
        "Undang-Undang Nomor 52 Tahun 2009 tentang Perkembangan Kependudukan dan Pembangunan "
        "Keluarga;",
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "Peraturan Pemerintah Nomor 87 Tahun 2014 tentang Perkembangan Kependudukan dan "
        "Pembangunan Keluarga, Keluarga Berencana, dan Sistem Informasi Keluarga;",
        "Peraturan Presiden Nomor 62 Tahun 2010 tentang Badan Kependudukan dan Keluarga "
        "Berencana Nasional;",
        "[Peraturan daerah dan peraturan bupati yang berlaku — diisi Dinas PPKB.]",
    ]
    d.decisions = [
        (
            "KESATU",
            "Membentuk dan menetapkan kepengurusan Institusi Masyarakat Pedesaan/Perkotaan "
            f"(IMP) {where} Tahun {year} sebagaimana tercantum dalam Lampiran yang merupakan "
            "bagian tidak terpisahkan dari Keputusan ini.",
        ),
        (
            "KEDUA",
            "IMP bertujuan menggerakkan, membina dan melayani keluarga dalam program "
            "Bangga Kencana di wilayahnya bersama PKB/PLKB dan mitra lintas sektor.",
        ),
        (
            "KETIGA",
            "IMP bertugas menyelenggarakan pertemuan rutin, KIE dan konseling, pencatatan dan "
            "pelaporan bulanan, penggerakan pelayanan KB dan pembinaan kelompok kegiatan di "
            "wilayahnya.",
        ),
        (
            "KEEMPAT",
            "IMP berfungsi sebagai wadah koordinasi, penghubung antara keluarga dan petugas, dan "
            "penggerak peran serta masyarakat, dengan enam peran:",
        ),
        ("", ROLES),
        (
            "KELIMA",
            "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada APBD, "
            "Alokasi Dana Desa, swadaya masyarakat dan sumber lain yang sah dan tidak mengikat.",
        ),
        ("KEENAM", f"Keputusan ini mulai berlaku pada tanggal 1 Januari {year}."),
    ]
    return d


def to_docx(d: Draft) -> bytes:
    from docx import Document  # imported late: only the decree pages need it
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()

    def centered(text: str, bold: bool = True) -> None:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold

    centered(f"RANCANGAN KEPUTUSAN {_bupati(d.region).upper()}")
    centered(f"NOMOR ....... TAHUN {d.year}")
    centered(d.title)
    centered(_bupati(d.region).upper() + ",", bold=False)
    doc.add_paragraph("Menimbang:")
    for letter, text in zip("abcdefgh", d.considering, strict=False):
        doc.add_paragraph(f"{letter}. {text}")
    doc.add_paragraph("Mengingat:")
    for n, text in enumerate(d.basis, 1):
        doc.add_paragraph(f"{n}. {text}")
    centered("MEMUTUSKAN:")
    doc.add_paragraph("Menetapkan:")
    for label, text in d.decisions:
        if isinstance(text, list):
            for n, role in enumerate(text, 1):
                doc.add_paragraph(f"{n}. {role}")
        else:
            doc.add_paragraph(f"{label}: {text}")
    doc.add_paragraph(
        f"Ditetapkan di ....... pada tanggal ....... \n{_bupati(d.region).upper()},\n\n\n(.......)"
    )
    doc.add_page_break()
    centered(f"LAMPIRAN KEPUTUSAN {_bupati(d.region).upper()} NOMOR ....... TAHUN {d.year}")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, head in zip(
        table.rows[0].cells, ["No", "Institusi", "Tingkat", "Wilayah", "Pengurus"], strict=True
    ):
        cell.text = head
    for n, row in enumerate(d.rows, 1):
        cells = table.add_row().cells
        values = [
            str(n),
            row.institution.name,
            row.institution.get_level_display(),
            row.region_name,
            row.board_text,
        ]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _context(d: Draft) -> dict:
    return {"d": d, "bupati": _bupati(d.region)}


def to_html(d: Draft) -> str:
    return paper.render_html("organization/decree_pdf.html", _context(d))


def to_pdf(d: Draft) -> bytes:
    """The draft on A4 (``impsmart.paper``): page x of y, the attachment's headings repeated."""
    return paper.render_pdf("organization/decree_pdf.html", _context(d))
