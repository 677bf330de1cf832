"""Working days and statutory time limits (Criminal Procedure Code 2015 Art. 134, LAW.md §2).

A limit in days ends at 24:00 of its last day, counted from the day after the event; a limit
in months ends on the same date of the later month (or that month's last day); when the last
day is a day off, the first working day after it is the last day. Days off are Saturdays,
Sundays and Vietnam's public holidays — Tết included — from the `holidays` package.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

from antq.core.dates import add_months


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


@lru_cache(maxsize=1024)  # pure; the tip registrar asks the same few days for a whole batch
def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (the day of the event does not count)."""
    day = start
    for _ in range(days):
        day = next_working_day(day + datetime.timedelta(days=1))
    return day


@lru_cache(maxsize=1024)
def limit_end(start: datetime.date, *, days: int = 0, months: int = 0) -> datetime.date:
    """The last day of a limit of `days` days or `months` months from an event on `start`
    (Art. 134): calendar days or months, moved to the next working day when it falls on a day off."""
    end = add_months(start, months) if months else start + datetime.timedelta(days=days)
    return next_working_day(end)
