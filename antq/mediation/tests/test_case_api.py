"""The mediation case API: in scope or 404, each step through its service, the parties only with the
permission and on the record; the public request and follow-up without an account."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from antq.core.models import AuditEvent
from antq.mediation import selectors
from antq.mediation.choices import CaseStatus
from antq.mediation.models import MediationCase
from antq.mediation.tests.factories import OTHER, REQUESTER, team_with
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def front(tree):
    user = UserFactory(username="mttq.a", home_unit=tree.a)
    grant(user, "commune_front", tree.a)
    return user


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_case_is_entered_assigned_mediated_and_concluded_through_the_api(tree, people, front):
    team = team_with(front, tree.a1)
    api = _client(front)
    created = api.post("/api/v1/mediation-cases/", {
        "commune": tree.a.pk, "team": team.pk, "source": "request", "subject": "land",
        "description": "Hai hộ tranh chấp ranh giới đất ở hẻm 5.", "requester": REQUESTER, "other": OTHER,
        "consent": True}, format="json")
    assert created.status_code == 201, created.json()
    case = created.json()
    assert case["register_number"] == 1 and "phone" not in str(case) and REQUESTER["full_name"] not in str(case)
    url = f"/api/v1/mediation-cases/{case['id']}/"
    mediator = selectors.serving_mediators(team)[0]
    assert api.post(url + "assign/", {"mediators": [mediator.pk]}, format="json").json()["status"] == "assigned"
    today = timezone.localdate().isoformat()
    session = api.post(url + "sessions/", {"held_on": today, "place": "Nhà văn hóa", "participants": "Hai bên",
                                            "summary": "Hai bên trình bày ý kiến."}, format="json")
    assert session.status_code == 200 and session.json()["status"] == "in_progress"
    refused = api.post(url + "conclude/", {"outcome": "not_agreed", "ended_on": today}, format="json")
    assert refused.status_code == 400 and "next_step" in str(refused.json())
    assert MediationCase.objects.get(pk=case["id"]).status == CaseStatus.IN_PROGRESS
    done = api.post(url + "conclude/", {"outcome": "agreed", "ended_on": today,
                                        "terms": "Dỡ phần tường lấn trong 15 ngày."}, format="json")
    assert done.json()["compliance"] == "following"
    assert api.post(url + "follow-up/", {"compliance": "complied", "checked_on": today},
                    format="json").json()["compliance"] == "complied"
    # Another commune's officer: 404 for the case and for its steps; the commune police: 403 on a step.
    other = _client(people.officer_b)
    assert other.get(url).status_code == 404 and other.post(url + "decline/", {}, format="json").status_code == 404
    assert _client(people.officer_a).post(url + "sessions/", {
        "held_on": today, "place": "x", "participants": "x", "summary": "Hai bên trình bày."},
        format="json").status_code == 403


def test_the_parties_answer_only_with_the_permission_and_each_read_is_recorded(tree, people, front):
    api = _client(front)
    created = api.post("/api/v1/mediation-cases/", {
        "commune": tree.a.pk, "source": "own_knowledge", "subject": "family",
        "description": "Vợ chồng mâu thuẫn kéo dài về chăm sóc con.", "requester": REQUESTER, "consent": True},
        format="json").json()
    url = f"/api/v1/mediation-cases/{created['id']}/parties/"
    assert [p["phone"] for p in api.get(url).json()] == [REQUESTER["phone"]]
    viewer = UserFactory(home_unit=tree.a)
    grant(viewer, "commune_leader", tree.a)
    assert _client(viewer).get(url).status_code == 403
    assert _client(people.officer_b).get(url).status_code == 404
    assert AuditEvent.objects.filter(action="mediation.parties_read").count() == 1


def test_a_citizen_asks_and_follows_without_an_account(tree):
    api = APIClient()
    body = {"subject": "criminal", "commune": tree.a.pk, "description": "Bị hàng xóm đánh gây thương tích nặng.",
            "requester": REQUESTER, "other": OTHER, "consent": True}
    refused = api.post("/api/v1/public/mediation-requests/", body, format="json")
    assert refused.status_code == 400 and "Điều 3" in str(refused.json())
    assert not MediationCase.objects.exists()
    body["subject"] = "neighbours"
    receipt = api.post("/api/v1/public/mediation-requests/", body, format="json")
    assert receipt.status_code == 201
    status = api.post("/api/v1/public/mediation-requests/follow/", receipt.json(), format="json")
    assert status.status_code == 200 and status.json()["status"] == "received"
    assert REQUESTER["phone"] not in str(status.json()) and OTHER["full_name"] not in str(status.json())
    wrong = api.post("/api/v1/public/mediation-requests/follow/",
                     {"receipt_code": receipt.json()["receipt_code"], "secret": "ACDE-FHJK-MNPQ-RTUV"}, format="json")
    assert wrong.status_code == 400
