"""Reads about programs: assignment progress per organisation, and the same for the level below."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from antq.programs.choices import AssignmentStatus
from antq.programs.models import Assignment, Program

_CLOSED = [AssignmentStatus.DONE, AssignmentStatus.CANCELLED]


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
    for assignment in active_assignments(user).filter(role__permissions__code="programs.manage_program"):
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
    children = (Program.objects.visible_to(user, "programs.view_program").filter(parent=program)
                .select_related("unit__unit_type", "unit__level"))
    counts = {row["program_id"]: row for row in Assignment.objects.filter(program__in=children)
              .values("program_id").annotate(**_counts(today))}
    empty = {"total": 0, "done": 0, "in_progress": 0, "overdue": 0}
    return [{"program": child, **counts.get(child.pk, empty)} for child in children]
