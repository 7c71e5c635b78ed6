"""Fund pages: the list, an institution's funds, a fund (balance, dues, members' snowball),
dues of a month, other entries with receipts, corrections, cash counts and the buku kas."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impsmart import dates, params
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible, require_writable
from impsmart.forms_submit import submit
from impsmart.funds import actions, arisan, exports, ledger
from impsmart.funds.forms import (
    CountForm,
    DuesForm,
    EntryForm,
    ExplainForm,
    FundForm,
    MemberForm,
    ReverseForm,
)
from impsmart.funds.models import CashCount, Fund, FundMember, LedgerEntry
from impsmart.organization.models import Institution
from impsmart.paper import thousands

VIEW = "view_funds"


def _fund(request, pk) -> Fund:
    return get_visible(Fund.objects.select_related("institution"), request.user, pk=pk)


def _writable(request, fund: Fund) -> None:
    require_writable(request.user, fund.region_code, actions.PERMISSION)


def _with_balances(funds) -> list[Fund]:
    funds = list(funds)
    totals = ledger.balances(funds)
    for fund in funds:
        fund.balance = totals[fund.pk]
    return funds


@permission_required(VIEW)
def index(request):
    funds = _with_balances(Fund.objects.visible_to(request.user).select_related("institution"))
    return render(request, "funds/index.html", {"funds": funds})


@permission_required(VIEW)
def institution(request, pk):
    owner = get_visible(Institution.objects, request.user, pk=pk)
    funds = _with_balances(Fund.objects.visible_to(request.user).filter(institution=owner))
    form = FundForm(request.POST or None)
    if request.method == "POST":
        require_writable(request.user, owner.region_code, actions.PERMISSION)
        if form.is_valid():
            data = {**form.cleaned_data, "dues_amount": form.cleaned_data["dues_amount"] or 0}
            fund = submit(form, actions.create_fund, actor=request.user, institution=owner, **data)
            if fund is not None:
                messages.success(request, _("Dana tersimpan."))
                return redirect("funds:detail", fund.pk)
    return render(
        request, "funds/institution.html", {"institution": owner, "funds": funds, "form": form}
    )


@permission_required(VIEW)
def detail(request, pk):
    fund = _fund(request, pk)
    context = {
        "fund": fund,
        "balance": ledger.balance(fund),
        "members": ledger.member_dues(fund),
        "cycles": fund.cycles.all(),
        "counts": fund.counts.prefetch_related("adjustments")[:5],
        "recent": fund.entries.select_related("member", "by").order_by("-date", "-pk")[:15],
        "growth": ledger.growth(fund),
        "month": f"{dates.today():%Y-%m}",
    }
    return render(request, "funds/detail.html", context)


@permission_required(VIEW)
def member_add(request, pk):
    fund = _fund(request, pk)
    _writable(request, fund)
    form = MemberForm(request.POST or None, fund=fund)
    if (
        request.method == "POST"
        and form.is_valid()
        and submit(form, actions.add_member, actor=request.user, fund=fund, **form.cleaned_data)
    ):
        messages.success(request, _("Anggota tersimpan."))
        return redirect("funds:detail", fund.pk)
    return render(
        request, "funds/form.html", {"fund": fund, "form": form, "title": _("Tambah anggota")}
    )


@permission_required(VIEW)
def card(request, pk):
    """The kartu iuran of one member, to print or share."""
    member = get_visible(FundMember.objects.select_related("fund"), request.user, pk=pk)
    rows = ledger.dues_card(member)
    owed = rows[-1]["owed"] if rows else 0
    return render(request, "funds/card.html", {"member": member, "rows": rows, "owed": owed})


@permission_required(VIEW)
def dues(request, pk):
    fund = _fund(request, pk)
    _writable(request, fund)
    month = params.month(request.GET, "bulan", dates.today()).replace(day=1)
    initial = {"month": f"{month:%Y-%m}", "date": dates.today()}
    form = DuesForm(request.POST or None, fund=fund, initial=initial)
    if request.method == "POST" and form.is_valid():
        count = submit(
            form, actions.record_dues, actor=request.user, fund=fund, **form.cleaned_data
        )
        if count is not None:
            messages.success(request, _("Iuran %(n)s anggota tercatat.") % {"n": count})
            return redirect("funds:detail", fund.pk)
    paid = set(
        fund.entries.filter(kind="iuran_bayar", period=month).values_list("member", flat=True)
    )
    context = {"fund": fund, "form": form, "month": month, "already_paid": paid}
    return render(request, "funds/dues.html", context)


@permission_required(VIEW)
def entry(request, pk):
    fund = _fund(request, pk)
    _writable(request, fund)
    form = EntryForm(request.POST or None, request.FILES or None, initial={"date": dates.today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and submit(form, actions.record_entry, actor=request.user, fund=fund, **form.cleaned_data)
    ):
        messages.success(request, _("Entri tersimpan di buku kas."))
        return redirect("funds:detail", fund.pk)
    title = _("Pemasukan / pengeluaran")
    return render(
        request, "funds/form.html", {"fund": fund, "form": form, "title": title, "files": True}
    )


@permission_required(VIEW)
def reverse(request, pk):
    original = get_visible(LedgerEntry.objects.select_related("fund"), request.user, pk=pk)
    _writable(request, original.fund)
    form = ReverseForm(request.POST or None, initial={"date": dates.today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and submit(
            form, actions.reverse_entry, actor=request.user, entry=original, **form.cleaned_data
        )
    ):
        messages.success(request, _("Koreksi tercatat; entri lama tetap terlihat."))
        return redirect("funds:detail", original.fund_id)
    context = {"fund": original.fund, "form": form, "entry": original, "title": _("Koreksi entri")}
    return render(request, "funds/form.html", context)


@permission_required(VIEW)
def receipt(request, pk):
    found = get_visible(LedgerEntry.objects, request.user, pk=pk)
    if not found.receipt:
        raise Http404
    path = Path(settings.MEDIA_ROOT) / found.receipt
    if not path.exists():
        raise Http404
    return FileResponse(path.open("rb"))


@permission_required(VIEW)
def count(request, pk):
    fund = _fund(request, pk)
    _writable(request, fund)
    form = CountForm(request.POST or None, initial={"date": dates.today()})
    if request.method == "POST" and form.is_valid():
        found = submit(
            form, actions.record_count, actor=request.user, fund=fund, **form.cleaned_data
        )
        if found is not None:
            if found.gap:
                messages.warning(
                    request, _("Ada selisih Rp %(gap)s: jelaskan.") % {"gap": thousands(found.gap)}
                )
                return redirect("funds:explain", found.pk)
            messages.success(request, _("Kas cocok dengan buku."))
            return redirect("funds:detail", fund.pk)
    return render(
        request, "funds/form.html", {"fund": fund, "form": form, "title": _("Hitung kas")}
    )


@permission_required(VIEW)
def explain(request, pk):
    found = get_visible(CashCount.objects.select_related("fund"), request.user, pk=pk)
    _writable(request, found.fund)
    form = ExplainForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and submit(form, actions.explain_gap, actor=request.user, count=found, **form.cleaned_data)
    ):
        messages.success(request, _("Selisih dijelaskan dengan entri penyesuaian."))
        return redirect("funds:detail", found.fund_id)
    context = {"fund": found.fund, "form": form, "count": found, "title": _("Jelaskan selisih kas")}
    return render(request, "funds/form.html", context)


@permission_required(VIEW)
def statement(request, pk):
    """The buku kas of a month as a page, xlsx (``?format=xlsx``) or PDF (``?format=pdf``)."""
    fund = _fund(request, pk)
    month = params.month(request.GET, "bulan", dates.today())
    data = ledger.statement(fund, month)
    kind = params.choice(request.GET, "format", "html", ["html", "xlsx", "pdf"])
    name = f"buku-kas-{fund.pk}-{month:%Y-%m}"
    if kind == "xlsx":
        response = HttpResponse(
            exports.statement_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if kind == "pdf":
        response = HttpResponse(exports.statement_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
    return render(request, "funds/statement.html", {**data, "month_text": f"{month:%Y-%m}"})


# --- the home page ---------------------------------------------------------------------


def home_block(user) -> dict:
    """Funds the user keeps (or sees, up to five): balance, who is behind, the next draw."""
    funds = Fund.objects.visible_to(user)
    kept = funds.filter(treasurer=user)
    funds = _with_balances((kept if kept.exists() else funds)[:5])
    for fund in funds:
        fund.behind = ledger.behind(fund)
        open_cycle = fund.cycles.filter(closed_on__isnull=True).first()
        fund.next_draw = (
            (open_cycle, dates.add_months(open_cycle.starts_on, arisan.next_period(open_cycle) - 1))
            if open_cycle
            else None
        )
    return {"home_funds": funds}
