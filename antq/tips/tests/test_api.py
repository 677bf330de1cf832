import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from antq.core.testing import check_three_ways
from antq.tips.models import Tip, TipIntake
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
    (message,) = wrong.json()["error"]["fields"]["non_field_errors"]
    assert message.startswith("Mã tra cứu hoặc mã bí mật không đúng")


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
    assert client.post(f"/api/v1/tips/{tip.pk}/identity/").status_code == 403  # in charge, not approved
    asked = client.post(f"/api/v1/tips/{tip.pk}/identity-request/", {"reason": "Cần gọi lại để xác minh"},
                        format="json")
    assert asked.status_code == 201 and asked.json()["status"] == "pending"
    grant_id = asked.json()["id"]
    # The officer cannot approve their own request: it is not among theirs to decide.
    assert client.post(f"/api/v1/access-requests/{grant_id}/approve/", {}, format="json").status_code == 403
    assert api_login(people.officer_b).post(f"/api/v1/access-requests/{grant_id}/approve/", {},
                                            format="json").status_code == 404  # out of scope
    approver = api_login(people.province)
    assert [g["id"] for g in approver.get("/api/v1/access-requests/?waiting=1").json()["results"]] == [grant_id]
    approved = approver.post(f"/api/v1/access-requests/{grant_id}/approve/", {"hours": 2}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
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


def test_an_officer_records_a_tip_through_the_api_three_ways(tree, people, api_login):
    report = {"category": "drugs", "description": "Ông B đến trình báo trực tiếp việc mua bán ma túy",
              "commune": tree.a.pk, "channel": "in_person", "report_type": "denunciation",
              "latitude": "10.776900", "longitude": "106.700900"}
    response = check_three_ways(client_for=api_login, url="/api/v1/tips/", method="post", data=report,
                                allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a,
                                ok=(201,), api=True, state=lambda: Tip.objects.count())
    tip = Tip.objects.get(receipt_code=response.json()["receipt_code"])
    assert (tip.channel, str(tip.latitude), str(tip.longitude)) == ("in_person", "10.776900", "106.700900")


def test_public_bad_input_is_answered_field_by_field_in_vietnamese_and_nothing_is_stored(tree, settings):
    settings.ANTQ_TIP_SUBMIT_LIMIT = "100/3600"  # bad reports count against the limit too
    client = APIClient()
    report = {"category": "drugs", "description": "Có người bán ma túy ở quán nước", "commune": tree.a.pk}
    bad = [
        ([1, 2], {"non_field_errors": ["Hãy gửi một đối tượng gồm các trường có tên."]}),
        ({**report, "commune": "abc", "occurred_on": "2026-13-01", "anonymous": "có lẽ"},
         {"commune": ["Hãy nhập một số nguyên."], "occurred_on": ["Hãy nhập ngày theo dạng YYYY-MM-DD."],
          "anonymous": ["Hãy nhập true hoặc false."]}),
        ({**report, "category": "nope", "commune": 999_999, "latitude": "10.1234567", "description": None},
         {"category": ["Hãy chọn lĩnh vực của tin báo."], "description": ["Hãy nhập chữ."],
          "commune": ["Hãy chọn xã, phường nơi xảy ra sự việc."], "latitude": ["Tối đa 6 chữ số thập phân."]}),
        ({**report, "anonymous": False, "reporter_name": "An", "reporter_email": "x@", "consent_handle": True},
         {"reporter_email": ["Nhập một địa chỉ email hợp lệ."]}),
        ({"description": "x" * 10_001},
         {"category": ["Trường này là bắt buộc."], "commune": ["Trường này là bắt buộc."],
          "description": ["Trường này tối đa 10000 ký tự."]}),
    ]
    for body, fields in bad:
        response = client.post("/api/v1/public/tips/", body, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["fields"] == fields
    files = [SimpleUploadedFile(f"a{n}.txt", b"hello") for n in range(6)]
    response = client.post("/api/v1/public/tips/", {**report, "attachments": files}, format="multipart")
    assert response.json()["error"]["fields"] == {"attachments": ["Tối đa 5 mục."]}
    english = client.post("/api/v1/public/tips/", {**report, "commune": "abc"}, format="json",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["error"]["fields"] == {"commune": ["Enter a whole number."]}
    assert not TipIntake.objects.exists() and not Tip.objects.exists()


def test_a_form_may_leave_optional_fields_empty_and_numbers_pass_as_text(tree):
    client = APIClient()
    report = {"category": "drugs", "description": "Có người bán ma túy ở quán nước", "commune": tree.a.pk}
    assert client.post("/api/v1/public/tips/", {**report, "occurred_on": "", "latitude": "", "anonymous": "true"},
                       format="multipart").status_code == 201
    response = client.post("/api/v1/public/tips/", {**report, "occurred_on": None, "anonymous": False,
                                                    "reporter_name": "An", "reporter_phone": 912345678,
                                                    "consent_handle": True}, format="json")
    assert response.status_code == 201, response.json()


def test_a_body_that_is_not_json_is_refused_in_vietnamese(tree):
    response = APIClient().post("/api/v1/public/tips/", "{bad json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "status": 400, "code": "parse_error",
        "message": "Không đọc được nội dung yêu cầu: hãy gửi JSON hoặc biểu mẫu; chưa có gì được lưu."}
    assert not TipIntake.objects.exists()
