"""What a user needs at a glance on the home page: where the movement's machinery lags.

Each figure is a set-based query over the user's jurisdiction (their top unit), whatever its size.
"""

from __future__ import annotations

import datetime

from django.db import connections
from django.utils import timezone

from antq.committees import permissions as committees_perms
from antq.committees import selectors as committee_selectors
from antq.committees.models import SteeringCommittee
from antq.core.access import has_permission, prefix_condition
from antq.geo.models import Level
from antq.programs import permissions as programs_perms
from antq.programs import selectors as program_selectors
from antq.programs.models import Assignment, ReportForm


def home_summary(user, unit) -> dict:
    today = timezone.localdate()
    vendor = connections[SteeringCommittee.objects.db].vendor
    summary = {"unit": unit}
    if has_permission(user, committees_perms.VIEW_COMMITTEE, unit):
        committees = (SteeringCommittee.objects.visible_to(user, committees_perms.VIEW_COMMITTEE).active()
                      .filter(prefix_condition("unit__path", unit.path, vendor)))
        summary["committees"] = committees.count()
        summary["incomplete"] = committee_selectors.with_composition_problems(committees).count()
        summary["meetings_overdue"] = committee_selectors.overdue_count(committees, today)
    if has_permission(user, programs_perms.VIEW_PROGRAM, unit):
        summary["assignments_overdue"] = (Assignment.objects.visible_to(user, programs_perms.VIEW_PROGRAM)
                                          .filter(prefix_condition("program__unit__path", unit.path, vendor))
                                          .overdue(today).count())
    form = ReportForm.objects.filter(is_active=True).prefetch_related("indicators", "deadlines").order_by("pk").first()
    if form is not None and has_permission(user, programs_perms.VIEW_REPORT, unit):
        start, _end = program_selectors.period_bounds(form, today)
        last, _end = program_selectors.period_bounds(form, start - datetime.timedelta(days=1))
        rates = program_selectors.reporting_rates(form, last, unit, Level.objects.get(code="commune").pk)
        summary["report"] = {"form": form, "period": last, "completeness": rates["completeness"],
                             "timeliness": rates["timeliness"], "expected": rates["expected"],
                             "received": rates["received"]}
    return summary
