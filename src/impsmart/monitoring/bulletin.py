"""The monthly M&E bulletin of a region: key figures, the year's lines, scorecard, open actions.

The key figures are the REKAP_PUS of the month (``engine.compute``), so the bulletin and the
report never disagree; the lines are the trends of the 12 months ending with it. The text is
short enough for one phone screen when pasted into WhatsApp.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from impsmart import paper
from impsmart.dashboard import leaders
from impsmart.meetings.models import Action
from impsmart.monitoring import scorecard, trends
from impsmart.monitoring.targets import MET, NO_DATA, NOT_MET, PARTLY
from impsmart.regions.models import Region
from impsmart.reports import engine

FORM = "REKAP_PUS"
KEYS = ("pus", "pa_total", "mcpr", "pct_mkjp", "pb_total", "pct_unmet", "drop_out")
CHARTED = ("mcpr", "pb_total", "births", "drop_out", "report_completeness", "status_unknown")
ACTIONS = 5


def figures(region: Region, day: dt.date) -> list[dict]:
    """The month's REKAP_PUS rows named in ``KEYS``, in that order, with their labels."""
    report = engine.compute(FORM, region.code, day)
    rows = {row["code"]: row for row in report["rows"]}
    return [{"code": k, "label": rows[k]["label"], "value": rows[k]["value"]} for k in KEYS]


def open_actions(region: Region, day: dt.date) -> list[Action]:
    """The oldest-due actions still open at the month's end (the problem, not the person)."""
    actions = Action.objects.within(region.code).open_at(day + dt.timedelta(days=1))
    return list(actions.select_related("institution").order_by("due_on", "pk")[:ACTIONS])


def build(region: Region, day: dt.date) -> dict:
    months = trends.months_ending(day, 12)
    values = trends.series(region.code, months)
    card = scorecard.scorecard(region, day)
    counts = {s: sum(line.status == s for line in card["lines"]) for s in (MET, PARTLY, NOT_MET)}
    return {
        "region": region,
        "month": day,
        "figures": figures(region, day),
        "charts": [
            {
                "indicator": trends.BY_CODE[c],
                "values": values[c],
                "line": leaders.Sparkline(values[c], width=240, height=40),
            }
            for c in CHARTED
        ],  # fmt: skip
        "months": months,
        "lines": card["lines"],
        "counts": counts,
        "no_data": sum(line.status == NO_DATA for line in card["lines"]),
        "actions": open_actions(region, day),
        "as_of": paper.long_date(day),
    }


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")


def text(data: dict) -> str:
    """The WhatsApp text: at most 15 lines and 700 characters."""
    f = {row["code"]: row["value"] for row in data["figures"]}
    c = data["counts"]
    lines = [
        _("*Buletin Monev KB %(region)s*") % {"region": data["region"].name},
        _("Bulan %(month)s") % {"month": date_format(data["month"], "F Y")},
        _("PUS %(pus)s · peserta KB %(pa)s")
        % {"pus": _number(f["pus"]), "pa": _number(f["pa_total"])},
        _("mCPR %(v)s %%") % {"v": _number(f["mcpr"])},
        _("MKJP %(v)s %% dari peserta KB") % {"v": _number(f["pct_mkjp"])},
        _("Peserta KB baru %(v)s · drop out %(d)s")
        % {"v": _number(f["pb_total"]), "d": _number(f["drop_out"])},
        _("Unmet need %(v)s %%") % {"v": _number(f["pct_unmet"])},
        _("Target replikasi: %(met)s terpenuhi, %(partly)s sebagian, %(not)s belum")
        % {"met": c[MET], "partly": c[PARTLY], "not": c[NOT_MET]},
    ]
    if data["actions"]:
        lines.append(_("Tindak lanjut terbuka:"))
        lines += [f"- {a.problem[:60]} ({a.due_on:%d/%m})" for a in data["actions"][:3]]
    return "\n".join(lines)


def pdf(data: dict) -> bytes:
    """The bulletin on A4: the heading block, key figures, the year's lines, targets, actions."""
    region = data["region"]
    context = {
        **data,
        "title": _("Buletin Monev KB %(region)s") % {"region": region},
        "heading": [
            (_("Wilayah"), paper.place(region)),
            (_("Tingkat"), region.kind_label),
            (_("Bulan"), paper.month_name(data["month"])),
            (_("Data register per"), data["as_of"]),
        ],
        "figures": [{**f, "text": _number(f["value"])} for f in data["figures"]],
    }
    return paper.render_pdf("monitoring/bulletin_pdf.html", context)
