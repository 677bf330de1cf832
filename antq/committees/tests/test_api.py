import pytest

from antq.committees.models import CommitteeMember, Meeting
from antq.committees.tests.factories import full_committee, org_of
from antq.core.testing import check_three_ways, pdf_bytes

pytestmark = pytest.mark.django_db


def test_meetings_and_committees_are_scoped(tree, people, api_login):
    a, b = full_committee(tree.a), full_committee(tree.b)
    Meeting.objects.create(committee=a, held_on="2026-10-01")
    other = Meeting.objects.create(committee=b, held_on="2026-10-02")
    client = api_login(people.officer_a)
    assert [c["id"] for c in client.get("/api/v1/committees/").json()["results"]] == [a.pk]
    assert [m["committee"] for m in client.get("/api/v1/meetings/").json()["results"]] == [a.pk]
    assert client.get(f"/api/v1/meetings/{other.pk}/").status_code == 404
    members = client.get("/api/v1/committee-members/", {"committee": b.pk}).json()
    assert members["count"] == 0


def test_record_a_meeting_via_api_three_ways(tree, people, api_login):
    committee = full_committee(tree.a)
    member = CommitteeMember.objects.filter(committee=committee).first()
    data = {"committee": committee.pk, "held_on": "2026-10-05", "place": "UBND phường",
            "attendance": [{"member": member.pk, "status": "absent", "note": "Ốm"}],
            "decisions": [{"text": "Tăng cường tuần tra", "owner": org_of(tree.a, "youth").pk, "due_on": "2026-11-01"}]}
    response = check_three_ways(client_for=api_login, url="/api/v1/meetings/", method="post", data=data, api=True,
                                allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a,
                                ok=(201,), state=Meeting.objects.count)
    body = response.json()
    assert body["attendance"] == [{"member": member.pk, "status": "absent", "note": "Ốm"}]
    assert body["decisions"][0]["text"] == "Tăng cường tuần tra"


def test_member_via_api_refuses_a_second_head(tree, people, api_login):
    committee = full_committee(tree.a)
    response = api_login(people.officer_a).post("/api/v1/committee-members/", {
        "committee": committee.pk, "full_name": "Người Thứ Hai", "organisation": org_of(tree.a, "people_committee").pk,
        "position": "head"}, format="json")
    assert response.status_code == 400
    assert "đang giữ vị trí này" in response.json()["error"]["fields"]["position"][0]
    assert CommitteeMember.objects.filter(committee=committee, position="head").count() == 1


def test_signed_minutes_upload_via_api(tree, people, api_login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    committee = full_committee(tree.a)
    meeting = Meeting.objects.create(committee=committee, held_on="2026-10-01")
    url = f"/api/v1/meetings/{meeting.pk}/minutes/"
    fake = SimpleUploadedFile("bb.pdf", b"not a pdf at all", content_type="application/pdf")
    response = api_login(people.officer_a).post(url, {"signed_minutes": fake}, format="multipart")
    assert response.status_code == 400 and "signed_minutes" in response.json()["error"]["fields"]
    meeting.refresh_from_db()
    assert not meeting.signed_minutes
    pdf = SimpleUploadedFile("bb.pdf", pdf_bytes(), content_type="application/pdf")
    assert api_login(people.officer_b).post(url, {"signed_minutes": pdf}, format="multipart").status_code == 404
    pdf.seek(0)
    response = api_login(people.officer_a).post(url, {"signed_minutes": pdf}, format="multipart")
    assert response.status_code == 200 and response.json()["has_signed_minutes"] is True


def test_an_id_out_of_scope_in_a_body_answers_exactly_like_one_that_does_not_exist(tree, people, api_login):
    """An organisation of another commune (out of the officer's jurisdiction) and an id nobody has get
    the same 404 and the same body, before any other field is checked: nothing tells that it exists."""
    committee = full_committee(tree.a)
    client = api_login(people.officer_a)
    other = full_committee(tree.b)
    body = {"committee": committee.pk, "full_name": "Người Thử", "position": "member", "phone": "x" * 500}
    members = CommitteeMember.objects.count()
    elsewhere = client.post("/api/v1/committee-members/", {**body, "organisation": org_of(tree.b, "women").pk},
                            format="json")
    nowhere = client.post("/api/v1/committee-members/", {**body, "organisation": 987654}, format="json")
    assert elsewhere.status_code == nowhere.status_code == 404
    assert elsewhere.json() == nowhere.json()
    assert client.post("/api/v1/committee-members/", {**body, "committee": other.pk,
                                                      "organisation": org_of(tree.a, "women").pk},
                       format="json").json() == nowhere.json()
    assert CommitteeMember.objects.count() == members
