"""Reads about programs: assignment progress per organisation, and the same for the level below."""

from __future__ import annotations

import calendar
import datetime
import functools

from django.db import connections
from django.db.models import Avg, Count, Max, Q, Sum
from django.utils import timezone

from antq.core.access import has_permission, prefix_condition
from antq.core.limits import Limit
from antq.core.models import TimeUnit
from antq.geo.models import AdminUnit
from antq.programs import permissions as perms
from antq.programs.choices import PERIOD_MONTHS, AssignmentStatus, IndicatorKind, ReportStatus
from antq.programs.models import Assignment, Program, Report, ReportForm, ReportValue

_CLOSED = [AssignmentStatus.DONE, AssignmentStatus.CANCELLED]



DEFAULT_DEADLINE_DAYS = 5  # a form nobody gave a deadline (seed 000 §IV.4's monthly report)


def period_bounds(form: ReportForm, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period of `form` that contains `day`."""
    months = PERIOD_MONTHS[form.period_type]
    first_month = ((day.month - 1) // months) * months + 1
    start = datetime.date(day.year, first_month, 1)
    last_month = first_month + months - 1
    return start, datetime.date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def deadline(form: ReportForm, period_start: datetime.date) -> datetime.datetime:
    """24:00 of the last day a report for this period is on time: the deadline in force when the period
    ended, counted from its last day and moved off a day off (Art. 134, antq.core.limits)."""
    _start, end = period_bounds(form, period_start)
    rule = form.deadline_on(end)
    return (rule.limit if rule else Limit(DEFAULT_DEADLINE_DAYS, TimeUnit.DAYS)).end(end)


def submittable_from(form: ReportForm, period_start: datetime.date) -> datetime.date:
    """The first day a report for this period may be submitted: the day after the period ends, or as many
    days earlier as the form's rule in force at the period's end allows (seed 000 §IV.4: a report gives
    the period's figures, which exist once it has ended)."""
    _start, end = period_bounds(form, period_start)
    rule = form.deadline_on(end)
    return end + datetime.timedelta(days=1 - (rule.opens_before_end if rule else 0))


def _counts(today: datetime.date) -> dict:
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(status=AssignmentStatus.DONE)),
        "in_progress": Count("pk", filter=Q(status=AssignmentStatus.IN_PROGRESS)),
        "overdue": Count("pk", filter=Q(due_on__lt=today) & ~Q(status__in=_CLOSED)),
    }


def units_to_issue_in(user) -> list:
    """The units (not residential areas) where the user may issue programs: their own scopes."""
    from antq.orgs.selectors import active_assignments

    units = {}
    for assignment in active_assignments(user).filter(role__permissions__code=perms.MANAGE_PROGRAM):
        if assignment.scope.level.code != "residential_area":
            units.setdefault(assignment.scope_id, assignment.scope)
    return list(units.values())


def by_organisation(program: Program, today: datetime.date | None = None) -> list[dict]:
    """Per assigned organisation: total, done, in progress, overdue (one aggregate query)."""
    today = today or timezone.localdate()
    return list(Assignment.objects.filter(program=program)
                .values("organisation_id", "organisation__name").annotate(**_counts(today))
                .order_by("organisation__name"))


def implementations(program: Program, user, today: datetime.date | None = None) -> list[dict]:
    """The programs of the level below that implement `program`, each with its assignment counts."""
    today = today or timezone.localdate()
    children = (Program.objects.visible_to(user, perms.VIEW_PROGRAM).filter(parent=program)
                .select_related("unit__unit_type", "unit__level"))
    counts = {row["program_id"]: row for row in Assignment.objects.filter(program__in=children)
              .values("program_id").annotate(**_counts(today))}
    empty = {"total": 0, "done": 0, "in_progress": 0, "overdue": 0}
    return [{"program": child, **counts.get(child.pk, empty)} for child in children]


# --- Periodic reports: roll-up and reporting rates ---------------------------------------------


def rollup(form, period_start: datetime.date, within, base_level_id: int) -> dict[str, object]:
    """The indicators of every current report of `base_level_id` units inside `within`, rolled up.

    One aggregate query; each indicator takes its own aggregate (sum, average or max), so a
    commune's report counts in its province's and the nation's figures as soon as it is submitted.
    """
    return _rollup(form, ("period", period_start), within, base_level_id)


def year_rollup(form, year: int, within, base_level_id: int) -> dict[str, object]:
    """The same over every period of `year` (for the yearly review)."""
    return _rollup(form, ("year", year), within, base_level_id)


def _rollup(form, period: tuple, within, base_level_id: int) -> dict[str, object]:
    # Text indicators store no number, so they aggregate to nothing and need no filter (filtering
    # by indicator makes PostgreSQL test every value of the table at national scale).
    numeric = [i for i in form.indicators.all() if i.kind == IndicatorKind.NUMBER]
    query = _rollup_query(ReportValue.objects.db, form.pk, period, within.path, base_level_id)
    by_indicator = {row[0]: row for row in query.all()}  # .all(): a fresh run of the cached query
    position = {"sum": 1, "avg": 2, "max": 3}
    result = {}
    for indicator in numeric:
        row = by_indicator.get(indicator.pk)
        result[indicator.code] = {"indicator": indicator, "value": row[position[indicator.aggregate]] if row else None,
                                  "reports": row[4] if row else 0}
    return result


@functools.lru_cache(maxsize=1024)
def _rollup_query(alias: str, form_id: int, period: tuple, path: str, base_level_id: int):
    """The roll-up queryset for these arguments, built once and re-run (the rows stay live).

    Building its filter through three tables costs Django about as much as PostgreSQL takes to
    run it for a province (bench/reports_rollup.py), and dashboards ask for the same roll-ups
    again and again, so the built queryset is kept, as a prepared statement would be.
    """
    kind, value = period
    period_filter = Q(report__period_start=value) if kind == "period" else Q(report__period_start__year=value)
    return (ReportValue.objects.using(alias)
            .filter(period_filter, prefix_condition("report__unit__path", path, connections[alias].vendor),
                    report__form_id=form_id, report__is_current=True, report__status=ReportStatus.SUBMITTED,
                    report__unit__level_id=base_level_id)
            .values_list("indicator_id")
            .annotate(Sum("number"), Avg("number"), Max("number"), Count("number")))


def reporting_rates(form, period_start: datetime.date, within, base_level_id: int) -> dict:
    """Completeness (share of expected reports received) and timeliness (share received by the
    deadline) for the base-level units inside `within`, per child of `within` and in total, as
    DHIS2 shows reporting rates. Two queries whatever the number of units."""
    due = deadline(form, period_start)
    vendor = connections[AdminUnit.objects.db].vendor
    units = AdminUnit.objects.current().filter(prefix_condition("path", within.path, vendor),
                                               level_id=base_level_id)
    reports = Report.objects.current().filter(form=form, period_start=period_start, unit__in=units)
    if units.filter(parent=within).exists():
        # The children are the base units themselves: one row per unit with its own status.
        statuses = {r.unit_id: r for r in reports.only("unit_id", "first_submitted_at", "version", "pk")}
        rows = []
        for unit in units.filter(parent=within).select_related("unit_type", "level").order_by("search_name"):
            report = statuses.get(unit.pk)
            rows.append({"unit": unit, "report": report, "expected": 1, "received": int(report is not None),
                         "on_time": int(report is not None and report.first_submitted_at <= due)})
    else:
        expected = dict(units.values_list("parent_id").annotate(n=Count("pk")))
        received = {row["unit__parent_id"]: row for row in reports.values("unit__parent_id").annotate(
            received=Count("unit_id", distinct=True),
            on_time=Count("unit_id", filter=Q(first_submitted_at__lte=due), distinct=True))}
        children = AdminUnit.objects.current().filter(pk__in=expected).select_related("unit_type", "level")
        rows = [{"unit": child, "report": None, "expected": expected[child.pk],
                 "received": received.get(child.pk, {}).get("received", 0),
                 "on_time": received.get(child.pk, {}).get("on_time", 0)}
                for child in sorted(children, key=lambda u: u.search_name)]
    expected_total = sum(r["expected"] for r in rows)
    received_total = sum(r["received"] for r in rows)
    on_time_total = sum(r["on_time"] for r in rows)
    return {
        "rows": rows,
        "deadline": due,
        "expected": expected_total,
        "received": received_total,
        "on_time": on_time_total,
        "completeness": round(100 * received_total / expected_total, 1) if expected_total else None,
        "timeliness": round(100 * on_time_total / expected_total, 1) if expected_total else None,
    }


def reports_owed(user, units, today: datetime.date | None = None) -> list[dict]:
    """The reports `user` owes for `units` (their own jurisdictions): for each active form those units
    submit, the last ended period with no submitted report — with its deadline (Art. 134 counting) and
    whether it has passed. Two queries whatever the number of forms and units."""
    today = today or timezone.localdate()
    units = [u for u in units if has_permission(user, perms.SUBMIT_REPORT, u)]
    if not units:
        return []
    owed = []
    for form in ReportForm.objects.filter(is_active=True).prefetch_related("submitting_levels", "deadlines"):
        levels = {level.pk for level in form.submitting_levels.all()}
        start, _end = period_bounds(form, today)
        last, _end = period_bounds(form, start - datetime.timedelta(days=1))
        for unit in units:
            if unit.level_id in levels:
                owed.append({"form": form, "unit": unit, "period": last, "due": deadline(form, last)})
    submitted = set(Report.objects.filter(
        status=ReportStatus.SUBMITTED, is_current=True, unit__in=[row["unit"] for row in owed],
        form__in=[row["form"] for row in owed], period_start__in={row["period"] for row in owed},
    ).values_list("form_id", "unit_id", "period_start"))
    now = timezone.now()
    return [{**row, "late": row["due"] < now} for row in owed
            if (row["form"].pk, row["unit"].pk, row["period"]) not in submitted]
