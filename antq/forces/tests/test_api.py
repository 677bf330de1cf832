"""The forces API: a team set up and its members proposed, recognised, disciplined through it; a 71-year-old
refused on the field with the rule named and nothing written; no ID number in any answer; another commune's
team 404; without the purpose 403."""

import pytest
from rest_framework.test import APIClient

from antq.forces.models import Member, SecurityTeam
from antq.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_team_and_its_members_through_the_api(tree, people):
    officer = _api(people.officer_a)
    created = officer.post("/api/v1/security-teams/", {
        "commune": tree.a.pk, "name": "Tổ bảo vệ ANTT khu phố 1", "areas": [tree.a1.pk],
        "decision_number": "25/QĐ-UBND", "decided_on": "2026-05-04"}, format="json")
    assert created.status_code == 201, created.json()
    url = f"/api/v1/security-teams/{created.json()['id']}/"
    member = {"full_name": "Phạm Văn Già", "birth_date": "1955-05-03", "id_number": "072055001234",
              "area": tree.a1.pk, "education": "lower_secondary", "clean_record": True, "proposed_on": "2026-05-04"}
    refused = officer.post(url + "members/", member, format="json")
    assert refused.status_code == 400 and "30/2023/QH15" in str(refused.json()["error"]["fields"]["birth_date"])
    assert not Member.objects.exists()
    body = officer.post(url + "members/", {**member, "birth_date": "1975-05-03", "id_number": "072075001234"},
                        format="json").json()
    assert "072075001234" not in str(body) and body["members"][0]["state"] == "proposed"
    member_id = body["members"][0]["id"]
    body = officer.post(url + "recognise/", {"member": member_id, "decision_number": "30/QĐ-UBND",
                                             "recognised_on": "2026-05-10"}, format="json").json()
    assert body["members"][0]["state"] == "recognised"
    body = officer.post(url + "discipline/", {"member": member_id, "form": "dismissal", "decided_on": "2026-06-01",
                                              "decision_number": "41/QĐ-UBND", "reason": "Bỏ ca trực nhiều lần"},
                        format="json").json()
    assert body["members"][0]["state"] == "left" and body["members"][0]["disciplines"][0]["form"] == "dismissal"
    assert _api(people.officer_b).get(url).status_code == 404
    assert _api(people.officer_b).post(url + "members/", member, format="json").status_code == 404
    assert _api(UserFactory(home_unit=tree.a)).get("/api/v1/security-teams/").status_code == 403
    assert _api(people.officer_b).post("/api/v1/security-teams/", {
        "commune": tree.a.pk, "name": "Tổ lạ", "areas": [tree.a1.pk], "decision_number": "26/QĐ-UBND",
        "decided_on": "2026-05-04"}, format="json").status_code == 404
    assert SecurityTeam.objects.count() == 1
