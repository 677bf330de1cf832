import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from antq.committees.models import CommitteeMember, Meeting, SteeringCommittee
from antq.committees.tests.factories import full_committee, org_of
from antq.core.testing import check_three_ways, pdf_bytes
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _last_month() -> datetime.date:
    return timezone.localdate().replace(day=1) - datetime.timedelta(days=1)


def _no_committee_role(tree):
    user = UserFactory(home_unit=tree.a)
    grant(user, "area_head", tree.a)  # sees units and organisations, not committees
    return user


def test_committee_detail_three_ways(tree, people, login):
    committee = full_committee(tree.a)
    check_three_ways(client_for=login, url=reverse("committees:committee_detail", args=[committee.pk]),
                     allowed=people.officer_a, outsider=people.officer_b, unpermitted=_no_committee_role(tree),
                     denied=404)


def test_a_commune_without_last_months_meeting_is_overdue_at_commune_and_province(tree, people, login):
    province = full_committee(tree.province)
    a, b = full_committee(tree.a), full_committee(tree.b)
    Meeting.objects.create(committee=b, held_on=_last_month())
    year = _last_month().year
    # Set up on 1 January: this year's periods are all they owe, so overdue = owed − held this year.
    type(a).objects.update(established_on=datetime.date(year, 1, 1))
    response = login(people.officer_a).get(reverse("committees:committee_detail", args=[a.pk]), {"year": year})
    overdue_labels = [s.label for s in response.context["calendar"]["overdue"]]
    assert f"{_last_month():%m/%Y}" in overdue_labels
    assert "quá hạn" in response.content.decode()
    response = login(people.province).get(reverse("committees:committee_detail", args=[province.pk]), {"year": year})
    rows = {row["committee"].pk: row for row in response.context["below"]}
    assert rows[a.pk]["overdue"] == rows[a.pk]["due"] >= 1
    assert rows[b.pk]["overdue"] == rows[b.pk]["due"] - 1
    assert [m.committee_id for m in response.context["reports_from_below"]] == [b.pk]


def test_province_exports_the_table_below_to_xlsx(tree, people, login):
    province = full_committee(tree.province)
    full_committee(tree.a)
    full_committee(tree.b, skip=("deputy",))
    response = login(people.province).get(reverse("committees:committee_below_xlsx", args=[province.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert {r[0] for r in rows} == {"Phường Tân Ninh", "Xã Hoà Hội"}
    assert {r[0]: r[5] for r in rows}["Xã Hoà Hội"] == "không"


def test_record_meeting_three_ways(tree, people, login):
    committee = full_committee(tree.a)
    members = CommitteeMember.objects.filter(committee=committee)
    data = {"held_on": "05/10/2026", "place": "Hội trường UBND",
            **{f"att_{m.pk}": "present" for m in members},
            "decision_0": "Ra quân tổng vệ sinh", "owner_0": org_of(tree.a, "youth").pk, "due_0": "30/10/2026"}
    count = lambda: Meeting.objects.count()  # noqa: E731
    response = check_three_ways(
        client_for=login, url=reverse("committees:meeting_record", args=[committee.pk]), method="post", data=data,
        allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(302,), state=count)
    meeting = Meeting.objects.get()
    assert response.url == reverse("committees:meeting_detail", args=[meeting.pk])
    assert meeting.held_on == datetime.date(2026, 10, 5) and meeting.decisions.get().text == "Ra quân tổng vệ sinh"


def test_a_fake_pdf_is_refused_with_a_message_and_nothing_saved(tree, people, login):
    committee = full_committee(tree.a)
    fake = SimpleUploadedFile("bien-ban.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = login(people.officer_a).post(reverse("committees:meeting_record", args=[committee.pk]),
                                            {"held_on": "05/10/2026", "signed_minutes": fake})
    assert response.status_code == 400
    assert "không thuộc loại được chấp nhận" in response.content.decode()
    assert "Chọn lại tệp" in response.content.decode()  # the browser dropped it: say so
    assert not Meeting.objects.exists()


def test_absent_without_reason_is_explained(tree, people, login):
    committee = full_committee(tree.a)
    member = CommitteeMember.objects.filter(committee=committee).first()
    response = login(people.officer_a).post(reverse("committees:meeting_record", args=[committee.pk]),
                                            {"held_on": "05/10/2026", f"att_{member.pk}": "absent"})
    assert "Hãy ghi lý do vắng mặt" in response.content.decode()
    assert not Meeting.objects.exists()


def test_set_up_a_committee_from_the_list(tree, people, login):
    client = login(people.officer_a)
    response = client.get(reverse("committees:committee_list"))
    assert [u.pk for u in response.context["missing"]] == [tree.a.pk]
    response = client.post(reverse("committees:committee_create", args=[tree.a.pk]),
                           {"name": "Ban Chỉ đạo phường Tân Ninh", "decision_number": "12/QĐ-UBND"})
    committee = SteeringCommittee.objects.get(unit=tree.a)
    assert response.url == reverse("committees:committee_detail", args=[committee.pk])
    assert client.post(reverse("committees:committee_create", args=[tree.b.pk]), {"name": "x"}).status_code == 404


def test_end_a_term_keeps_the_member_in_history(tree, people, login):
    committee = full_committee(tree.a)
    head = CommitteeMember.objects.get(committee=committee, position="head")
    client = login(people.officer_a)
    client.post(reverse("committees:member_end_term", args=[head.pk]), {"term_end": "01/11/2026"})
    response = client.get(reverse("committees:committee_detail", args=[committee.pk]))
    assert head in response.context["former"] and head not in response.context["current"]
    assert response.context["unmet"][0].position == "head"
    assert login(people.officer_b).post(reverse("committees:member_end_term", args=[head.pk]),
                                        {"term_end": "01/11/2026"}).status_code == 404


def test_committee_list_and_detail_query_counts(tree, people, login, django_assert_num_queries):
    province = full_committee(tree.province)
    full_committee(tree.a)
    full_committee(tree.b)
    client = login(people.province)
    client.get(reverse("committees:committee_list"))
    with django_assert_num_queries(11):
        response = client.get(reverse("committees:committee_list"))
    assert len(response.context["table"].page.object_list) == 3
    client.get(reverse("committees:committee_detail", args=[province.pk]))
    with django_assert_num_queries(18):  # the page, and its communes as tiles (one query)
        client.get(reverse("committees:committee_detail", args=[province.pk]))


def test_working_rules_are_attached_as_a_checked_pdf(tree, people, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    committee = full_committee(tree.a)
    url = reverse("committees:committee_edit", args=[committee.pk])
    fake = SimpleUploadedFile("quy-che.pdf", b"\x89PNG\r\n\x1a\n....", content_type="application/pdf")
    response = login(people.officer_a).post(url, {"name": committee.name, "working_rules": fake})
    assert response.status_code == 400 and "không thuộc loại được chấp nhận" in response.content.decode()
    committee.refresh_from_db()
    assert not committee.working_rules
    pdf = SimpleUploadedFile("quy-che.pdf", pdf_bytes(), content_type="application/pdf")
    assert login(people.officer_a).post(url, {"name": committee.name, "decision_number": "12/QĐ-BCĐ",
                                              "working_rules": pdf}).status_code == 302
    committee.refresh_from_db()
    assert committee.working_rules.name.endswith(".pdf") and committee.decision_number == "12/QĐ-BCĐ"
    rules = login(people.officer_a).get(reverse("committees:committee_rules_file", args=[committee.pk]))
    assert rules.status_code == 200
    assert login(people.officer_b).post(url, {"name": "x"}).status_code == 404


def test_a_decision_is_marked_done_once(tree, people, login):
    from antq.committees import services

    committee = full_committee(tree.a)
    meeting = services.meeting_record(actor=people.officer_a, committee=committee, held_on=datetime.date(2026, 10, 5),
                                      decisions=[services.DecisionLine("Tổng vệ sinh khu phố")])
    decision = meeting.decisions.get()
    url = reverse("committees:decision_done", args=[decision.pk])
    assert login(people.officer_b).post(url).status_code == 404
    assert login(people.viewer_a).post(url).status_code == 403
    login(people.officer_a).post(url)
    decision.refresh_from_db()
    assert decision.done_on == timezone.localdate()


def test_a_bad_end_of_term_date_is_explained_and_changes_nothing(tree, people, login):
    """The page comes back (400) with the date as typed and the reason on the field, the form opened."""
    committee = full_committee(tree.a)
    head = CommitteeMember.objects.get(committee=committee, position="head")
    client = login(people.officer_a)
    response = client.post(reverse("committees:member_end_term", args=[head.pk]), {"term_end": "31/02/2026"})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="end{head.pk}-error">Nhập một ngày hợp lệ.' in page and 'value="31/02/2026"' in page
    response = client.post(reverse("committees:member_end_term", args=[head.pk]), {"term_end": "01/01/2000"})
    assert response.status_code == 400
    assert "Ngày thôi nhiệm không được trước ngày bắt đầu nhiệm kỳ." in response.content.decode()
    assert 'value="01/01/2000"' in response.content.decode()
    head.refresh_from_db()
    assert head.term_end is None


def test_the_province_committee_shows_its_communes_as_tiles(tree, people, login):
    province = full_committee(tree.province)
    a = full_committee(tree.a)
    type(a).objects.filter(pk=a.pk).update(established_on=datetime.date(timezone.localdate().year - 1, 1, 1))
    page = login(people.province).get(reverse("committees:committee_detail", args=[province.pk]))
    tiles = {t["unit"].pk: t for t in page.context["commune_tiles"]}
    assert tiles[tree.a.pk]["tone"] == "low"  # never met in a year
    assert tiles[tree.a.pk]["href"] == reverse("committees:committee_detail", args=[a.pk])
    assert tiles[tree.b.pk]["tone"] == "none"  # no committee recorded
