"""Amounts as Indonesians write them: ``Rp 50.000`` (dots between thousands)."""

from django import template

from impsmart.paper import thousands

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """``Rp 50.000``; a value that is not a whole number as it is."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        return f"Rp {amount}"
    return f"Rp {thousands(amount)}"


@register.filter(name="thousands")
def thousands_filter(amount) -> str:
    """``50.000`` without the currency (a ledger's columns say Rp in their heading)."""
    return thousands(amount) if isinstance(amount, int) and not isinstance(amount, bool) else amount
