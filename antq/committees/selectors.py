"""Reads about committees: composition checks and the meetings each committee owes.

Both are computed in SQL over the whole set asked for, so a province sees all its communes
(and the centre all committees) in a fixed number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Value
from django.db.models.functions import Cast, ExtractMonth
from django.utils import timezone

from antq.committees.choices import Group
from antq.committees.models import CommitteeMember, CompositionRule, Meeting, MeetingCadence, SteeringCommittee


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
    cadence = MeetingCadence.objects.filter(_in_force(on), level_id=level_id).order_by("-valid_from").first()
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


def committee_year(committee: SteeringCommittee, year: int, today: datetime.date | None = None) -> dict:
    """The committee's meeting periods of `year`: which were held, which are overdue."""
    today = today or timezone.localdate()
    months = cadence_months(committee.unit.level_id, datetime.date(year, 12, 31))
    if not months:
        return {"months": None, "slots": [], "held": 0, "due": 0, "overdue": []}
    meetings = list(Meeting.objects.filter(committee=committee, held_on__year=year).order_by("held_on"))
    slots = []
    for i in range(12 // months):
        start, end = slot_bounds(year, months, i)
        slots.append(Slot(i, start, end, [m for m in meetings if start <= m.held_on <= end]))
    due = [s for s in slots if s.end < today]
    return {"months": months, "slots": slots, "held": sum(1 for s in slots if s.held), "due": len(due),
            "overdue": [s for s in due if not s.held]}


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


def meetings_table(committees, *, level_id: int, year: int, today: datetime.date | None = None):
    """Per committee of one level: meeting periods held, owed so far and overdue in `year` (one query)."""
    today = today or timezone.localdate()
    months = cadence_months(level_id, datetime.date(year, 12, 31)) or 12
    due, held, held_due = held_in_due_periods(year, months, today)
    rows = (committees.filter(unit__level_id=level_id).annotate(held=held, held_due=held_due)
            .select_related("unit__unit_type", "unit__level").order_by("unit__search_name"))
    return [{"committee": c, "held": c.held, "due": due, "total": 12 // months, "overdue": due - c.held_due}
            for c in rows], months


def overdue_count(committees, today: datetime.date | None = None) -> int:
    """How many of `committees` missed a meeting period that has ended this year (a query per level)."""
    today = today or timezone.localdate()
    total = 0
    for level_id in set(committees.values_list("unit__level_id", flat=True)):
        months = cadence_months(level_id) or 12
        due, _held, held_due = held_in_due_periods(today.year, months, today)
        if due:
            total += (committees.filter(unit__level_id=level_id).annotate(held_due=held_due)
                      .filter(held_due__lt=due).count())
    return total
