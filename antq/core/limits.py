"""Statutory time limits, counted one way for every app (Criminal Procedure Code 2015 Art. 134).

A limit is an amount and a unit, both data (`TimeLimit` rows, dated):
- hours: from the moment of the event — only where the law says hours (24 h urgent forwarding);
- days: counted from the day after the event, ending at 24:00 of the last day;
- working days: the n-th working day after the day of the event, ending at 24:00;
- months: ending on the same date of the later month, or on that month's last day when it has none;
and a limit in days or months whose last day is a day off ends on the first working day after it.

Days off are Saturdays and Sundays, except the make-up working days, plus the holidays of the
working calendar (`CalendarDay` rows, seeded from the `holidays` package and edited by the
ministry's administrator); a year without rows falls back to the package.

Each app declares the limits it uses (`declare`, from its AppConfig.ready()) with a label and the
units the law allows; the rule pages list them (antq.core.views) and services read the one in force
on the day of the event (`in_force`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import holidays
from django.utils import timezone
from django.utils.functional import Promise

from antq.core import refcache
from antq.core.dates import add_months
from antq.core.models import CalendarDay, TimeLimit, TimeUnit

CALENDAR = "core.calendar"
LIMITS = "core.limits"
DAY_UNITS = (TimeUnit.DAYS, TimeUnit.WORKING_DAYS, TimeUnit.MONTHS)


# --- The working calendar -------------------------------------------------------------------------

def package_days(year: int) -> dict[datetime.date, tuple[bool, str]]:
    """Vietnam's days off and make-up working days of `year` as the `holidays` package knows them:
    {day: (working, name)}."""
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    days = {day: (False, name) for day, name in calendar.items()}
    days.update({day: (True, "Ngày làm việc bù") for day in calendar.weekend_workdays if day.year == year})
    return days


class WorkingCalendar:
    """Which days are working days: the calendar's rows, else the ordinary week; pure, so the
    answers are kept until the rows change (a new instance then)."""

    def __init__(self, days: dict[datetime.date, bool]):
        self._days = dict(days)
        self._years = {day.year for day in days}
        self._next: dict[datetime.date, datetime.date] = {}
        self._added: dict[tuple[datetime.date, int], datetime.date] = {}

    def is_working_day(self, day: datetime.date) -> bool:
        if day.year not in self._years:
            # A year nobody entered yet: the package's days, as if they were rows.
            self._years.add(day.year)
            for other, (working, _name) in package_days(day.year).items():
                self._days.setdefault(other, working)
        return self._days.get(day, day.weekday() < 5)

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """`day` itself if it is a working day, else the first working day after it."""
        if day not in self._next:
            found = day
            while not self.is_working_day(found):
                found += datetime.timedelta(days=1)
            self._next[day] = found
        return self._next[day]

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The `days`-th working day after `start` (the day of the event does not count)."""
        key = (start, days)
        if key not in self._added:
            day = start
            for _ in range(days):
                day = self.next_working_day(day + datetime.timedelta(days=1))
            self._added[key] = day
        return self._added[key]


def calendar() -> WorkingCalendar:
    """The working calendar in force (kept per process; a change saved here clears it)."""
    return refcache.cached(CALENDAR, lambda: WorkingCalendar(
        dict(CalendarDay.objects.values_list("day", "working"))))


def is_working_day(day: datetime.date) -> bool:
    return calendar().is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    return calendar().add_working_days(start, days)


# --- Limits -------------------------------------------------------------------------------------

def _local_day(start: datetime.date | datetime.datetime) -> datetime.date:
    return timezone.localdate(start) if isinstance(start, datetime.datetime) else start


@dataclass(frozen=True)
class Limit:
    """An amount of time in a unit; `end` and `last_day` count it from an event (Art. 134)."""

    amount: int
    unit: str
    source: str = ""
    unconfirmed: bool = False
    valid_from: datetime.date | None = None

    def last_day(self, start: datetime.date | datetime.datetime) -> datetime.date:
        """The day the limit ends on (for hours, the local day of its last moment)."""
        if self.unit == TimeUnit.HOURS:
            return timezone.localdate(self.end(start))
        day, cal = _local_day(start), calendar()
        if self.unit == TimeUnit.WORKING_DAYS:
            return cal.add_working_days(day, self.amount)
        end = add_months(day, self.amount) if self.unit == TimeUnit.MONTHS else day + datetime.timedelta(
            days=self.amount)
        return cal.next_working_day(end)

    def end(self, start: datetime.date | datetime.datetime) -> datetime.datetime:
        """The last moment of the limit: `amount` hours after the event, or 24:00 of its last day
        (stored as the day's last microsecond, so "late" is simply "after it")."""
        if self.unit == TimeUnit.HOURS:
            if not isinstance(start, datetime.datetime):
                start = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
            return start + datetime.timedelta(hours=self.amount)
        return timezone.make_aware(datetime.datetime.combine(self.last_day(start), datetime.time.max))

    def __str__(self) -> str:
        return f"{self.amount} {TimeUnit(self.unit).label}"


@dataclass(frozen=True)
class LimitSpec:
    """A limit an app uses: its label, the units the law allows and the shipped default."""

    code: str
    label: str | Promise
    default: Limit
    units: tuple[str, ...] = field(default=DAY_UNITS)


_DECLARED: dict[str, LimitSpec] = {}


def declare(code: str, label, *, amount: int, unit: str, source: str, units: tuple[str, ...] = DAY_UNITS,
            unconfirmed: bool = False) -> LimitSpec:
    """Declare a limit an app uses (from its AppConfig.ready()); the default is what a database without
    a row for it uses, and what the app's data migration ships."""
    spec = LimitSpec(code=code, label=label, units=tuple(units),
                     default=Limit(amount=amount, unit=unit, source=source, unconfirmed=unconfirmed))
    _DECLARED[code] = spec
    return spec


def declare_all(rows) -> None:
    """Declare an app's limits from its defaults' rows: (code, label, amount, unit, source, units or
    None for the day units, unconfirmed)."""
    for code, label, amount, unit, source, units, unconfirmed in rows:
        declare(code, label, amount=amount, unit=unit, source=source, units=units or DAY_UNITS,
                unconfirmed=unconfirmed)


def seed_limits(apps, rows) -> None:
    """Ship an app's limits as undated rows (a data migration's step); rows already there are kept."""
    Model = apps.get_model("core", "TimeLimit")
    for code, _label, amount, unit, source, _units, unconfirmed in rows:
        Model.objects.get_or_create(code=code, valid_from=None, defaults={
            "amount": amount, "unit": str(unit), "source": source, "unconfirmed": unconfirmed})


def declared() -> list[LimitSpec]:
    return list(_DECLARED.values())


def spec(code: str) -> LimitSpec:
    return _DECLARED[code]


def _rows() -> dict[str, list[Limit]]:
    rows: dict[str, list[Limit]] = {}
    for row in TimeLimit.objects.order_by("code", "-valid_from"):
        rows.setdefault(row.code, []).append(Limit(amount=row.amount, unit=row.unit, source=row.source,
                                                   unconfirmed=row.unconfirmed, valid_from=row.valid_from))
    for versions in rows.values():  # newest first, the undated default last
        versions.sort(key=lambda limit: limit.valid_from or datetime.date.min, reverse=True)
    return rows


def in_force(code: str, on: datetime.date | datetime.datetime | None = None) -> Limit:
    """The limit `code` in force on `on` (today by default): the newest row from on or before that day,
    else the declared default."""
    on = _local_day(on) if on is not None else timezone.localdate()
    for limit in refcache.cached(LIMITS, _rows).get(code, ()):
        if limit.valid_from is None or limit.valid_from <= on:
            return limit
    return _DECLARED[code].default


def versions(code: str) -> list[Limit]:
    """Every dated version of `code`, newest first."""
    return list(refcache.cached(LIMITS, _rows).get(code, ()))


# --- Who recomputes what when the calendar changes ------------------------------------------------

_CALENDAR_LISTENERS: list = []


def on_calendar_change(listener) -> None:
    """Register `listener(*, actor, day)`: called inside the calendar change's transaction, it
    recomputes the open deadlines an app keeps that the change of `day` may move, with their audit
    rows (an app registers it from its AppConfig.ready())."""
    if listener not in _CALENDAR_LISTENERS:
        _CALENDAR_LISTENERS.append(listener)


def calendar_changed() -> None:
    """Forget the calendar kept in this process (a bulk change sends no signal)."""
    refcache.clear(CALENDAR)


def calendar_listeners_run(*, actor, day: datetime.date) -> None:
    calendar_changed()
    for listener in _CALENDAR_LISTENERS:
        listener(actor=actor, day=day)
