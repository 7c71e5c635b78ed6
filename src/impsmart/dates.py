"""Dates: the one place that says what day it is, and the calendar arithmetic of the registers.

Every "today" and "now" in the product comes from here, so a test (or a training room that
replays a past month) pins the day with the ``IMPSMART_TODAY`` setting (``YYYY-MM-DD``) and the
whole product follows, whatever the machine's clock says.
"""

import calendar
import datetime as dt

from django.conf import settings
from django.utils import timezone


def _pinned() -> dt.date | None:
    text = getattr(settings, "IMPSMART_TODAY", "")
    return dt.date.fromisoformat(text) if text else None


def today() -> dt.date:
    """Today in the installation's time zone (or the pinned day)."""
    return _pinned() or timezone.localdate()


def now() -> dt.datetime:
    """Now, aware; on a pinned day, that day at the current time of day."""
    moment = timezone.now()
    pinned = _pinned()
    if pinned is None:
        return moment
    local = timezone.localtime(moment)
    return local.replace(year=pinned.year, month=pinned.month, day=pinned.day)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def last_day(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return month_end(day.year, day.month)


def add_months(day: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months after ``day``'s month (``n`` may be negative)."""
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_back(day: dt.date, n: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the month ``n`` months before ``day``'s month."""
    first = add_months(day, -n)
    return first, last_day(first)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end``."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def parse_month(text: str) -> dt.date:
    """``YYYY-MM`` to the month's last day, or ValueError in Indonesian."""
    try:
        year, month = (int(part) for part in text.split("-"))
        if not 1900 <= year <= 9998:
            raise ValueError(year)
        return month_end(year, month)
    except (ValueError, TypeError, AttributeError) as error:
        raise ValueError(f"Bulan {text!r} tidak sah; tulis TTTT-BB, mis. 2026-10.") from error


def this_month() -> dt.date:
    """The first day of the current month."""
    return today().replace(day=1)


def latest_complete_month() -> dt.date:
    """The last day of the month before this one."""
    return this_month() - dt.timedelta(days=1)
