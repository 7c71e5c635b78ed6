"""The ledger as data (``impsmart ledger`` and the API), and the buku kas as xlsx and PDF."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from impsmart import spreadsheet
from impsmart.funds import ledger
from impsmart.funds.models import Fund

ENTRY_FIELDS = ["id", "date", "kind", "member", "amount", "reverses", "by"]


def fund_list(funds) -> list[dict]:
    funds = list(funds)
    totals = ledger.balances(funds)
    return [
        {"fund": f.pk, "name": f.name, "region_code": f.region_code, "balance": totals[f.pk]}
        for f in funds
    ]


def fund_ledger(fund: Fund) -> dict:
    entries = fund.entries.select_related("member", "by").order_by("date", "pk")
    return {
        "fund": fund.pk,
        "balance": ledger.balance(fund),
        "entries": [
            {
                "id": e.pk,
                "date": e.date.isoformat(),
                "kind": e.kind,
                "member": e.member.name if e.member else None,
                "amount": e.amount,
                "reverses": e.reverses_id,
                "by": e.by.username,
            }
            for e in entries
        ],
    }


def statement_xlsx(data: dict) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "Buku kas"
    fund = data["fund"]
    spreadsheet.append(ws, [f"Buku kas {fund.name}", f"{data['month']:%m-%Y}"])
    ws["A1"].font = Font(bold=True)
    spreadsheet.append(ws, ["Saldo awal", "", "", data["opening"]])
    spreadsheet.append(ws, ["Tanggal", "Uraian", "Anggota", "Jumlah", "Saldo"])
    for e in data["entries"]:
        text = e.purpose or e.get_kind_display()
        if e.reverses_id:
            text = f"Koreksi #{e.reverses_id}: {e.reason}"
        member = e.member.name if e.member else ""
        spreadsheet.append(ws, [e.date, text, member, e.amount, e.running])
    spreadsheet.append(ws, ["Pemasukan", "", "", data["income"]])
    spreadsheet.append(ws, ["Pengeluaran", "", "", data["spending"]])
    spreadsheet.append(ws, ["Saldo akhir", "", "", data["closing"]])
    spreadsheet.append(ws, [])
    spreadsheet.append(ws, ["Ketua", "", "Bendahara"])
    spreadsheet.append(ws, [])
    spreadsheet.append(ws, [f"({fund.chair_name})", "", f"({fund.treasurer_name})"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def statement_pdf(data: dict) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, needed only for PDFs

    html = render_to_string("funds/statement_pdf.html", data)
    return HTML(string=html).write_pdf()
