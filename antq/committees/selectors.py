"""Reads about committees: composition checks and the meetings each committee owes.

Both are computed in SQL over the whole set asked for, so a province sees all its communes
(and the centre all committees) in a fixed number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Cast, ExtractMonth, ExtractYear
from django.utils import timezone

from antq.committees.choices import Group
from antq.committees.models import CommitteeMember, CompositionRule, Meeting, MeetingCadence, SteeringCommittee
from antq.core import rules
from antq.core.dates import add_months


def _in_force(on: datetime.date) -> Q:
    """Rules are versioned by the dates they take effect and end."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def rules_in_force(level_id: int, on: datetime.date | None = None):
    on = on or timezone.localdate()
    return CompositionRule.objects.filter(_in_force(on), level_id=level_id).select_related("org_type")


def _seat_filled(rule: CompositionRule, on: datetime.date):
    return Exists(CommitteeMember.objects.current(on).filter(
        committee=OuterRef("pk"), group=Group.COMMITTEE, position=rule.position,
        organisation__org_type_id=rule.org_type_id))


def unmet_rules(committee: SteeringCommittee, on: datetime.date | None = None) -> list[CompositionRule]:
    """The composition rules of the committee's level that no current member satisfies."""
    on = on or timezone.localdate()
    rules = list(rules_in_force(committee.unit.level_id, on))
    if not rules:
        return []
    flags = SteeringCommittee.objects.filter(pk=committee.pk).annotate(
        **{f"r{rule.pk}": _seat_filled(rule, on) for rule in rules}).values(*[f"r{r.pk}" for r in rules]).get()
    return [rule for rule in rules if not flags[f"r{rule.pk}"]]


def with_composition_problems(committees, on: datetime.date | None = None):
    """Narrow `committees` to those missing any seat their level's rules require (one query)."""
    on = on or timezone.localdate()
    condition = Q(pk__in=[])
    for rule in CompositionRule.objects.filter(_in_force(on)):
        condition |= Q(unit__level_id=rule.level_id) & ~_seat_filled(rule, on)
    return committees.filter(condition)


def cadence_months(level_id: int, on: datetime.date | None = None) -> int | None:
    on = on or timezone.localdate()
    cadence = rules.row_in_force(MeetingCadence.objects.filter(level_id=level_id), on)
    return cadence.months if cadence else None


@dataclass
class Slot:
    index: int
    start: datetime.date
    end: datetime.date
    held: list  # meetings in the slot

    @property
    def label(self) -> str:
        if self.start.month == self.end.month:
            return f"{self.start:%m/%Y}"
        return f"{self.start:%m}–{self.end:%m/%Y}"


def slot_bounds(year: int, months: int, index: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, index * months + 1, 1)
    end_month = start.month + months
    end = (datetime.date(year + 1, 1, 1) if end_month > 12 else datetime.date(year, end_month, 1))
    return start, end - datetime.timedelta(days=1)


def slots_due(year: int, months: int, today: datetime.date) -> int:
    """How many of the year's meeting periods have ended by `today` (so are owed)."""
    return sum(1 for i in range(12 // months) if slot_bounds(year, months, i)[1] < today)


def owed_window(months: int, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months of meeting periods that have ended by `today`: [start, end). Overdue
    periods are counted over it, so a period missed in December stays overdue in January."""
    current = slot_bounds(today.year, months, (today.month - 1) // months)[0]
    return add_months(current, -12), current


def committee_year(committee: SteeringCommittee, year: int, today: datetime.date | None = None) -> dict:
    """The committee's meeting periods of `year`: which were held, which are overdue — and, while the
    year runs, the periods of last year's window still missed (`overdue_before`)."""
    today = today or timezone.localdate()
    months = cadence_months(committee.unit.level_id, datetime.date(year, 12, 31))
    if not months:
        return {"months": None, "slots": [], "held": 0, "due": 0, "overdue": [], "overdue_before": []}
    window_start, _end = owed_window(months, today)
    first = min(datetime.date(year, 1, 1), window_start)
    meetings = list(Meeting.objects.filter(committee=committee, held_on__gte=first,
                                           held_on__lte=datetime.date(year, 12, 31)).order_by("held_on"))

    def slots_of(y: int) -> list[Slot]:
        return [Slot(i, *slot_bounds(y, months, i), [m for m in meetings if slot_bounds(y, months, i)[0]
                                                      <= m.held_on <= slot_bounds(y, months, i)[1]])
                for i in range(12 // months)]

    slots = slots_of(year)
    due = [s for s in slots if s.end < today]
    since = committee.established_on or datetime.date.min
    before = [s for s in slots_of(year - 1) if s.start >= window_start and s.end >= since and not s.held] \
        if year == today.year else []
    return {"months": months, "slots": slots, "held": sum(1 for s in slots if s.held), "due": len(due),
            "overdue": [s for s in due if not s.held], "overdue_before": before}


def held_in_due_periods(year: int, months: int, today: datetime.date) -> tuple[int, Count, Count]:
    """(periods owed so far, count of periods held in the year, count of owed periods held).

    A meeting's period is (month - 1) // cadence; the counts are distinct periods, for
    annotating committees in one aggregate query.
    """
    due = slots_due(year, months, today)
    slot = Cast((ExtractMonth("meetings__held_on") - 1) / Value(months), IntegerField())
    in_year = Q(meetings__held_on__year=year)
    in_due = in_year & Q(meetings__held_on__lt=slot_bounds(year, months, due)[0]) if due < 12 // months else in_year
    return due, Count(slot, filter=in_year, distinct=True), Count(slot, filter=in_due, distinct=True)


def _window_annotations(months: int, today: datetime.date) -> dict:
    """`owed_window`: the periods of the owed window that ended after the committee was set up (all of
    them when the date is not known); `held_window`: the distinct ones it met in (a period is year * 12
    + month - 1, over the cadence). For annotating committees in one aggregate query."""
    start, end = owed_window(months, today)
    ends = [slot_bounds(y, months, i)[1] for y in (start.year, end.year) for i in range(12 // months)
            if start <= slot_bounds(y, months, i)[0] < end]
    owed = sum((Case(When(Q(established_on__isnull=True) | Q(established_on__lte=e), then=Value(1)), default=Value(0),
                     output_field=IntegerField()) for e in ends), Value(0))
    period = Cast((ExtractYear("meetings__held_on") * 12 + ExtractMonth("meetings__held_on") - 1) / Value(months),
                  IntegerField())
    return {"owed_window": owed,
            "held_window": Count(period, distinct=True, filter=(
                Q(meetings__held_on__gte=start, meetings__held_on__lt=end)
                & (Q(established_on__isnull=True) | Q(meetings__held_on__gte=F("established_on")))))}


def meetings_table(committees, *, level_id: int, year: int, today: datetime.date | None = None):
    """Per committee of one level: meeting periods held and owed so far in `year` (one query), and the
    periods overdue — for the running year, over the last twelve months, so December's missed meeting
    is still overdue in January."""
    today = today or timezone.localdate()
    months = cadence_months(level_id, datetime.date(year, 12, 31)) or 12
    due, held, held_due = held_in_due_periods(year, months, today)
    current = year == today.year
    annotations = {"held": held, "held_due": held_due, **(_window_annotations(months, today) if current else {})}
    rows = (committees.filter(unit__level_id=level_id).annotate(**annotations)
            .select_related("unit__unit_type", "unit__level").order_by("unit__search_name"))
    return [{"committee": c, "held": c.held, "due": due, "total": 12 // months,
             "overdue": (c.owed_window - c.held_window) if current else due - c.held_due}
            for c in rows], months


def overdue(committees, today: datetime.date | None = None):
    """Those of `committees` that missed a meeting period over the last twelve months, across the new year
    (a subquery per level, each with its own cadence)."""
    today = today or timezone.localdate()
    behind = Q(pk__in=[])
    for level_id in set(committees.values_list("unit__level_id", flat=True)):
        months = cadence_months(level_id) or 12
        behind |= Q(pk__in=committees.filter(unit__level_id=level_id).annotate(**_window_annotations(months, today))
                    .filter(held_window__lt=F("owed_window")).values("pk"))
    return committees.filter(behind)


def overdue_count(committees, today: datetime.date | None = None) -> int:
    return overdue(committees, today).count()
