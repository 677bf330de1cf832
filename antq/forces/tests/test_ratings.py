"""Tasks and yearly ratings (Guidance 01/HD-BCA-V05): the share of tasks done drafted from the records, an
"excellent" refused at exactly 95 % (it needs more), a member disciplined in the year capped, a grade below
the records needing a reason, the chairman's decision only once all are reviewed; a team decided "did not
complete its tasks" fails Circular 124 Art. 4 item 5 of its residential area."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from antq.core.models import AuditEvent
from antq.evaluations.checks import run_check
from antq.evaluations.models import Criterion
from antq.evaluations.tests.factories import register as register_evaluation
from antq.forces import selectors, services
from antq.forces.models import Rating, RatingRule, Task

pytestmark = pytest.mark.django_db

YEAR = 2026


def _tasks(crew, officer, done: int, total: int, member=None):
    for n in range(total):
        task = services.task_give(actor=officer, team=crew.team, member=member, kind="verification",
                                  description=f"Xác minh tin số {n}", given_on=datetime.date(YEAR, 6, 1),
                                  due_on=datetime.date(YEAR, 6, 10))
        if n < done:
            services.task_close(actor=officer, task=task, outcome="done", outcome_note="Đã xác minh",
                                closed_on=datetime.date(YEAR, 6, 5))


def test_the_threshold_compares_whole_tasks_exactly():
    rule = RatingRule()
    assert selectors.grade_allowed(rule, 19, 20) == "good"  # 95 % is not more than 95 %
    assert selectors.grade_allowed(rule, 20, 20) == "excellent"
    assert selectors.grade_allowed(rule, 191, 200) == "excellent"  # 95.5 %
    assert selectors.grade_allowed(rule, 4, 5) == "good"  # 80 % is at least 80 %
    assert selectors.grade_allowed(rule, 1, 2) == "completed" and selectors.grade_allowed(rule, 49, 100) == \
        "not_completed"
    assert selectors.grade_allowed(rule, 0, 0) == "completed"
    assert selectors.grade_allowed(rule, 20, 20, disciplined=True) == "completed"


def test_a_team_at_exactly_95_percent_is_refused_excellent(crew, people, tree):
    _tasks(crew, people.officer_a, 19, 20)
    services.ratings_draft(actor=people.officer_a, commune=tree.a, year=YEAR)
    team_rating = Rating.objects.get(team=crew.team, member__isnull=True, year=YEAR)
    assert (team_rating.tasks_done, team_rating.tasks_total, team_rating.draft_grade) == (19, 20, "good")
    with pytest.raises(ValidationError) as refused:
        services.rating_review(actor=people.officer_a, rating=team_rating, grade="excellent")
    message = " ".join(refused.value.message_dict["grade"])
    assert "95" in message and "19" in message and "20" in message and "01/HD-BCA-V05" in message
    team_rating.refresh_from_db()
    assert team_rating.state == "draft" and team_rating.grade == ""
    assert not AuditEvent.objects.filter(action="forces.rating_review").exists()
    with pytest.raises(ValidationError, match="note"):  # below the records: say why
        services.rating_review(actor=people.officer_a, rating=team_rating, grade="completed")
    services.rating_review(actor=people.officer_a, rating=team_rating, grade="good")
    team_rating.refresh_from_db()
    assert (team_rating.state, team_rating.grade, team_rating.reviewed_by) == ("reviewed", "good", people.officer_a)


def test_one_more_task_done_makes_excellent_possible(crew, people, tree):
    _tasks(crew, people.officer_a, 20, 20)
    services.ratings_draft(actor=people.officer_a, commune=tree.a, year=YEAR)
    rating = Rating.objects.get(team=crew.team, member__isnull=True)
    assert rating.draft_grade == "excellent"
    services.rating_review(actor=people.officer_a, rating=rating, grade="excellent")


def test_member_ratings_count_their_own_tasks_and_discipline(crew, people, tree):
    an, binh, _cuong = crew.members
    _tasks(crew, people.officer_a, 3, 3, member=an)
    _tasks(crew, people.officer_a, 3, 3, member=binh)
    services.member_discipline(actor=people.officer_a, member=binh, form="reprimand",
                               decided_on=datetime.date(YEAR, 7, 1), decision_number="40/QĐ-UBND",
                               reason="Bỏ ca trực không báo")
    services.ratings_draft(actor=people.officer_a, commune=tree.a, year=YEAR)
    drafts = {r.member_id: r for r in Rating.objects.filter(member__isnull=False)}
    assert drafts[an.pk].draft_grade == "excellent" and drafts[binh.pk].draft_grade == "completed"
    assert drafts[binh.pk].disciplined
    with pytest.raises(ValidationError, match="grade"):
        services.rating_review(actor=people.officer_a, rating=drafts[binh.pk], grade="good")
    assert Rating.objects.filter(year=YEAR).count() == 4  # the team and its three members


def test_decided_only_when_all_are_reviewed_and_redrafting_keeps_the_decided(crew, people, tree):
    _tasks(crew, people.officer_a, 1, 4)
    services.ratings_draft(actor=people.officer_a, commune=tree.a, year=YEAR)
    ratings = list(Rating.objects.filter(year=YEAR))
    with pytest.raises(ValidationError, match="decision_number"):
        services.ratings_decide(actor=people.officer_a, commune=tree.a, year=YEAR, decision_number="50/QĐ-UBND",
                                decided_on=datetime.date(YEAR, 12, 1))
    assert not Rating.objects.filter(state="decided").exists()
    for rating in ratings:
        services.rating_review(actor=people.officer_a, rating=rating, grade=rating.draft_grade)
    with pytest.raises(PermissionDenied):
        services.ratings_decide(actor=people.officer_b, commune=tree.a, year=YEAR, decision_number="50/QĐ-UBND",
                                decided_on=datetime.date(YEAR, 12, 1))
    assert services.ratings_decide(actor=people.officer_a, commune=tree.a, year=YEAR,
                                   decision_number="50/QĐ-UBND", decided_on=datetime.date(YEAR, 12, 1)) == 4
    team_rating = Rating.objects.get(member__isnull=True)
    assert (team_rating.grade, team_rating.state) == ("not_completed", "decided")
    _tasks(crew, people.officer_a, 4, 4)  # later records do not move a decided rating
    assert services.ratings_draft(actor=people.officer_a, commune=tree.a, year=YEAR) == []
    team_rating.refresh_from_db()
    assert team_rating.tasks_done == 1


def test_a_team_rated_below_completed_fails_item_5_of_its_area(crew, people, tree):
    criterion = Criterion.objects.get(criteria_set__kind="residential_area", criteria_set__province__isnull=True,
                                      code="security_force")
    evaluation = register_evaluation(people.officer_a, unit=tree.a1, year=YEAR)
    _tasks(crew, people.officer_a, 2, 5)
    services.ratings_draft(actor=people.officer_a, commune=tree.a, year=YEAR)
    for rating in Rating.objects.filter(year=YEAR):
        services.rating_review(actor=people.officer_a, rating=rating, grade=rating.draft_grade)
    assert run_check(evaluation, criterion).passed is True  # reviewed is not decided
    services.ratings_decide(actor=people.officer_a, commune=tree.a, year=YEAR, decision_number="50/QĐ-UBND",
                            decided_on=datetime.date(YEAR, 11, 20))
    outcome = run_check(evaluation, criterion)
    assert outcome.passed is False
    assert crew.team.name in outcome.facts[0] and "50/QĐ-UBND" in outcome.facts[0] and str(YEAR) in outcome.facts[0]


def test_task_input_is_checked(crew, people, tree):
    with pytest.raises(ValidationError) as refused:
        services.task_give(actor=people.officer_a, team=crew.team, member=None, kind="nope", description="x",
                           given_on=datetime.date(YEAR, 6, 1), due_on=datetime.date(YEAR, 5, 1))
    assert {"kind", "description", "due_on"} <= set(refused.value.message_dict)
    task = services.task_give(actor=people.officer_a, team=crew.team, member=None, kind="fire_rescue",
                              description="Hỗ trợ chữa cháy chợ", given_on=datetime.date(YEAR, 6, 1),
                              due_on=datetime.date(YEAR, 6, 1))
    with pytest.raises(ValidationError, match="closed_on"):
        services.task_close(actor=people.officer_a, task=task, outcome="done", outcome_note="Đã dập lửa",
                            closed_on=datetime.date(YEAR, 5, 1))
    with pytest.raises(PermissionDenied):
        services.task_close(actor=people.officer_b, task=task, outcome="done", outcome_note="Đã dập lửa",
                            closed_on=datetime.date(YEAR, 6, 2))
    assert Task.objects.get().closed_on is None


def test_drafting_a_communes_year_takes_the_same_queries_for_more_members(crew, people, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _tasks(crew, people.officer_a, 2, 3, member=crew.members[0])
    selectors.rating_rule(datetime.date(YEAR, 12, 31))  # the rule table, read once per process and minute
    with CaptureQueriesContext(connection) as few:
        services.ratings_draft(actor=people.officer_a, commune=tree.a, year=YEAR)
    Rating.objects.all().delete()
    for n in range(3):
        member = services.member_propose(actor=people.officer_a, team=crew.team, full_name=f"Người Thêm {n}",
                                         birth_date=datetime.date(1985, 1, 1 + n), id_number=f"07208500000{n}",
                                         area=tree.a1, education="lower_secondary", clean_record=True,
                                         proposed_on=datetime.date(2026, 5, 4))
        services.member_recognise(actor=people.officer_a, member=member, decision_number="31/QĐ-UBND",
                                  recognised_on=datetime.date(2026, 5, 5))
    with CaptureQueriesContext(connection) as more:
        drafted = services.ratings_draft(actor=people.officer_a, commune=tree.a, year=YEAR)
    assert len(drafted) == 7 and len(more) == len(few)
