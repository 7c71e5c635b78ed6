"""Amounts as Indonesians write them: ``Rp 50.000`` (dots between thousands).

Every app's pages load this library for money; the wording is ``impsmart.paper``'s, so the
screens and the paper forms read the same."""

from django import template

from impsmart import paper

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """``Rp 50.000``; a value that is not a whole number as it is."""
    return paper.rupiah(amount)


@register.filter(name="thousands")
def thousands_filter(amount) -> str:
    """``50.000`` without the currency (a ledger's columns say Rp in their heading)."""
    if isinstance(amount, int) and not isinstance(amount, bool):
        return paper.thousands(amount)
    return amount
