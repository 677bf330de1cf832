import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from antq.programs.models import Directive, DirectiveReply, InspectionPlan, InspectionVisit
from antq.programs.services import coordination

pytestmark = pytest.mark.django_db


@pytest.fixture
def directive(tree, people):
    return coordination.directive_issue(
        actor=people.province, unit=tree.province, number="25/CĐ-BCĐ", title="Cao điểm tấn công trấn áp tội phạm",
        body="Các xã, phường báo cáo kết quả.", reply_by=timezone.localdate() + datetime.timedelta(days=7))


def test_replies_are_tracked_and_who_has_not_replied_is_visible(tree, people, directive):
    coordination.directive_reply(actor=people.officer_a, directive=directive, unit=tree.a, text="Đã triển khai")
    status = coordination.directive_status(directive)
    assert status["replied"] == 1 and [row["unit"] for row in status["missing"]] == [tree.b]
    assert not status["overdue"]
    with pytest.raises(ValidationError):
        coordination.directive_reply(actor=people.officer_a, directive=directive, unit=tree.a, text="lần hai")
    with pytest.raises(PermissionDenied):
        coordination.directive_reply(actor=people.officer_a, directive=directive, unit=tree.b, text="giả mạo")
    Directive.objects.filter(pk=directive.pk).update(reply_by=timezone.localdate() - datetime.timedelta(days=1))
    directive.refresh_from_db()
    assert coordination.directive_status(directive)["overdue"]
    assert DirectiveReply.objects.count() == 1


def test_directive_pages_three_ways(tree, people, login, directive):
    url = reverse("programs:directive_detail", args=[directive.pk])
    page = login(people.officer_a).get(url)
    assert page.status_code == 200 and page.context["may_reply"] == [tree.a] and not page.context["can_see_all"]
    assert login(people.viewer_a).get(url).context["may_reply"] == []
    reply_url = reverse("programs:directive_reply", args=[directive.pk, tree.b.pk])
    assert login(people.officer_a).post(reply_url, {"text": "x"}).status_code == 404
    empty = login(people.officer_a).post(reverse("programs:directive_reply", args=[directive.pk, tree.a.pk]),
                                         {"text": "   "})
    assert empty.status_code == 400 and "is-invalid" in empty.content.decode()  # the reason, on the reply
    login(people.officer_a).post(reverse("programs:directive_reply", args=[directive.pk, tree.a.pk]), {"text": "Xong"})
    assert DirectiveReply.objects.get().unit == tree.a
    province_page = login(people.province).get(url)
    assert province_page.context["can_see_all"] and province_page.context["status"]["replied"] == 1


def test_a_commune_cannot_direct_or_backdate(tree, people):
    with pytest.raises(ValidationError):  # a commune has no committees below it
        coordination.directive_issue(actor=people.officer_a, unit=tree.a, title="x", body="y",
                                     reply_by=timezone.localdate())
    with pytest.raises(ValidationError):
        coordination.directive_issue(actor=people.province, unit=tree.province, title="x", body="y",
                                     reply_by=timezone.localdate() - datetime.timedelta(days=1))
    assert not Directive.objects.exists()


def test_inspection_plan_findings_and_follow_up(tree, people, login):
    plan = coordination.inspection_plan_create(
        actor=people.province, unit=tree.province, title="Kiểm tra phong trào năm 2026", year=2026,
        starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2026, 9, 30),
        team="Đại tá Nguyễn Văn A, Phó Giám đốc Công an tỉnh\nBà Trần Thị B, Ủy ban MTTQ tỉnh", targets=[tree.a])
    visit = plan.visits.get()
    with pytest.raises(ValidationError):  # nothing to follow up before the findings
        coordination.inspection_follow_up(actor=people.officer_a, visit=visit, status="done")
    with pytest.raises(PermissionDenied):
        coordination.inspection_findings_record(actor=people.officer_a, visit=visit, findings="x",
                                                visited_on=datetime.date(2026, 9, 5), recommendations="")
    bad = login(people.province).post(reverse("programs:inspection_findings", args=[visit.pk]), {
        "visited_on": "35/09/2026", "findings": "Giao ban chưa đều, thiếu biên bản", "recommendations": ""})
    assert bad.status_code == 400 and "Giao ban chưa đều, thiếu biên bản" in bad.content.decode()  # kept as typed
    assert 'value="35/09/2026"' in bad.content.decode() and "is-invalid" in bad.content.decode()
    visit.refresh_from_db()
    assert not visit.findings  # nothing saved
    login(people.province).post(reverse("programs:inspection_findings", args=[visit.pk]), {
        "visited_on": "05/09/2026", "findings": "Giao ban chưa đều", "recommendations": "Họp đủ hằng tháng"})
    visit.refresh_from_db()
    assert visit.findings == "Giao ban chưa đều" and visit.visited_on == datetime.date(2026, 9, 5)
    page = login(people.officer_a).get(reverse("programs:inspection_detail", args=[plan.pk]))
    assert page.status_code == 200 and page.context["rows"][0]["can_follow_up"]
    assert login(people.officer_b).get(reverse("programs:inspection_detail", args=[plan.pk])).context["rows"] == []
    assert login(people.officer_b).post(reverse("programs:inspection_follow_up", args=[visit.pk]),
                                        {"status": "done"}).status_code == 404
    login(people.officer_a).post(reverse("programs:inspection_follow_up", args=[visit.pk]),
                                 {"status": "done", "note": "Đã họp đủ tháng 10"})
    visit.refresh_from_db()
    assert visit.follow_up == "done" and "Đã họp đủ" in visit.follow_up_note
    with pytest.raises(ValidationError):
        coordination.inspection_plan_create(actor=people.province, unit=tree.province, title="x", year=2026,
                                            starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2026, 9, 2),
                                            team="A", targets=[tree.a1])
    assert InspectionPlan.objects.count() == 1 and InspectionVisit.objects.count() == 1


def test_directives_and_visits_via_api(tree, people, api_login, directive):
    response = api_login(people.officer_a).post(f"/api/v1/directives/{directive.pk}/reply/",
                                                {"unit": tree.a.pk, "text": "Đã triển khai"}, format="json")
    assert response.status_code == 201
    assert api_login(people.officer_b).post(f"/api/v1/directives/{directive.pk}/reply/",
                                            {"unit": tree.a.pk, "text": "x"}, format="json").status_code == 404
    assert [d["id"] for d in api_login(people.officer_b).get("/api/v1/directives/").json()["results"]] == [directive.pk]
    assert DirectiveReply.objects.count() == 1
