"""Mediation teams (Law 35/2013 Art. 8, 12): made up as the law requires or flagged; mediators elected by
more than half of the households; every page three ways."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from antq.core.models import AuditEvent
from antq.core.testing import check_three_ways
from antq.mediation import selectors, services
from antq.mediation.models import MediationTeam, Mediator, TeamRule
from antq.mediation.tests.factories import team_with
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def front(tree):
    """The Front officer of commune A, who manages its mediation teams."""
    user = UserFactory(username="mttq.a", home_unit=tree.a)
    grant(user, "commune_front", tree.a)
    return user


def test_a_team_without_a_woman_is_flagged_and_a_full_one_is_not(tree, front):
    men = team_with(front, tree.a1, people=(("Võ Văn Hai", "male"), ("Đỗ Văn Ba", "male"), ("Huỳnh Văn Năm", "male")))
    teams = MediationTeam.objects.all()
    assert list(selectors.with_problems(teams)) == [men]
    counted = selectors.with_counts(teams).get()
    with translation.override("vi"):
        assert selectors.problems(counted, selectors.rule_in_force()) == ["không có hòa giải viên nữ"]
    services.mediator_add(actor=front, team=men, full_name="Phạm Thị Bảy", sex="female",
                          election_share=Decimal("51"), term_start=datetime.date(2026, 2, 1))
    assert not selectors.with_problems(teams).exists()


def test_too_few_mediators_and_no_minority_mediator_where_minorities_live_are_flagged(tree, front):
    team = team_with(front, tree.a1, people=(("Nguyễn Thị Lan", "female"), ("Trần Văn Tư", "male")), minorities=True)
    counted = selectors.with_counts(MediationTeam.objects.all()).get()
    with translation.override("en"):
        found = selectors.problems(counted, selectors.rule_in_force())
    assert found == ["2 mediators; at least 3 needed", "no ethnic-minority mediator in an area where minorities live"]
    assert list(selectors.with_problems(MediationTeam.objects.all())) == [team]
    # The rule is data: a province that asked for two women from a date would judge by it from then.
    TeamRule.objects.create(valid_from=datetime.date(2026, 1, 1), min_mediators=2, min_women=1,
                            min_ethnic_minority=0, min_election_share=50)
    assert not selectors.with_problems(MediationTeam.objects.all()).exists()


def test_a_mediator_needs_more_than_half_of_the_households_exactly(tree, front):
    team = services.team_create(actor=front, unit=tree.a1, name="Tổ hòa giải số 1")
    with translation.override("vi"), pytest.raises(ValidationError, match="trên 50 % đại diện hộ gia đình"):
        services.mediator_add(actor=front, team=team, full_name="Trần Văn Tư", sex="male",
                              election_share=Decimal("50.00"), term_start=datetime.date(2026, 1, 5))
    assert not Mediator.objects.exists()
    assert not AuditEvent.objects.filter(action="mediation.mediator_add").exists()
    services.mediator_add(actor=front, team=team, full_name="Trần Văn Tư", sex="male",
                          election_share=Decimal("50.01"), term_start=datetime.date(2026, 1, 5))
    assert AuditEvent.objects.filter(action="mediation.mediator_add").count() == 1


def test_one_leader_at_a_time_and_a_team_belongs_to_a_residential_area(tree, front):
    team = services.team_create(actor=front, unit=tree.a1, name="Tổ hòa giải số 1")
    services.mediator_add(actor=front, team=team, full_name="Nguyễn Thị Lan", sex="female",
                          election_share=Decimal("70"), term_start=datetime.date(2026, 1, 5), is_leader=True)
    with pytest.raises(ValidationError, match="is_leader"):
        services.mediator_add(actor=front, team=team, full_name="Trần Văn Tư", sex="male",
                              election_share=Decimal("70"), term_start=datetime.date(2026, 1, 5), is_leader=True)
    with pytest.raises(ValidationError):
        services.team_create(actor=front, unit=tree.a, name="Tổ ở cấp xã")  # a commune, not an area
    assert MediationTeam.objects.count() == 1


def test_the_pages_three_ways_and_another_communes_team_is_not_found(tree, people, front, login):
    team = team_with(front, tree.a1)
    stranger = UserFactory(home_unit=tree.a)
    grant(stranger, "commune_police", tree.a)  # sees the teams, may not change them
    check_three_ways(client_for=login, url=reverse("mediation:team_detail", args=[team.pk]), allowed=front,
                     outsider=people.officer_b, unpermitted=UserFactory(home_unit=tree.a), denied=404)
    url = reverse("mediation:mediator_add", args=[team.pk])
    data = {"full_name": "Phạm Thị Bảy", "sex": "female", "ethnicity": "Kinh", "election_share": "61",
            "term_start": "05/01/2026"}
    assert login(people.officer_b).post(url, data).status_code == 404
    assert login(stranger).post(url, data).status_code == 403
    assert Mediator.objects.count() == 3
    assert login(front).post(url, data).status_code == 302
    assert Mediator.objects.count() == 4


def test_a_refused_mediator_comes_back_with_what_was_typed(tree, front, login):
    team = team_with(front, tree.a1)
    response = login(front).post(reverse("mediation:mediator_add", args=[team.pk]), {
        "full_name": "Phạm Thị Bảy", "sex": "female", "ethnicity": "Kinh", "election_share": "45",
        "term_start": "05/01/2026"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Phạm Thị Bảy"' in page and "trên 50 % đại diện hộ gia đình" in page
    assert Mediator.objects.count() == 3


def test_the_list_flags_teams_and_pins_its_queries(tree, people, front, login):
    team_with(front, tree.a1, people=(("Võ Văn Hai", "male"),))
    client = login(front)
    url = reverse("mediation:team_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    assert page.context["flagged"] == 1
    flagged = client.get(url + "?problems=true").context["table"].data.data
    assert [t.name for t in flagged] == ["Tổ hòa giải số 1"]
    for n in range(2, 6):
        services.team_create(actor=front, unit=tree.a1, name=f"Tổ hòa giải số {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_api_lists_in_scope_and_creates_through_the_service(tree, people, front):
    from rest_framework.test import APIClient

    team_with(front, tree.a1)
    client = APIClient()
    client.force_authenticate(front)
    listed = client.get("/api/v1/mediation-teams/").json()
    assert [t["name"] for t in listed["results"]] == ["Tổ hòa giải số 1"]
    created = client.post("/api/v1/mediation-teams/", {"unit": tree.a1.pk, "name": "Tổ hòa giải số 2"},
                          format="json")
    assert created.status_code == 201 and MediationTeam.objects.count() == 2
    other = APIClient()
    other.force_authenticate(people.officer_b)
    assert other.get(f"/api/v1/mediation-teams/{created.json()['id']}/").status_code == 404
