import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from antq.committees.models import Meeting
from antq.committees.tests.factories import full_committee
from antq.dashboards.selectors import home_summary
from antq.programs import selectors as program_selectors
from antq.programs.models import ReportForm
from antq.programs.services import reports
from antq.tips.models import Tip

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


def _card(page, label):
    return next(card for card in page.context["todo"] if card.label == label)


def test_each_card_of_the_officers_day_leads_to_the_rows_it_counts(tree, people, login):
    """New, due today, overdue: the count on the card equals the rows of the list it links to."""
    from antq.tips.tests.factories import anonymous_tip

    fresh, _ = anonymous_tip(tree.a)
    late, _ = anonymous_tip(tree.a)
    due, _ = anonymous_tip(tree.a)
    anonymous_tip(tree.b)  # another commune: never counted for A's officer
    now = timezone.now()
    Tip.objects.filter(pk=late.pk).update(triage_due=now - datetime.timedelta(hours=1))
    end_of_day = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(23, 59)))
    Tip.objects.filter(pk=fresh.pk).update(triage_due=end_of_day + datetime.timedelta(days=2))
    Tip.objects.filter(pk=due.pk).update(triage_due=max(end_of_day, now + datetime.timedelta(seconds=30)))
    client = login(people.officer_a)
    page = client.get(reverse("home"))
    expected = {"Tin báo quá hạn": {late.pk}, "Tin báo mới": {fresh.pk, late.pk, due.pk}}
    if timezone.localtime(now).time() < datetime.time(23, 59):  # `due` ends later today
        expected["Tin báo đến hạn hôm nay"] = {due.pk}
    for label, pks in expected.items():
        card = _card(page, label)
        assert card.count == len(pks)
        listed = client.get(card.url).context["table"].data.data
        assert {tip.pk for tip in listed} == pks, label


def test_cards_for_reports_owed_meetings_and_evaluations_lead_to_their_rows(tree, people, login):
    from antq.evaluations.models import Evaluation
    from antq.evaluations.tests.factories import register

    a = full_committee(tree.a)
    type(a).objects.filter(pk=a.pk).update(established_on=datetime.date(timezone.localdate().year - 1, 1, 1))
    evaluation = register(people.officer_a, unit=tree.a1)
    client = login(people.officer_a)
    page = client.get(reverse("home"))
    form = ReportForm.objects.get(code="bao-cao-thang-antq")
    last, _end = program_selectors.period_bounds(form, timezone.localdate().replace(day=1) - datetime.timedelta(days=1))
    owed = _card(page, f"Chưa gửi báo cáo {last:%m/%Y}")
    assert owed.url == reverse("programs:unit_report", args=[form.code, tree.a.pk, last.isoformat()])
    assert client.get(owed.url).status_code == 200
    meetings = _card(page, "Giao ban còn nợ")
    assert meetings.count == 1
    assert [c.pk for c in client.get(meetings.url).context["table"].data.data] == [a.pk]
    assess = _card(page, "Cần tự đánh giá")
    assert assess.count == Evaluation.objects.filter(status="registered").count() == 1
    assert [e.pk for e in client.get(assess.url).context["table"].data.data] == [evaluation.pk]
    # The report sent, its card goes.
    draft = reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=last,
                                values={"giao-ban": "1"})
    reports.report_submit(actor=people.officer_a, report=draft)
    labels = [card.label for card in client.get(reverse("home")).context["todo"]]
    assert f"Chưa gửi báo cáo {last:%m/%Y}" not in labels


def test_the_home_page_pins_its_query_count(tree, people, login):
    """The same number of queries with one tip or thirty, one committee or three."""
    from antq.tips.tests.factories import anonymous_tip

    anonymous_tip(tree.a)
    full_committee(tree.a)
    client = login(people.province)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(30):
        anonymous_tip(tree.a)
    full_committee(tree.b)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many) == len(few)


def test_a_mediation_team_to_complete_is_a_card_that_leads_to_it(tree, people, login):
    from antq.mediation.tests.factories import team_with
    from antq.orgs.tests.factories import UserFactory, grant

    front = UserFactory(home_unit=tree.a)
    grant(front, "commune_front", tree.a)
    team = team_with(front, tree.a1, people=(("Võ Văn Hai", "male"),))
    client = login(front)
    card = _card(client.get(reverse("home")), "Tổ hòa giải cần kiện toàn")
    assert card.count == 1
    assert [t.pk for t in client.get(card.url).context["table"].data.data] == [team.pk]
