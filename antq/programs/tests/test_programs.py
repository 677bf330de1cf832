import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from antq.committees.tests.factories import org_of
from antq.core.models import AuditEvent
from antq.core.testing import check_three_ways, pdf_bytes
from antq.orgs.tests.factories import UserFactory
from antq.programs import selectors, services
from antq.programs.models import Assignment, Program

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 22)


@pytest.fixture
def program13(tree, people):
    """Province program 13/CTrPH-CA-MTTQ for 2023–2033, with content and two assignments."""
    program = services.program_create(
        actor=people.province, unit=tree.province, number="13", code="CTrPH-CA-MTTQ",
        title="Phối hợp thực hiện Chương trình phối hợp số 07", start_year=2023, end_year=2033,
        issuers=[org_of(tree.province, "police"), org_of(tree.province, "front")])
    services.content_item_add(actor=people.province, program=program, text="Đổi mới công tác tuyên truyền")
    services.assignment_add(actor=people.province, program=program, organisation=org_of(tree.province, "police"),
                            task="Tham mưu sơ kết hằng năm", due_on=datetime.date(2026, 12, 15))
    services.assignment_add(actor=people.province, program=program, organisation=org_of(tree.province, "elderly"),
                            task="Phát động phong trào Tuổi cao – Gương sáng", due_on=datetime.date(2026, 6, 30))
    return program


def test_reference_and_review_milestones_come_from_the_rules(program13):
    assert program13.reference == "13/CTrPH-CA-MTTQ"
    kinds = list(program13.milestones.values_list("kind", "year"))
    assert kinds.count(("midterm", 2028)) == 1 and kinds.count(("final", 2033)) == 1
    assert len([k for k in kinds if k[0] == "yearly"]) == 11
    assert program13.milestones.get(kind="midterm").due_on == datetime.date(2028, 12, 31)


def test_a_commune_plan_implementing_the_province_program_copies_its_structure(tree, people, program13):
    org_of(tree.a, "police")  # the commune has police but no elderly association on record
    plan = services.program_create(actor=people.officer_a, unit=tree.a, kind="plan", title="Kế hoạch thực hiện",
                                   start_year=2024, end_year=2033, parent=program13)
    assert list(plan.content_items.values_list("text", flat=True)) == ["Đổi mới công tác tuyên truyền"]
    copied = plan.assignments.get()
    assert copied.organisation.unit == tree.a and copied.organisation.org_type.code == "police"
    assert plan.status == "draft"
    event = AuditEvent.objects.get(action="programs.program_create", object_id=str(plan.pk))
    assert event.after["not_copied_for"] == ["Hội Người cao tuổi"]


def test_a_program_implements_one_from_above_only(tree, people, program13):
    plan_b = services.program_create(actor=people.officer_b, unit=tree.b, title="Kế hoạch xã B", start_year=2024,
                                     end_year=2033, parent=program13)
    with pytest.raises(ValidationError) as exc:
        services.program_create(actor=people.officer_a, unit=tree.a, title="X", start_year=2024, end_year=2033,
                                parent=plan_b)
    assert "parent" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.program_create(actor=people.officer_a, unit=tree.a, title="X", start_year=2030, end_year=2024)
    assert not Program.objects.filter(unit=tree.a).exists()


def test_issue_needs_assignments_and_writes_need_the_units_permission(tree, people, program13):
    empty = services.program_create(actor=people.officer_a, unit=tree.a, title="Trống", start_year=2026,
                                    end_year=2026)
    with pytest.raises(ValidationError):
        services.program_issue(actor=people.officer_a, program=empty)
    with pytest.raises(PermissionDenied):
        services.assignment_add(actor=people.officer_a, program=program13, task="x",
                                organisation=org_of(tree.province, "police"))
    services.program_issue(actor=people.province, program=program13)
    program13.refresh_from_db()
    assert program13.status == "issued" and program13.issued_on is not None
    with pytest.raises(ValidationError) as exc:
        services.assignment_add(actor=people.province, program=program13, task="x",
                                organisation=org_of(tree.province, "police"), due_on=datetime.date(2040, 1, 1))
    assert "due_on" in exc.value.message_dict


def test_progress_reports_and_the_roll_up(tree, people, program13, login):
    plan_a = services.program_create(actor=people.officer_a, unit=tree.a, title="Kế hoạch A", start_year=2024,
                                     end_year=2033, parent=program13)
    police = program13.assignments.get(organisation__org_type__code="police")
    services.assignment_report(actor=people.province, assignment=police, status="done", progress="Đã sơ kết",
                               evidence=SimpleUploadedFile("bc.pdf", pdf_bytes(), "application/pdf"))
    police.refresh_from_db()
    assert police.done_on is not None and "Đã sơ kết" in police.progress and police.evidence.name.endswith(".pdf")
    download = check_three_ways(client_for=login, url=reverse("programs:assignment_evidence", args=[police.pk]),
                                allowed=people.province, outsider=people.officer_b,
                                unpermitted=UserFactory(home_unit=tree.province), denied=404)
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    with pytest.raises(ValidationError):
        services.assignment_report(actor=people.province, assignment=police, status="done",
                                   evidence=SimpleUploadedFile("bc.pdf", b"GIF89a", "application/pdf"))
    rows = {r["organisation__name"]: r for r in selectors.by_organisation(program13, TODAY)}
    assert rows[org_of(tree.province, "police").name]["done"] == 1
    assert rows[org_of(tree.province, "elderly").name]["overdue"] == 1  # due 30/06/2026
    below = selectors.implementations(program13, people.province, TODAY)
    assert [(b["program"].pk, b["total"], b["overdue"]) for b in below] == [(plan_a.pk, plan_a.assignments.count(), 0)]


def test_a_commune_reads_the_province_program_but_not_another_communes_plan(tree, people, program13, login):
    plan_b = services.program_create(actor=people.officer_b, unit=tree.b, title="Kế hoạch xã B", start_year=2024,
                                     end_year=2033, parent=program13)
    client = login(people.officer_a)
    assert client.get(reverse("programs:program_detail", args=[program13.pk])).status_code == 200
    assert client.get(reverse("programs:program_detail", args=[plan_b.pk])).status_code == 404
    response = client.post(reverse("programs:assignment_add", args=[program13.pk]),
                           {"organisation": org_of(tree.province, "police").pk, "task": "x", "recurrence": "once"})
    assert response.status_code == 403
    assert program13.assignments.count() == 2
    listed = {p.pk for p in client.get(reverse("programs:program_list")).context["table"].data}
    assert listed == {program13.pk}


def test_assignment_report_page_three_ways(tree, people, login, program13):
    plan_a = services.program_create(actor=people.officer_a, unit=tree.a, title="Kế hoạch A", start_year=2024,
                                     end_year=2033)
    assignment = services.assignment_add(actor=people.officer_a, program=plan_a, organisation=org_of(tree.a, "women"),
                                         task="Tuyên truyền gia đình 5 không 3 sạch")
    status = lambda: Assignment.objects.get(pk=assignment.pk).status  # noqa: E731
    check_three_ways(client_for=login, url=reverse("programs:assignment_report", args=[assignment.pk]),
                     method="post", data={"status": "in_progress", "progress": "Đã tổ chức 2 buổi"},
                     allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(302,),
                     state=status)
    assert status() == "in_progress"


def test_create_an_implementing_plan_through_the_page_and_export(tree, people, login, program13):
    client = login(people.officer_a)
    page = client.get(reverse("programs:program_create", args=[tree.a.pk]), {"parent": program13.pk})
    assert page.context["form"].initial["parent"] == program13
    response = client.post(reverse("programs:program_create", args=[tree.a.pk]), {
        "kind": "plan", "number": "05", "code": "KH-CAP", "title": "Kế hoạch thực hiện Chương trình 13",
        "start_year": 2024, "end_year": 2033, "parent": program13.pk})
    plan = Program.objects.get(unit=tree.a)
    assert response.url == reverse("programs:program_detail", args=[plan.pk]) and plan.parent == program13
    sheet = load_workbook(io.BytesIO(login(people.province).get(
        reverse("programs:program_assignments_xlsx", args=[program13.pk])).content)).active
    assert any(row[0] == "Phường Tân Ninh" for row in sheet.iter_rows(min_row=4, values_only=True))


def test_api_lists_and_creates_assignments_in_scope(tree, people, api_login, program13):
    plan_a = services.program_create(actor=people.officer_a, unit=tree.a, title="Kế hoạch A", start_year=2024,
                                     end_year=2033)
    client = api_login(people.officer_a)
    ids = {p["id"] for p in client.get("/api/v1/programs/").json()["results"]}
    assert ids == {program13.pk, plan_a.pk}
    check_three_ways(client_for=api_login, url="/api/v1/assignments/", method="post", api=True,
                     data={"program": plan_a.pk, "organisation": org_of(tree.a, "youth").pk, "task": "Tuần tra"},
                     allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(201,),
                     state=lambda: plan_a.assignments.count())


def test_a_meeting_decision_becomes_an_assignment_once(tree, people, login):
    from antq.committees import services as committee_services
    from antq.committees.tests.factories import full_committee

    committee = full_committee(tree.a)
    meeting = committee_services.meeting_record(
        actor=people.officer_a, committee=committee, held_on=datetime.date(2026, 10, 5),
        decisions=[committee_services.DecisionLine("Ra quân trấn áp tội phạm", org_of(tree.a, "police"),
                                                   datetime.date(2026, 12, 1))])
    decision = meeting.decisions.get()
    plan_a = services.program_create(actor=people.officer_a, unit=tree.a, title="Kế hoạch A", start_year=2024,
                                     end_year=2033)
    page = login(people.officer_a).get(reverse("committees:meeting_detail", args=[meeting.pk]))
    assert page.context["programs"] == [plan_a]
    assert login(people.officer_b).post(reverse("committees:decision_follow_up", args=[decision.pk]),
                                        {"program": plan_a.pk}).status_code == 404
    login(people.officer_a).post(reverse("committees:decision_follow_up", args=[decision.pk]), {"program": plan_a.pk})
    assignment = plan_a.assignments.get()
    assert assignment.source_decision == decision and assignment.due_on == datetime.date(2026, 12, 1)
    with pytest.raises(ValidationError):
        services.decision_follow_up(actor=people.officer_a, decision=decision, program=plan_a)
    assert plan_a.assignments.count() == 1


def test_a_refused_assignment_comes_back_with_what_was_typed(tree, people, program13, login):
    client = login(people.province)
    before = program13.assignments.count()
    task = "Tổ chức hội nghị sơ kết 5 năm phong trào toàn dân bảo vệ an ninh Tổ quốc"
    page = client.post(reverse("programs:assignment_add", args=[program13.pk]),
                       {"organisation": "", "task": task, "due_on": "31/02/2027", "recurrence": "once"})
    body = page.content.decode()
    assert page.status_code == 400 and task in body and 'value="31/02/2027"' in body
    assert 'id="id_organisation_error"' in body and 'id="id_due_on_error"' in body  # each error on its field
    assert program13.assignments.count() == before
