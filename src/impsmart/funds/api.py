"""Funds in the caller's scope: the list with balances, and one fund's ledger."""

from __future__ import annotations

from ninja import Router, Schema

from impsmart.accounts.scope import get_visible
from impsmart.funds import exports
from impsmart.funds.models import Fund

router = Router(tags=["funds"])


class FundItem(Schema):
    fund: int
    name: str
    region_code: str
    balance: int


class EntryOut(Schema):
    id: int
    date: str
    kind: str
    member: str | None
    amount: int
    reverses: int | None
    by: str


class LedgerOut(Schema):
    fund: int
    balance: int
    entries: list[EntryOut]


@router.get("", response=list[FundItem])
def list_funds(request):
    return exports.fund_list(Fund.objects.visible_to(request.auth))


@router.get("/{pk}", response=LedgerOut)
def fund_ledger(request, pk: int):
    return exports.fund_ledger(get_visible(Fund.objects, request.auth, pk=pk))
