"""Register PUS on paper (R/I/PUS): the PDF and the xlsx print, laid out by ``impsmart.paper``.

The wife's number and name are repeated on every page; the other columns and the twelve
months follow, in column groups when they do not fit A4 landscape. The footer counts each
month (bold rows), the legend and the signatures close the last page.
"""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _

from impsmart import dates, paper
from impsmart.accounts.roles import Role
from impsmart.families.register import Register, jkn_text, name_regions
from impsmart.regions.models import Level, Region


def _columns(register: Register) -> list[paper.Column]:
    text = [_("Wilayah"), _("No. KK"), _("NIK istri")]
    numbers = [_("Umur istri")]
    return [
        *(paper.Column(h, numeric=False) for h in text),
        *(paper.Column(h) for h in numbers),
        paper.Column(_("Nama suami"), numeric=False),
        paper.Column(_("Jumlah anak")),
        paper.Column(_("Umur anak terkecil")),
        paper.Column(_("Tahapan KS"), numeric=False),
        paper.Column(_("JKN"), numeric=False),
        *(paper.Column(str(m), numeric=False) for m in register.month_labels),
    ]


def _rows(register: Register) -> list[list]:
    rows = [
        [
            number,
            row.wife_name,
            row.region_name,
            row.family_no,
            row.wife_nik,
            row.wife_age,
            row.husband_name,
            row.children,
            "" if row.youngest_child_age is None else row.youngest_child_age,
            row.ks_label,
            jkn_text(row.jkn),
            *row.cells,
        ]
        for number, row in enumerate(register.rows, start=1)
    ]
    blank = [""] * 9
    footer = [["", str(label), *blank, *figures] for _, label, figures in register.footer_table()]
    return rows + footer


def _signer(office: str, role: str, region: Region) -> paper.Signer:
    name = paper.officer_name(role, region.code)
    return paper.Signer(office, name, str(Role(role).label) if name else "")


def grid(register: Register, region: Region, period: str) -> paper.Grid:
    name_regions(register)
    cadre = Role.SUB_PPKBD if region.level in {Level.DUSUN, Level.RW, Level.RT} else Role.PPKBD
    legend = _(
        "Kode: metode KB; H = hamil; IAS/IAT/TIAL = ingin anak segera/ditunda/tidak ingin anak "
        "lagi; ? = belum diketahui."
    )
    return paper.Grid(
        title=_("Register Pembinaan PUS dan Peserta KB"),
        heading=[
            (_("Wilayah"), paper.place(region)),
            (_("Tingkat"), str(region.kind_label)),
            (_("Periode"), period),
            (_("Jumlah PUS"), str(len(register.rows))),
        ],
        keys=[paper.Column("No."), paper.Column(_("Nama istri"), numeric=False)],
        columns=_columns(register),
        rows=_rows(register),
        bold_from=len(register.rows),
        mengetahui=[_signer(_("Sub-PPKBD/PPKBD"), cadre, region)],
        pelapor=[paper.Signer(_("Ketua Kelompok KB"), "", "")],
        place_date=f"{region.name}, {paper.long_date(dates.today())}",
        notes=[legend],
    )


def write_xlsx(register: Register, region: Region, period: str, out: IO[bytes]) -> None:
    out.write(paper.grid_xlsx(grid(register, region, period), _("Register PUS")))


def to_pdf(register: Register, region: Region, period: str) -> bytes:
    return paper.grid_pdf(grid(register, region, period))
