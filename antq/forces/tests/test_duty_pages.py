"""The duty pages and API three ways (in scope, another commune → 404, no permission → 403 or 404): the team's
shifts, tasks and ratings pages, their forms refused with what was typed kept and nothing written; the member's
phone page confirming, signing on and reporting a tip; another member's shift 404; query counts pinned."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from antq.core.testing import check_three_ways
from antq.forces import services
from antq.forces.models import Assignment, Rating, Schedule, Shift, Task
from antq.orgs.tests.factories import UserFactory, grant
from antq.tips.models import Tip

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 12, 7)
YEAR = 2026


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _nobody(tree):
    return UserFactory(home_unit=tree.a)


@pytest.fixture
def shift(crew, people):
    with time_machine.travel(_at(MONDAY, 9), tick=False):
        return services.shift_create(actor=people.officer_a, team=crew.team, kind="event", title="Lễ hội đình",
                                     place="Đình Tân Ninh", starts_at=_at(MONDAY, 18), ends_at=_at(MONDAY, 23),
                                     members=crew.members[:2])


def test_the_teams_pages_three_ways(crew, people, tree, login, shift):
    with time_machine.travel(_at(MONDAY, 9), tick=True):
        for name in ("forces:team_duty", "forces:team_tasks"):
            page = check_three_ways(client_for=login, url=reverse(name, args=[crew.team.pk]), allowed=people.officer_a,
                                    outsider=people.officer_b, unpermitted=_nobody(tree), denied=404)
            assert crew.team.name in page.content.decode()
        duty = login(people.officer_a).get(reverse("forces:team_duty", args=[crew.team.pk])).content.decode()
        assert "Lễ hội đình" in duty and "chưa trả lời" in duty
        check_three_ways(client_for=login, url=reverse("forces:ratings", args=[tree.a.pk, YEAR]),
                         allowed=people.officer_a, outsider=people.officer_b, unpermitted=_nobody(tree), denied=404)
        board = login(people.officer_a).get(reverse("forces:team_list")).content.decode()
        assert "Lễ hội đình" in board  # within the next 24 hours


def test_a_bad_schedule_keeps_what_was_typed_and_writes_nothing(crew, people, tree, login):
    url = reverse("forces:schedule_create", args=[crew.team.pk])
    data = {"schedule-kind": "night_patrol", "schedule-title": "Tuần tra đêm khu phố 1", "schedule-place": "Hẻm 5",
            "schedule-start_time": "22:00", "schedule-end_time": "02:00", "schedule-first_day": "07/12/2026",
            "schedule-per_shift": "2", "schedule-members": [m.pk for m in crew.members]}
    with time_machine.travel(_at(MONDAY, 9), tick=True):
        check_three_ways(client_for=login, url=url, method="post", data=data, allowed=people.officer_a,
                         outsider=people.officer_b, unpermitted=people.viewer_a, ok=(400,),
                         state=lambda: Schedule.objects.count())
        refused = login(people.officer_a).post(url, data)
        body = refused.content.decode()
        assert refused.status_code == 400 and "Tuần tra đêm khu phố 1" in body and "Hẻm 5" in body
        assert not Shift.objects.exists()
        done = login(people.officer_a).post(url, {**data, "schedule-weekdays": ["1", "4"]})
        assert done.status_code == 302 and Shift.objects.filter(schedule__isnull=False).count() == 8


def test_tasks_and_ratings_through_the_pages(crew, people, tree, login):
    client = login(people.officer_a)
    url = reverse("forces:task_give", args=[crew.team.pk])
    data = {"task-member": "", "task-kind": "verification", "task-description": "Xác minh tin báo số 1",
            "task-given_on": "01/06/2026", "task-due_on": "01/05/2026"}
    check_three_ways(client_for=login, url=url, method="post", data=data, allowed=people.officer_a,
                     outsider=people.officer_b, unpermitted=people.viewer_a, ok=(400,),
                     state=lambda: Task.objects.count())
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Xác minh tin báo số 1" in refused.content.decode()
    assert client.post(url, {**data, "task-due_on": "10/06/2026"}).status_code == 302
    task = Task.objects.get()
    close = reverse("forces:task_close", args=[crew.team.pk, task.pk])
    assert client.post(close, {"close-outcome": "done", "close-outcome_note": "",
                               "close-closed_on": "05/06/2026"}).status_code == 400
    assert client.post(close, {"close-outcome": "done", "close-outcome_note": "Đã xác minh",
                               "close-closed_on": "05/06/2026"}).status_code == 302
    assert login(people.officer_b).post(close, {}).status_code == 404
    draft = reverse("forces:ratings_draft", args=[tree.a.pk, YEAR])
    assert login(people.officer_b).post(draft).status_code == 404
    assert login(people.viewer_a).post(draft).status_code == 403 and not Rating.objects.exists()
    assert client.post(draft).status_code == 302
    team_rating = Rating.objects.get(member__isnull=True)
    review = reverse("forces:rating_review", args=[tree.a.pk, YEAR, team_rating.pk])
    assert client.post(review, {"review-grade": "excellent"}).status_code == 302  # 1 of 1: more than 95 %
    ratings = client.get(reverse("forces:ratings", args=[tree.a.pk, YEAR]))
    assert "Hoàn thành xuất sắc nhiệm vụ" in ratings.content.decode()


def test_the_ratings_page_counts_a_fixed_number_of_queries(crew, people, tree, login, django_assert_num_queries):
    services.ratings_draft(actor=people.officer_a, commune=tree.a, year=YEAR)
    client = login(people.officer_a)
    url = reverse("forces:ratings", args=[tree.a.pk, YEAR])
    client.get(url)
    with django_assert_num_queries(6):
        client.get(url)


def test_the_phone_page_confirm_sign_on_and_report_a_tip(crew, people, tree, login, shift, django_assert_num_queries):
    mine = shift.assignments.get(member=crew.members[0])
    theirs = shift.assignments.get(member=crew.members[1])
    with time_machine.travel(_at(MONDAY, 12), tick=True):
        me = login(crew.user)
        page = me.get(reverse("forces:my_duty"))
        assert page.status_code == 200 and "Lễ hội đình" in page.content.decode()
        with django_assert_num_queries(6):  # the rules come from memory
            me.get(reverse("forces:my_duty"))
        assert me.post(reverse("forces:my_confirm", args=[theirs.pk])).status_code == 404
        assert login(people.officer_a).get(reverse("forces:my_duty")).status_code == 403
        assert me.post(reverse("forces:my_confirm", args=[mine.pk])).status_code == 302
        assert me.post(reverse("forces:my_sign_on", args=[mine.pk])).status_code == 302  # too early: refused, flashed
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.state, mine.signed_on_at, theirs.state) == ("confirmed", None, "assigned")
    with time_machine.travel(_at(MONDAY, 18, 5), tick=True):
        me = login(crew.user)
        me.post(reverse("forces:my_sign_on", args=[mine.pk]))
        report = reverse("forces:my_report", args=[mine.pk])
        bad = me.post(report, {"incident-kind": "tip", "incident-description": "trộm", "incident-place": "Cổng đình"})
        assert bad.status_code == 400 and "Cổng đình" in bad.content.decode() and not Tip.objects.exists()
        sent = me.post(report, {"incident-kind": "tip", "incident-place": "Cổng đình",
                                "incident-description": "Một người giật túi xách của khách rồi chạy"})
        assert sent.status_code == 302
    tip = Tip.objects.get()
    assert tip.channel == "patrol" and tip.commune == tree.a


def test_the_api_for_duty_tasks_and_ratings(crew, people, tree, shift):
    officer, outsider, member = APIClient(), APIClient(), APIClient()
    officer.force_authenticate(people.officer_a)
    outsider.force_authenticate(people.officer_b)
    member.force_authenticate(crew.user)
    team_url = f"/api/v1/security-teams/{crew.team.pk}/"
    with time_machine.travel(_at(MONDAY, 9), tick=True):
        refused = officer.post(team_url + "schedules/", {
            "kind": "night_patrol", "title": "Tuần tra", "weekdays": [], "start_time": "22:00", "end_time": "02:00",
            "first_day": "2026-12-07", "per_shift": 2, "members": [m.pk for m in crew.members]}, format="json")
        assert refused.status_code == 400 and "weekdays" in refused.json()["error"]["fields"]
        assert outsider.post(team_url + "schedules/", {}, format="json").status_code == 404
        assert officer.post(team_url + "schedules/", {
            "kind": "night_patrol", "title": "Tuần tra", "weekdays": [2], "start_time": "22:00", "end_time": "02:00",
            "first_day": "2026-12-07", "per_shift": 2, "members": [m.pk for m in crew.members]},
            format="json").status_code == 200
        shifts = officer.get(f"/api/v1/security-team-shifts/?team={crew.team.pk}").json()
        assert shifts["count"] == 5 and outsider.get("/api/v1/security-team-shifts/").json()["count"] == 0
        assert outsider.post(f"/api/v1/security-team-shifts/{shift.pk}/cancel/", {"reason": "Mưa bão"},
                             format="json").status_code == 404
        mine = member.get("/api/v1/my-shifts/").json()
        own = next(r for r in mine["results"] if r["shift"]["id"] == shift.pk)
        assert member.post(f"/api/v1/my-shifts/{own['id']}/confirm/").json()["state"] == "confirmed"
        theirs = Assignment.objects.get(shift=shift, member=crew.members[1])
        assert member.post(f"/api/v1/my-shifts/{theirs.pk}/confirm/").status_code == 404
        assert officer.get("/api/v1/my-shifts/").status_code == 403
    task = officer.post(team_url + "tasks/", {"kind": "support", "description": "Hỗ trợ giữ trật tự chợ",
                                              "given_on": "2026-06-01", "due_on": "2026-06-02"}, format="json")
    assert task.status_code == 200
    task_id = Task.objects.get().pk
    assert officer.post(f"/api/v1/security-team-tasks/{task_id}/close/", {
        "outcome": "done", "outcome_note": "Xong", "closed_on": "2026-06-02"}, format="json").status_code == 200
    drafted = officer.post("/api/v1/security-team-ratings/draft/", {"commune": tree.a.pk, "year": YEAR},
                           format="json")
    assert drafted.status_code == 200 and len(drafted.json()) == 4
    assert outsider.post("/api/v1/security-team-ratings/draft/", {"commune": tree.a.pk, "year": YEAR},
                         format="json").status_code == 404
    team_rating = Rating.objects.get(member__isnull=True)
    assert officer.get(f"/api/v1/security-team-ratings/{team_rating.pk}/").json()["share_done"] == "100.0000"
    assert outsider.get(f"/api/v1/security-team-ratings/{team_rating.pk}/").status_code == 404


def test_a_member_without_the_role_has_no_phone_page(crew, tree, login):
    stranger = UserFactory(home_unit=tree.a)
    assert login(stranger).get(reverse("forces:my_duty")).status_code == 403
    grant(stranger, "security_team_member", tree.a, crew.team.commune and crew.user.role_assignments.first()
          .organisation)
    page = login(stranger).get(reverse("forces:my_duty"))
    assert page.status_code == 200 and "Lễ hội" not in page.content.decode()


def test_adding_a_member_and_stopping_a_duty_three_ways(crew, people, tree, login, shift):
    spare = crew.members[2]
    url = reverse("forces:shift_assign", args=[crew.team.pk, shift.pk])
    with time_machine.travel(_at(MONDAY, 9), tick=True):
        check_three_ways(client_for=login, url=url, method="post", data={"add-member": crew.members[0].pk},
                         allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(400,),
                         state=lambda: Assignment.objects.count())
        assert login(people.officer_a).post(url, {"add-member": spare.pk}).status_code == 302
        assert shift.assignments.filter(member=spare).exists()
        schedule = services.schedule_create(
            actor=people.officer_a, team=crew.team, kind="night_patrol", title="Tuần tra", place="", weekdays=[3],
            start_time=datetime.time(22), end_time=datetime.time(2), first_day=MONDAY, last_day=None, per_shift=1,
            members=crew.members)
        end = reverse("forces:schedule_end", args=[crew.team.pk, schedule.pk])
        check_three_ways(client_for=login, url=end, method="post", data={"end-ended_on": "01/12/2026"},
                         allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(400,),
                         state=lambda: Schedule.objects.filter(ended_on__isnull=False).count())
        assert login(people.officer_a).post(end, {"end-ended_on": "07/12/2026"}).status_code == 302
        assert not Shift.objects.filter(schedule=schedule, cancelled_at__isnull=True).exists()
        api = APIClient()
        api.force_authenticate(people.officer_b)
        assert api.post(f"/api/v1/security-team-shifts/{shift.pk}/assign/", {"member": spare.pk},
                        format="json").status_code == 404


def test_the_phone_page_lists_the_members_open_tasks_and_the_teams(crew, people, login):
    for member, text in ((crew.members[0], "Xác minh người lạ ở hẻm 5"), (None, "Hỗ trợ giữ trật tự phiên chợ"),
                         (crew.members[1], "Nhiệm vụ của người khác")):
        services.task_give(actor=people.officer_a, team=crew.team, member=member, kind="support", description=text,
                           given_on=datetime.date(2026, 6, 1), due_on=datetime.date(2026, 6, 5))
    page = login(crew.user).get(reverse("forces:my_duty")).content.decode()
    assert "Xác minh người lạ ở hẻm 5" in page and "Hỗ trợ giữ trật tự phiên chợ" in page
    assert "Nhiệm vụ của người khác" not in page
