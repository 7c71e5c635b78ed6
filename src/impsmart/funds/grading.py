"""The organisation grading measure ``fund_months``: months of the last 12 with entries of the
institution's own funds (``None`` while no fund is kept anywhere: no data yet, not "not met")."""

from __future__ import annotations

from impsmart import dates
from impsmart.funds import ledger
from impsmart.funds.models import Fund
from impsmart.organization.grading import provides


@provides("fund_months")
def fund_months(institution, day) -> int | None:
    if not Fund.objects.exists():
        return None
    since = dates.add_months(day.replace(day=1), -11)
    return ledger.active_months(Fund.objects.filter(institution=institution), since, day)
