import pytest
from rest_framework.test import APIClient

from antq.core.testing import check_three_ways
from antq.tips.models import Tip
from antq.tips.tests.factories import IDENTITY, anonymous_tip, identified_tip

pytestmark = pytest.mark.django_db


def test_a_mobile_app_reports_and_follows_without_an_account(tree):
    client = APIClient()
    response = client.post("/api/v1/public/tips/", {
        "category": "drugs", "description": "Có người bán ma túy ở quán nước đầu ngõ", "commune": tree.a.pk},
        format="json")
    assert response.status_code == 201, response.json()
    receipt = response.json()
    status = client.post("/api/v1/public/tips/follow/", {**receipt, "body": "Thêm: họ đi xe máy màu đen"},
                         format="json")
    assert status.status_code == 200
    assert status.json()["status"] == "received"
    assert [m["body"] for m in status.json()["messages"]] == ["Thêm: họ đi xe máy màu đen"]
    wrong = client.post("/api/v1/public/tips/follow/", {"receipt_code": receipt["receipt_code"],
                                                        "secret": "AAAA-AAAA-AAAA-AAAA"}, format="json")
    assert wrong.status_code == 400
    assert wrong.json()["error"]["fields"]["non_field_errors"] == ["Mã tra cứu hoặc mã bí mật không đúng."]


def test_public_field_errors_are_vietnamese_and_nothing_is_stored(tree):
    response = APIClient().post("/api/v1/public/tips/", {
        "category": "drugs", "description": "ngắn", "commune": tree.a.pk, "anonymous": False,
        "reporter_id_number": "1"}, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields["reporter_id_number"] == ["Số căn cước công dân gồm 12 chữ số."]
    assert not Tip.objects.exists()


def test_tip_detail_three_ways_and_never_the_identity(tree, people, api_login):
    tip, _ = identified_tip(tree.a)
    response = check_three_ways(client_for=api_login, url=f"/api/v1/tips/{tip.pk}/", allowed=people.officer_a,
                                outsider=people.officer_b, unpermitted=people.viewer_a, api=True, denied=403)
    text = response.content.decode()
    for value in IDENTITY.values():
        assert value not in text


def test_identity_endpoint_for_the_officer_in_charge_only(tree, people, api_login):
    tip, _ = identified_tip(tree.a)
    client = api_login(people.officer_a)
    assert client.post(f"/api/v1/tips/{tip.pk}/identity/").status_code == 403
    assert client.post(f"/api/v1/tips/{tip.pk}/assign/", {"officer": people.officer_a.pk},
                       format="json").status_code == 200
    response = client.post(f"/api/v1/tips/{tip.pk}/identity/")
    assert response.status_code == 200 and response.json()["reporter_name"] == IDENTITY["reporter_name"]


def test_handling_through_the_api(tree, people, api_login):
    tip, _ = anonymous_tip(tree.a)
    client = api_login(people.officer_a)
    response = client.post(f"/api/v1/tips/{tip.pk}/triage/", {"urgent": True, "urgent_reason": "Bắt quả tang"},
                           format="json")
    assert response.status_code == 200 and response.json()["status"] == "triaged"
    assert client.post(f"/api/v1/tips/{tip.pk}/verify/").json()["status"] == "verifying"
    refused = client.post(f"/api/v1/tips/{tip.pk}/resolve/", {"outcome": "maybe"}, format="json")
    assert refused.status_code == 400
    done = client.post(f"/api/v1/tips/{tip.pk}/resolve/", {"outcome": "prosecute"}, format="json")
    assert done.json()["status"] == "resolved"
    other, _ = anonymous_tip(tree.b)
    assert client.post(f"/api/v1/tips/{other.pk}/triage/", {"urgent": False}, format="json").status_code == 404
    assert [t["id"] for t in client.get("/api/v1/tips/").json()["results"]] == [tip.pk]


def test_the_app_shows_the_reporter_their_details_and_withdraws_their_consent(tree):
    tip, secret = identified_tip(tree.a)
    client, keys = APIClient(), {"receipt_code": tip.receipt_code, "secret": secret}
    mine = client.post("/api/v1/public/tips/follow/", {**keys, "action": "my_data"}, format="json").json()
    assert mine["own_data"]["identity"]["reporter_phone"] == IDENTITY["reporter_phone"]
    assert mine["own_data"]["identity"]["reporter_id_number"].endswith(IDENTITY["reporter_id_number"][-4:])
    assert IDENTITY["reporter_id_number"] not in str(mine)
    gone = client.post("/api/v1/public/tips/follow/", {**keys, "action": "withdraw_all"}, format="json").json()
    assert gone["anonymous"] is True and "own_data" not in gone
    tip.refresh_from_db()
    assert tip.reporter_name == "" and tip.reporter_phone == ""
    again = client.post("/api/v1/public/tips/follow/", {**keys, "action": "withdraw_all"}, format="json")
    assert again.status_code == 400
    assert again.json()["error"]["fields"]["non_field_errors"] == ["Tin báo này không còn thông tin cá nhân nào."]


def test_a_public_report_through_the_api_is_one_insert(tree, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from antq.tips import tasks

    monkeypatch.setattr(tasks, "_checked_at", 10**9)  # the registrar was queued a moment ago
    client = APIClient()
    report = {"category": "drugs", "description": "Có người bán ma túy ở quán nước đầu ngõ", "commune": tree.a.pk}
    assert client.post("/api/v1/public/tips/", report, format="json").status_code == 201  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.post("/api/v1/public/tips/", report, format="json").status_code == 201
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 1 and statements[0].startswith("INSERT INTO tips_tipintake")
