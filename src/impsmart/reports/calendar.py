"""The reporting calendar (domain.md §7): the day of the next month each level is due.

Defaults follow the Gowa decision; a kabupaten overrides any of them with one
``ReportCalendar`` row (its ``due_days`` JSON), so no setting or deploy is needed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from impsmart import dates
from impsmart.reports.models import Report, ReportCalendar

# Sub-PPKBD and poktan by the 3rd, PPKBD by the 5th, PKB verification by the 7th,
# kecamatan by the 10th, kabupaten by the 15th of the following month.
DEFAULT_DUE_DAYS = {"dusun": 3, "desa": 5, "verifikasi": 7, "kecamatan": 10, "kabupaten": 15}


def due_days(region_code: str) -> dict[str, int]:
    kabupaten = ".".join(region_code.split(".")[:2])
    override = ReportCalendar.objects.filter(region_code=kabupaten).first()
    days = dict(DEFAULT_DUE_DAYS)
    if override is not None:
        days.update({k: int(v) for k, v in override.due_days.items() if k in DEFAULT_DUE_DAYS})
    return days


def due_date(month: dt.date, step: str, days: dict[str, int]) -> dt.date:
    """The due date of ``step`` (a level or "verifikasi") for the report month ``month``."""
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following.replace(day=days[step])


def local_date(moment: dt.datetime, zone: dt.tzinfo | None = None) -> dt.date:
    return timezone.localtime(moment, zone).date()


def submitted_on_time(
    report: Report, days: dict[str, int] | None = None, zone: dt.tzinfo | None = None
) -> bool | None:
    """True/False once submitted; None while not yet submitted. ``zone``: the current time
    zone, looked up once by a caller judging thousands of reports."""
    if report.submitted_at is None:
        return None
    days = days or due_days(report.region_code)
    return local_date(report.submitted_at, zone) <= due_date(report.month, report.level, days)


def not_yet_due(month: dt.date, step: str, days: dict[str, int]) -> bool:
    """The due date has not passed: nothing missing for this month is late yet."""
    return dates.today() <= due_date(month, step, days)


def is_late_now(report: Report) -> bool:
    """A submission made today would be late (the due date has passed)."""
    return not not_yet_due(report.month, report.level, due_days(report.region_code))


def month_over(month: dt.date, today: dt.date | None = None) -> bool:
    """The report month has ended: no event of the month can still change its figures."""
    return (today or dates.today()) > dates.last_day(month)


def early_warning(month: dt.date) -> str:
    """Why sending a report before its month ends may mislead; empty once the month is over."""
    if month_over(month):
        return ""
    return _("Bulan %(month)s belum selesai; data bisa berubah sampai %(end)s. Kirim juga?") % {
        "month": date_format(month, "F Y"),
        "end": date_format(dates.last_day(month), "j F"),
    }
