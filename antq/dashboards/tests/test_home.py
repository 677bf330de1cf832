import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from antq.committees.models import Meeting
from antq.committees.tests.factories import full_committee
from antq.dashboards.selectors import home_summary
from antq.programs import selectors as program_selectors
from antq.programs.models import ReportForm
from antq.programs.services import reports

pytestmark = pytest.mark.django_db


def test_the_glance_counts_what_lags_in_the_jurisdiction(tree, people, login):
    today = timezone.localdate()
    full_committee(tree.province)
    a = full_committee(tree.a)
    full_committee(tree.b, skip=("standing_deputy",))
    type(a).objects.update(established_on=datetime.date(today.year, 1, 1))  # nothing owed before this year
    for month in range(1, today.month):  # commune A keeps its cadence, B never met
        Meeting.objects.create(committee=a, held_on=datetime.date(today.year, month, 3))
    form = ReportForm.objects.get(code="bao-cao-thang-antq")
    last, _end = program_selectors.period_bounds(form, today.replace(day=1) - datetime.timedelta(days=1))
    draft = reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=last,
                                values={"giao-ban": "1"})
    reports.report_submit(actor=people.officer_a, report=draft)
    summary = home_summary(people.province, tree.province)
    assert summary["committees"] == 3 and summary["incomplete"] == 1
    # B is behind whenever a month has ended this year; the province owes its H1 meeting after June.
    expected_overdue = (today.month > 1) + (today.month > 6)
    assert summary["meetings_overdue"] == expected_overdue
    # Set up a year earlier, A also owes last year's periods: overdue counts over the last twelve months.
    type(a).objects.filter(pk=a.pk).update(established_on=datetime.date(today.year - 1, 1, 1))
    assert home_summary(people.province, tree.province)["meetings_overdue"] == expected_overdue + 1
    assert summary["report"]["received"] == 1 and summary["report"]["expected"] == 2
    page = login(people.province).get(reverse("home"))
    assert page.context["summaries"][0]["incomplete"] == 1
    assert home_summary(people.officer_a, tree.a)["committees"] == 1
