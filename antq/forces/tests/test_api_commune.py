"""The API of training, allowances, equipment and the community: each resource listed in scope (another
commune's rows absent, its objects 404), created through the services with refusals on the field and nothing
written, the people of prestige never with their phone."""

import datetime

import pytest
from rest_framework.test import APIClient

from antq.forces.models import AllowancePayment, AllowanceRate, Attendance, Course, PrestigePerson
from antq.orgs.tests.factories import OrganisationFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_training_through_the_api(crew, people, tree):
    officer, outsider = _api(people.officer_a), _api(people.officer_b)
    course = {"commune": tree.a.pk, "title": "Nghiệp vụ tuần tra", "content": "Kỹ năng tuần tra ban đêm",
              "trainer": "Công an phường", "starts_on": "2026-06-10", "ends_on": "2026-06-01"}
    refused = officer.post("/api/v1/training-courses/", course, format="json")
    assert refused.status_code == 400 and "ends_on" in refused.json()["error"]["fields"]
    assert outsider.post("/api/v1/training-courses/", {**course, "ends_on": "2026-06-12"},
                         format="json").status_code == 404
    assert not Course.objects.exists()
    created = officer.post("/api/v1/training-courses/", {**course, "ends_on": "2026-06-12"}, format="json")
    assert created.status_code == 201
    url = f"/api/v1/training-courses/{created.json()['id']}/"
    assert outsider.get(url).status_code == 404
    body = officer.post(url + "results/", {"results": {str(crew.members[0].pk): "passed"}}, format="json").json()
    assert body["results"] == {str(crew.members[0].pk): "passed"} and Attendance.objects.count() == 1
    assert officer.post(url + "results/", {"results": {"abc": "passed"}}, format="json").status_code == 400
    plan = officer.post("/api/v1/training-plans/", {"commune": tree.a.pk, "year": 2026, "courses_planned": 2,
                                                    "content": "Hai lớp trong năm", "approved_on": "2026-01-05"},
                        format="json")
    assert plan.status_code == 201 and outsider.get("/api/v1/training-plans/").json()["count"] == 0


def test_allowances_and_equipment_through_the_api(crew, people, tree):
    officer, outsider = _api(people.officer_a), _api(people.officer_b)
    pay = {"commune": tree.a.pk, "month": "2026-06-15", "paid_on": "2026-06-30"}
    refused = officer.post("/api/v1/allowance-payments/pay/", pay, format="json")
    assert refused.status_code == 400 and "month" in refused.json()["error"]["fields"]
    for role in ("leader", "deputy", "member"):
        AllowanceRate.objects.create(province=tree.province, role=role, valid_from=datetime.date(2024, 7, 1),
                                     monthly_amount=1_000_000, insurance_amount=0)
    assert outsider.post("/api/v1/allowance-payments/pay/", pay, format="json").status_code == 404
    paid = officer.post("/api/v1/allowance-payments/pay/", pay, format="json")
    assert paid.status_code == 200 and len(paid.json()) == 3 and AllowancePayment.objects.count() == 3
    team_url = f"/api/v1/security-teams/{crew.team.pk}/"
    body = officer.post(team_url + "equipment/", {"member": crew.members[0].pk, "item": "Áo mưa", "quantity": 1,
                                                  "issued_on": "2026-06-01"}, format="json").json()
    issued = next(m for m in body["members"] if m["id"] == crew.members[0].pk)["equipment"][0]
    assert issued["item"] == "Áo mưa" and issued["returned_on"] is None
    assert outsider.post(team_url + "equipment-return/", {"equipment": issued["id"], "returned_on": "2026-07-01"},
                         format="json").status_code == 404
    assert officer.post(team_url + "equipment-return/", {"equipment": issued["id"], "returned_on": "2026-07-01"},
                        format="json").status_code == 200


def test_the_community_through_the_api_without_phones(crew, people, tree):
    front_user = UserFactory(username="mttq.a", home_unit=tree.a)
    grant(front_user, "commune_front", tree.a, OrganisationFactory(unit=tree.a, name="Ủy ban MTTQ phường"))
    front, outsider = _api(front_user), _api(people.officer_b)
    group = front.post("/api/v1/self-managed-groups/", {"commune": tree.a.pk, "area": tree.a1.pk, "name": "Tổ 1",
                                                        "leader_name": "Lê Văn Tư", "households": 40,
                                                        "set_up_on": "2025-01-01"}, format="json")
    assert group.status_code == 201
    person = {"commune": tree.a.pk, "area": tree.b1.pk, "full_name": "Ông Bảy", "kind": "elder",
              "phone": "0912345678", "introduced_on": "2026-01-10", "groups": [group.json()["id"]]}
    assert front.post("/api/v1/people-of-prestige/", person, format="json").status_code in (400, 404)
    assert not PrestigePerson.objects.exists()
    created = front.post("/api/v1/people-of-prestige/", {**person, "area": tree.a1.pk}, format="json")
    assert created.status_code == 201 and "0912345678" not in str(created.json())
    assert created.json()["groups"] == [group.json()["id"]]
    url = f"/api/v1/people-of-prestige/{created.json()['id']}/"
    assert outsider.get(url).status_code == 404
    took = front.post(url + "took-part/", {"kind": "forum", "on": "2026-03-01", "note": "Phát biểu tại diễn đàn"},
                      format="json")
    assert took.status_code == 200 and took.json()["participations"][0]["kind"] == "forum"
    assert _api(people.viewer_a).post(url + "took-part/", {"kind": "forum", "on": "2026-03-01",
                                                           "note": "Phát biểu"}, format="json").status_code == 403


def test_the_lists_filter_through_their_filtersets_and_refuse_a_bad_value(crew, people, tree):
    officer = _api(people.officer_a)
    assert officer.post(f"/api/v1/security-teams/{crew.team.pk}/tasks/", {
        "kind": "support", "description": "Hỗ trợ phiên chợ", "given_on": "2026-06-01", "due_on": "2026-06-02"},
        format="json").status_code == 200
    assert officer.get("/api/v1/security-team-tasks/?year=2026").json()["count"] == 1
    assert officer.get("/api/v1/security-team-tasks/?year=2025").json()["count"] == 0
    assert officer.get("/api/v1/security-team-tasks/?year=abc").status_code == 400
    assert officer.get("/api/v1/security-team-ratings/?year=99999").status_code == 400
    assert officer.get("/api/v1/people-of-prestige/?kind=nope").status_code == 400
