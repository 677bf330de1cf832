"""Calendar arithmetic the rules share."""

from __future__ import annotations

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same date `months` later (earlier when negative), or that month's last day when it
    has no such date — as Criminal Procedure Code Art. 134 counts a limit in months."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
