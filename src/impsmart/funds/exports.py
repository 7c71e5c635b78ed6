"""The ledger as data (``impsmart ledger`` and the API), and the buku kas as xlsx and PDF."""

from __future__ import annotations

from impsmart import dates, paper
from impsmart.funds import ledger
from impsmart.funds.models import Fund
from impsmart.regions.models import Region

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


def statement_grid(data: dict) -> paper.Grid:
    """The buku kas of a month as its paper form: opening balance, each cash entry with what
    came in or went out and the running balance, the month's totals, the closing balance."""
    fund = data["fund"]
    rows: list[list] = [["", "", "Saldo awal", "", "", "", data["opening"]]]
    for number, e in enumerate(data["entries"], start=1):
        income, spending = (e.amount, None) if e.amount >= 0 else (None, -e.amount)
        member = e.member.name if e.member else ""
        rows.append(
            [number, f"{e.date:%d-%m-%Y}", description(e), member, income, spending, e.running]
        )
    totals = len(rows)
    rows.append(["", "", "Jumlah", "", data["income"], data["spending"], ""])
    rows.append(["", "", "Saldo akhir", "", "", "", data["closing"]])
    region = Region.objects.filter(code=fund.region_code).first() or Region.objects.get(
        code=fund.institution.region_code
    )
    month = data["month"]
    return paper.Grid(
        title="Buku Kas",
        heading=[
            ("Nama dana", f"{fund.name} ({fund.get_kind_display()})"),
            ("Institusi", fund.institution.name),
            ("Wilayah", paper.place(region)),
            ("Bulan", paper.month_name(month)),
        ],
        keys=[paper.Column("No."), paper.Column("Tanggal", numeric=False)],
        columns=[
            paper.Column("Uraian", numeric=False, wrap=48),
            paper.Column("Anggota", numeric=False, wrap=24),
            paper.Column("Pemasukan (Rp)", grouped=True),
            paper.Column("Pengeluaran (Rp)", grouped=True),
            paper.Column("Saldo (Rp)", grouped=True),
        ],
        rows=rows,
        bold_from=totals,
        mengetahui=[paper.Signer("Ketua", fund.chair_name, fund.institution.name)],
        pelapor=[paper.Signer("Bendahara", fund.treasurer_name, fund.institution.name)],
        place_date=f"{region.name}, {paper.long_date(min(dates.today(), dates.last_day(month)))}",
    )


def description(entry) -> str:
    """What an entry is, in words; a correction names the entry it reverses by its date."""
    if entry.reverses_id:
        reversed_ = entry.reverses
        kind = reversed_.get_kind_display().lower()
        return f"Koreksi {kind} tanggal {reversed_.date:%d-%m-%Y}: {entry.reason}"
    return entry.purpose or entry.get_kind_display()


def statement_xlsx(data: dict) -> bytes:
    return paper.grid_xlsx(statement_grid(data), "Buku kas")


def statement_pdf(data: dict) -> bytes:
    return paper.grid_pdf(statement_grid(data))
